// The detector factory: `detect train --arch NAME` → an untrained detector.
//
// The one table of architectures `detect` knows: ngram (the n-gram language
// model, the default), stide, count (the event-count vector), and the
// learned lstm and transformer (detect::LearnedDetector, trained by the
// trainer plugin). Adding one is adding its entry here.
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

/// InvalidArgument for an unknown name (naming the choices).
Result<std::unique_ptr<TraceDetector>> MakeDetector(
    std::string_view arch, const DetectorParams& params = {});

/// "ngram|stide|count|lstm|transformer", for help texts.
std::string ArchChoices();

}  // namespace protolm::detect
