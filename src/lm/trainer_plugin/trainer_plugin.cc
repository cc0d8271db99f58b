// The trainer plugin's entry point: libprotolm_trainer.so links the torch
// side of lm/ and exports this one function (trainer_plugin.map hides every
// other symbol), which hands the loader (lm/plugin/trainer_loader.h) the
// table of lm/plugin/trainer_api.h.
#include "lm/plugin/trainer_api.h"
#include "lm/token_trainer.h"
#include "lm/trainer.h"

namespace {

constexpr protolm::lm::TrainerApi kTrainerApi{
    .version = protolm::lm::kTrainerApiVersion,
    .layout = protolm::lm::TrainerLayoutSignature(),
    .train_model = &protolm::lm::TrainModel,
    .train_token_model = &protolm::lm::TrainTokenModel,
};

}  // namespace

extern "C" const protolm::lm::TrainerApi* protolm_trainer_api() {
  return &kTrainerApi;
}
