// Parses JSONL dataset records (see dataset_reader.h).
#include "trace/dataset_reader.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace protolm {
namespace {

/// The hex bytes of `key` in `object` (null, missing or "" give no bytes).
Result<Bytes> HexField(const nlohmann::json& object, const char* key,
                       const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return Bytes{};
  if (!it->is_string())
    return Malformed(where + ": '" + key + "' must be a hex string");
  auto bytes = FromHex(it->get<std::string>());
  if (!bytes.ok())
    return Malformed(where + ": '" + key + "': " + bytes.status().message());
  return bytes;
}

std::string StringField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

uint64_t NumberField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>()
                                                        : 0;
}

/// "s7comm" for bytes starting with a TPKT header, else "modbus".
std::string GuessProtocol(const Bytes& request) {
  return request.size() >= 4 && request[0] == 3 && request[1] == 0 ? "s7comm"
                                                                   : "modbus";
}

Result<std::vector<ByteExchange>> ContextField(const nlohmann::json& list,
                                               const std::string& where) {
  if (!list.is_array())
    return Malformed(where + ": 'context' must be a list of exchanges");
  std::vector<ByteExchange> context;
  for (const nlohmann::json& item : list) {
    if (!item.is_object())
      return Malformed(where + ": 'context' items must be objects");
    ByteExchange exchange;
    ASSIGN_OR_RETURN(exchange.request, HexField(item, "request", where));
    ASSIGN_OR_RETURN(exchange.response, HexField(item, "response", where));
    context.push_back(std::move(exchange));
  }
  return context;
}

Result<DatasetRecord> ParseRecord(const nlohmann::json& object,
                                  std::string where) {
  DatasetRecord record;
  record.where = std::move(where);
  ASSIGN_OR_RETURN(record.request, HexField(object, "request", record.where));
  ASSIGN_OR_RETURN(record.response,
                   HexField(object, "response", record.where));
  if (auto it = object.find("id"); it != object.end() && !it->is_null())
    record.id = it->is_string() ? it->get<std::string>() : it->dump();
  record.protocol = StringField(object, "protocol");
  if (record.protocol.empty()) record.protocol = GuessProtocol(record.request);
  record.function = StringField(object, "function");
  if (record.function.empty()) record.function = "unknown";
  record.session = NumberField(object, "session");
  record.index = NumberField(object, "index");
  auto control = object.find("control");
  record.control = control != object.end() && control->is_boolean() &&
                   control->get<bool>();
  if (auto it = object.find("context"); it != object.end() && !it->is_null()) {
    ASSIGN_OR_RETURN(record.context, ContextField(*it, record.where));
  }
  return record;
}

}  // namespace

Result<std::vector<DatasetRecord>> ReadDataset(const std::string& path) {
  std::ifstream in(path);
  if (!in) return IoError(path + ": cannot open for reading");
  std::vector<DatasetRecord> records;
  std::string text;
  for (size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(number);
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded() || !value.is_object())
      return Malformed(where +
                       ": not a JSON object; each line must be one record");
    ASSIGN_OR_RETURN(DatasetRecord record,
                     ParseRecord(value, std::move(where)));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace protolm
