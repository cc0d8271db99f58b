// The detector factory: see detector_factory.h.
#include "detect/pipeline/detector_factory.h"

#include <array>

#include "detect/count_vector_detector.h"
#include "detect/learned_detector.h"
#include "detect/ngram_detector.h"
#include "detect/stide_detector.h"

namespace protolm::detect {

namespace {

using Maker = Result<std::unique_ptr<TraceDetector>> (*)(const DetectorParams&);

struct Arch {
  std::string_view name;
  Maker make;
};

Result<std::unique_ptr<TraceDetector>> MakeNgram(const DetectorParams& params) {
  return std::unique_ptr<TraceDetector>(
      std::make_unique<NgramDetector>(params.order.value_or(3)));
}

Result<std::unique_ptr<TraceDetector>> MakeStide(const DetectorParams& params) {
  return std::unique_ptr<TraceDetector>(
      std::make_unique<StideDetector>(params.order.value_or(6)));
}

Result<std::unique_ptr<TraceDetector>> MakeCounts(const DetectorParams&) {
  return std::unique_ptr<TraceDetector>(
      std::make_unique<CountVectorDetector>());
}

/// An LSTM (seed 002's shape) or a transformer, trained by the trainer
/// plugin (learned_detector.h).
template <const char* kArch>
Result<std::unique_ptr<TraceDetector>> MakeLearned(const DetectorParams&) {
  ASSIGN_OR_RETURN(LearnedDetectorOptions options,
                   LearnedDetector::Preset(kArch));
  return std::unique_ptr<TraceDetector>(
      std::make_unique<LearnedDetector>(std::move(options)));
}

constexpr char kLstm[] = "lstm";
constexpr char kTransformer[] = "transformer";

constexpr std::array<Arch, 5> kArchs{{
    {"ngram", MakeNgram},
    {"stide", MakeStide},
    {"count", MakeCounts},
    {kLstm, MakeLearned<kLstm>},
    {kTransformer, MakeLearned<kTransformer>},
}};

}  // namespace

Result<std::unique_ptr<TraceDetector>> MakeDetector(
    std::string_view arch, const DetectorParams& params) {
  for (const Arch& entry : kArchs) {
    if (entry.name != arch) continue;
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
