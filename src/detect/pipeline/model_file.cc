// ModelFile: see model_file.h.
#include "detect/pipeline/model_file.h"

#include <fstream>
#include <sstream>

#include "detect/json_fields.h"

namespace protolm::detect {

namespace {

Result<ModelFile> FromJson(const nlohmann::json& json) {
  ModelFile file;
  ASSIGN_OR_RETURN(file.model, DetectorModel::FromJson(json));
  ASSIGN_OR_RETURN(const nlohmann::json* source, ReadObject(json, "source"));
  ASSIGN_OR_RETURN(file.source, SourceSettings::FromJson(*source));
  if (json.contains("baseline")) {
    ASSIGN_OR_RETURN(const nlohmann::json* baseline,
                     ReadObject(json, "baseline"));
    nlohmann::json document = *baseline;
    document["format"] = json["format"];
    document["version"] = json["version"];
    document["vocabulary"] = json["vocabulary"];
    auto model = DetectorModel::FromJson(document);
    if (!model.ok()) return model.status().WithContext("baseline");
    file.baseline_model = std::move(model).value();
  }
  if (json.contains("validation_scores")) {
    ASSIGN_OR_RETURN(const nlohmann::json* scores,
                     ReadArray(json, "validation_scores"));
    for (const nlohmann::json& score : *scores) {
      if (!score.is_number()) {
        return Malformed("\"validation_scores\" holds a non-number");
      }
      file.validation_scores.push_back(score.get<double>());
    }
  }
  return file;
}

}  // namespace

Status ModelFile::Save(const std::string& path) const {
  nlohmann::json json = model.ToJson();
  json["source"] = source.ToJson();
  if (baseline_model) {
    nlohmann::json baseline{{"detector", baseline_model->detector->ToJson()}};
    if (baseline_model->calibration) {
      baseline["calibration"] = baseline_model->calibration->ToJson();
    }
    json["baseline"] = std::move(baseline);
  }
  if (!validation_scores.empty()) json["validation_scores"] = validation_scores;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
  out.close();
  if (!out) return IoError(path + ": cannot write the model");
  return Status::Ok();
}

Result<ModelFile> ModelFile::Parse(std::string_view text,
                                   const std::string& source) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return Malformed(source + ": not JSON");
  auto file = FromJson(json);
  if (!file.ok()) return file.status().WithContext(source);
  return file;
}

Result<ModelFile> ModelFile::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the model");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": cannot read the model");
  return Parse(text.str(), path);
}

}  // namespace protolm::detect
