// Joins a dataset and its predictions into EvalRecords (see eval_dataset.h).
#include "metrics/eval_dataset.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

namespace protolm::metrics {
namespace {

/// One parsed line of a JSONL file, with where it came from.
struct Line {
  std::string where;  // "file:line"
  nlohmann::json value;
};

Result<std::vector<Line>> ReadJsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) return IoError(path + ": cannot open for reading");
  std::vector<Line> lines;
  std::string text;
  for (size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(number);
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded() || !value.is_object())
      return Malformed(where +
                       ": not a JSON object; each line must be one record");
    lines.push_back({where, std::move(value)});
  }
  return lines;
}

/// The hex bytes of `key` (null, missing or "" give no bytes).
Result<Bytes> HexField(const Line& line, const char* key) {
  auto it = line.value.find(key);
  if (it == line.value.end() || it->is_null()) return Bytes{};
  if (!it->is_string())
    return Malformed(line.where + ": '" + key + "' must be a hex string");
  auto bytes = FromHex(it->get<std::string>());
  if (!bytes.ok())
    return Malformed(line.where + ": '" + key +
                     "': " + bytes.status().message());
  return bytes;
}

std::optional<std::string> IdOf(const Line& line) {
  auto it = line.value.find("id");
  if (it == line.value.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string StringField(const Line& line, const char* key) {
  auto it = line.value.find(key);
  return it != line.value.end() && it->is_string() ? it->get<std::string>()
                                                   : "";
}

/// "s7comm" for bytes starting with a TPKT header, else "modbus".
std::string GuessProtocol(const Bytes& request) {
  return request.size() >= 4 && request[0] == 3 && request[1] == 0 ? "s7comm"
                                                                   : "modbus";
}

}  // namespace

Result<std::vector<EvalRecord>> LoadEvalRecords(
    const std::string& dataset_path, const std::string& predictions_path) {
  ASSIGN_OR_RETURN(std::vector<Line> dataset, ReadJsonl(dataset_path));
  ASSIGN_OR_RETURN(std::vector<Line> predictions, ReadJsonl(predictions_path));

  std::vector<EvalRecord> records;
  std::vector<std::string> wheres;
  std::map<std::string, size_t> by_id;
  for (const Line& line : dataset) {
    ASSIGN_OR_RETURN(Bytes request, HexField(line, "request"));
    if (request.empty()) continue;
    EvalRecord r;
    r.request = std::move(request);
    ASSIGN_OR_RETURN(r.expected, HexField(line, "response"));
    r.protocol = StringField(line, "protocol");
    if (r.protocol.empty()) r.protocol = GuessProtocol(r.request);
    r.function = StringField(line, "function");
    if (r.function.empty()) r.function = "unknown";
    if (auto id = IdOf(line)) by_id[*id] = records.size();
    records.push_back(std::move(r));
    wheres.push_back(line.where);
  }
  if (predictions.size() != records.size()) {
    return InvalidArgument(
        predictions_path + ": " + std::to_string(predictions.size()) +
        " predictions for " + std::to_string(records.size()) +
        " dataset records in " + dataset_path +
        "; give one prediction per record");
  }
  std::vector<bool> filled(records.size(), false);
  for (size_t i = 0; i < predictions.size(); ++i) {
    const Line& line = predictions[i];
    size_t target = i;
    if (auto id = IdOf(line)) {
      auto it = by_id.find(*id);
      if (it == by_id.end())
        return InvalidArgument(line.where + ": id " + *id +
                               " names no record of " + dataset_path);
      target = it->second;
    }
    if (filled[target])
      return InvalidArgument(line.where + ": a second prediction for " +
                             wheres[target]);
    filled[target] = true;
    if (line.value.contains("request")) {
      ASSIGN_OR_RETURN(Bytes request, HexField(line, "request"));
      if (request != records[target].request)
        return InvalidArgument(line.where + ": request does not match " +
                               wheres[target]);
    }
    ASSIGN_OR_RETURN(records[target].predicted, HexField(line, "response"));
  }
  return records;
}

}  // namespace protolm::metrics
