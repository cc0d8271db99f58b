// The detector factory: see detector_factory.h.
#include "detect/pipeline/detector_factory.h"

#include <array>

#include "detect/count_vector_detector.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {

namespace {

using Maker = std::unique_ptr<TraceDetector> (*)(const DetectorParams&);

struct Arch {
  std::string_view name;
  Maker make;  // nullptr: not built yet
};

std::unique_ptr<TraceDetector> MakeNgram(const DetectorParams& params) {
  return std::make_unique<NgramDetector>(params.order.value_or(3));
}

std::unique_ptr<TraceDetector> MakeStide(const DetectorParams& params) {
  return std::make_unique<StideDetector>(params.order.value_or(6));
}

std::unique_ptr<TraceDetector> MakeCounts(const DetectorParams&) {
  return std::make_unique<CountVectorDetector>();
}

constexpr std::array<Arch, 5> kArchs{{
    {"ngram", MakeNgram},
    {"stide", MakeStide},
    {"count", MakeCounts},
    {"lstm", nullptr},
    {"transformer", nullptr},
}};

}  // namespace

Result<std::unique_ptr<TraceDetector>> MakeDetector(
    std::string_view arch, const DetectorParams& params) {
  for (const Arch& entry : kArchs) {
    if (entry.name != arch) continue;
    if (entry.make == nullptr) {
      return Unsupported("--arch " + std::string(arch) +
                         ": the learned detector is not part of this build");
    }
    return entry.make(params);
  }
  return InvalidArgument("unknown --arch \"" + std::string(arch) +
                         "\" (choose " + ArchChoices() + ")");
}

std::string ArchChoices() {
  std::string choices;
  for (const Arch& entry : kArchs) {
    if (!choices.empty()) choices += '|';
    choices += entry.name;
  }
  return choices;
}

}  // namespace protolm::detect
