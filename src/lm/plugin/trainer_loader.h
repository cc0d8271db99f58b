// LoadTrainer: finds and loads the trainer plugin (libprotolm_trainer.so, the
// libtorch side of lm/; see trainer_api.h) the first time training is asked
// for. Torch-free: code that trains (clone, cli) links this module, never
// libtorch.
//
// Where it looks:
//   1. $PROTOLM_TRAINER, when set and not empty (only there);
//   2. libprotolm_trainer.so next to the running executable (/proc/self/exe);
//   3. where this build tree builds it.
// The first of 2 and 3 that exists is loaded; if it cannot be, that is the
// error (a broken plugin is not silently passed over for another one).
#pragma once

#include "lm/plugin/trainer_api.h"
#include "util/status.h"

namespace protolm::lm {

/// Returns the plugin's function table, loading the plugin on the first
/// successful call (later calls return the same table; a failed load is
/// tried again on the next call). Thread-safe. The plugin stays loaded until
/// the process exits; the table is never freed.
/// Errors, one line naming the paths tried, dlerror()'s reason and the
/// command that builds the plugin: NotFound when no candidate exists, IoError
/// when the dynamic loader refuses one (missing libtorch, not a shared
/// object, no entry point), Unsupported for a plugin built from other
/// headers ("stale trainer plugin ... rebuild it").
Result<const TrainerApi*> LoadTrainer();

}  // namespace protolm::lm
