// The detector factory: `detect train --arch NAME` → an untrained detector.
//
// The one table of architectures `detect` knows. Today: ngram (the n-gram
// language model, the default), stide and count (the event-count vector).
// The learned models (lstm, transformer: detect::LearnedDetector behind the
// same TraceDetector interface) are listed with no maker yet, so asking for
// them is a clear error; adding one is filling in its entry here.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "detect/trace_detector.h"

namespace protolm::detect {

inline constexpr std::string_view kDefaultArch = "ngram";
/// The detector trained beside every model for `detect eval`'s comparison.
inline constexpr std::string_view kBaselineArch = "ngram";

struct DetectorParams {
  /// n-gram order or STIDE window; each architecture's default when unset.
  std::optional<size_t> order;
};

/// InvalidArgument for an unknown name (naming the choices), Unsupported
/// for an architecture not built yet.
Result<std::unique_ptr<TraceDetector>> MakeDetector(
    std::string_view arch, const DetectorParams& params = {});

/// "ngram|stide|count|lstm|transformer", for help texts.
std::string ArchChoices();

}  // namespace protolm::detect
