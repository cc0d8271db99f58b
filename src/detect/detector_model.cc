// DetectorModel: see detector_model.h.
#include "detect/detector_model.h"

#include <nlohmann/json.hpp>

#include "detect/json_fields.h"

namespace protolm::detect {

namespace {

constexpr const char* kFormat = "protolm-detect";
constexpr uint64_t kVersion = 1;

}  // namespace

Result<DetectorModel> DetectorModel::Train(
    std::span<const TraceSequence> traces,
    std::unique_ptr<TraceDetector> untrained) {
  if (untrained == nullptr) return InvalidArgument("no detector to train");
  DetectorModel model;
  std::vector<std::vector<TokenId>> encoded;
  encoded.reserve(traces.size());
  for (const TraceSequence& trace : traces) {
    std::vector<TokenId>& ids = encoded.emplace_back();
    ids.reserve(trace.tokens.size());
    for (const std::string& token : trace.tokens) {
      ids.push_back(model.vocabulary.Add(token));
    }
  }
  model.vocabulary.Freeze();
  RETURN_IF_ERROR(untrained->Train(encoded, model.vocabulary.size()));
  model.detector = std::move(untrained);
  return model;
}

Status DetectorModel::Calibrate(std::span<const TraceSequence> normal,
                                double far) {
  std::vector<double> trace_scores;
  std::vector<double> event_surprisals;
  std::vector<double> surprisals;
  for (const TraceSequence& trace : normal) {
    std::vector<TokenId> ids = Encode(trace);
    trace_scores.push_back(detector->TraceScore(ids));
    detector->EventSurprisals(ids, surprisals);
    event_surprisals.insert(event_surprisals.end(), surprisals.begin(),
                            surprisals.end());
  }
  ASSIGN_OR_RETURN(calibration,
                   detect::Calibrate(trace_scores, event_surprisals, far));
  return Status::Ok();
}

nlohmann::json DetectorModel::ToJson() const {
  nlohmann::json json{{"format", kFormat},
                      {"version", kVersion},
                      {"vocabulary", vocabulary.ToJson()},
                      {"detector", detector->ToJson()}};
  if (calibration) json["calibration"] = calibration->ToJson();
  return json;
}

Result<DetectorModel> DetectorModel::FromJson(const nlohmann::json& json) {
  ASSIGN_OR_RETURN(std::string format, ReadString(json, "format"));
  if (format != kFormat) return Malformed("not a protolm detector model");
  ASSIGN_OR_RETURN(uint64_t version, ReadUnsigned(json, "version", 1, ~0ull));
  if (version != kVersion) {
    return Unsupported("detector model version " + std::to_string(version));
  }
  DetectorModel model;
  ASSIGN_OR_RETURN(const nlohmann::json* vocabulary,
                   ReadObject(json, "vocabulary"));
  ASSIGN_OR_RETURN(model.vocabulary, Vocabulary::FromJson(*vocabulary));
  ASSIGN_OR_RETURN(const nlohmann::json* detector,
                   ReadObject(json, "detector"));
  ASSIGN_OR_RETURN(model.detector,
                   DetectorFromJson(*detector, model.vocabulary.size()));
  if (json.contains("calibration")) {
    ASSIGN_OR_RETURN(const nlohmann::json* calibration,
                     ReadObject(json, "calibration"));
    ASSIGN_OR_RETURN(model.calibration, Calibration::FromJson(*calibration));
  }
  return model;
}

Result<DetectorModel> DetectorModel::Parse(std::string_view text,
                                           const std::string& source) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Malformed(source + ": not JSON");
  auto model = FromJson(json);
  if (!model.ok()) return model.status().WithContext(source);
  return model;
}

}  // namespace protolm::detect
