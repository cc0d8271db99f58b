// TrainModelFile: see training.h.
#include "detect/pipeline/training.h"

#include <algorithm>

namespace protolm::detect {

namespace {

constexpr size_t kHoldOutEvery = 10;

Result<DetectorModel> TrainOne(std::span<const TraceSequence> train,
                               std::span<const TraceSequence> validation,
                               std::string_view arch,
                               const DetectorParams& params, double far) {
  ASSIGN_OR_RETURN(std::unique_ptr<TraceDetector> untrained,
                   MakeDetector(arch, params));
  ASSIGN_OR_RETURN(DetectorModel model,
                   DetectorModel::Train(train, std::move(untrained)));
  RETURN_IF_ERROR(model.Calibrate(validation, far));
  return model;
}

}  // namespace

Result<ModelFile> TrainModelFile(
    std::vector<TraceSequence> traces,
    std::optional<std::vector<TraceSequence>> validation, SourceSettings source,
    const TrainSettings& settings, TrainSummary& summary) {
  if (traces.empty()) return InvalidArgument("no training traces in the input");
  if (!(settings.far >= 0 && settings.far < 1)) {
    return InvalidArgument("--far must be in [0, 1)");
  }
  std::vector<TraceSequence> train;
  summary.held_out = !validation;
  if (!validation) {
    if (traces.size() < kHoldOutEvery) {
      return InvalidArgument(
          std::to_string(traces.size()) +
          " training traces are too few to hold out 10 % for calibration; "
          "give --val");
    }
    validation.emplace();
    for (size_t i = 0; i < traces.size(); ++i) {
      auto& to = (i + 1) % kHoldOutEvery == 0 ? *validation : train;
      to.push_back(std::move(traces[i]));
    }
  } else {
    train = std::move(traces);
  }
  if (validation->empty()) {
    return InvalidArgument("no validation traces in the --val input");
  }
  summary.train_traces = train.size();
  summary.validation_traces = validation->size();
  for (const TraceSequence& trace : train) {
    summary.train_events += trace.tokens.size();
  }
  ModelFile file;
  ASSIGN_OR_RETURN(file.model, TrainOne(train, *validation, settings.arch,
                                        settings.params, settings.far));
  if (settings.arch != kBaselineArch || settings.params.order) {
    ASSIGN_OR_RETURN(file.baseline_model,
                     TrainOne(train, *validation, kBaselineArch, {},
                              settings.far));
  }
  for (const TraceSequence& trace : *validation) {
    file.validation_scores.push_back(
        file.model.detector->TraceScore(file.model.Encode(trace)));
  }
  std::sort(file.validation_scores.begin(), file.validation_scores.end());
  file.source = std::move(source);
  return file;
}

}  // namespace protolm::detect
