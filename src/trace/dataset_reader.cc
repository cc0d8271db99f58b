// Parses JSONL dataset records (see dataset_reader.h).
#include "trace/dataset_reader.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "proto/registry/codec_registry.h"

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

/// A time in microseconds (null or missing: none).
std::optional<int64_t> TimeField(const nlohmann::json& object,
                                 const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

/// The name of the codec that finds the request's bytes (else the
/// response's) most likely its protocol's, however weakly; "" when none does.
std::string DetectProtocol(const Bytes& request, const Bytes& response) {
  const Codec* codec =
      DetectCodec(request.empty() ? response : request, /*min_score=*/1);
  return codec != nullptr ? std::string(codec->name()) : "";
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
  record.request_time_us = TimeField(object, "request_time_us");
  record.response_time_us = TimeField(object, "response_time_us");
  record.protocol = StringField(object, "protocol");
  if (record.protocol.empty())
    record.protocol = DetectProtocol(record.request, record.response);
  record.function = StringField(object, "function");
  if (record.function.empty()) record.function = "unknown";
  record.session = NumberField(object, "session");
  record.index = NumberField(object, "index");
  record.client = StringField(object, "client");
  record.server = StringField(object, "server");
  auto control = object.find("control");
  record.control = control != object.end() && control->is_boolean() &&
                   control->get<bool>();
  if (auto it = object.find("context"); it != object.end() && !it->is_null()) {
    ASSIGN_OR_RETURN(record.context, ContextField(*it, record.where));
  }
  return record;
}

}  // namespace

Status VisitDataset(const std::string& path, const DatasetLineVisitor& visit) {
  std::ifstream in(path);
  if (!in) return IoError(path + ": cannot open for reading");
  std::string text;
  for (uint64_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(number);
    nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
    Result<DatasetRecord> record =
        value.is_discarded() || !value.is_object()
            ? Result<DatasetRecord>(Malformed(
                  where + ": not a JSON object; each line must be one record"))
            : ParseRecord(value, std::move(where));
    RETURN_IF_ERROR(visit(number, std::move(record)));
  }
  return Status::Ok();
}

Result<std::vector<DatasetRecord>> ReadDataset(const std::string& path) {
  std::vector<DatasetRecord> records;
  RETURN_IF_ERROR(VisitDataset(
      path, [&records](uint64_t, Result<DatasetRecord> record) -> Status {
        RETURN_IF_ERROR(record.status());
        records.push_back(std::move(record).value());
        return Status::Ok();
      }));
  return records;
}

}  // namespace protolm
