// DescribeRequest (see request_facts.h).
#include "events/request_facts.h"

#include <nlohmann/json.hpp>

#include "proto/registry/codec_registry.h"

namespace protolm::events {

namespace {

constexpr int kSummaryDepth = 3;

void AddLeaves(const Field& field, const std::string& path,
               nlohmann::json& out) {
  if (field.children.empty()) {
    nlohmann::json value = field.number ? nlohmann::json(*field.number)
                                        : nlohmann::json(field.value);
    auto found = out.find(path);
    if (found == out.end()) {
      out[path] = std::move(value);
    } else {
      // Leaves are numbers or text, so an array here is a repeated path.
      if (!found->is_array()) *found = nlohmann::json::array({*found});
      found->push_back(std::move(value));
    }
    return;
  }
  for (const Field& child : field.children)
    AddLeaves(child, path.empty() ? child.name : path + "." + child.name, out);
}

std::string ModbusFunction(const Field& tree) {
  std::optional<int64_t> code = tree.NumberAt("function_code");
  if (!code) return "";
  std::string function = std::to_string(*code);
  if (std::optional<int64_t> mei = tree.NumberAt("mei_type"))
    function.append("/").append(std::to_string(*mei));
  return function;
}

bool ModbusWrite(const Field& tree) {
  std::optional<int64_t> code = tree.NumberAt("function_code");
  if (!code) return false;
  switch (*code) {
    case 5:
    case 6:
    case 15:
    case 16:
    case 21:
    case 22:
    case 23:
      return true;
    default:
      return false;
  }
}

bool S7Write(const std::string& function) {
  for (const char* name : {"write_var", "request_download", "download_block",
                           "download_ended", "plc_control", "plc_stop"})
    if (function == name) return true;
  return false;
}

}  // namespace

RequestFacts DescribeRequest(std::string_view protocol, ByteView request) {
  RequestFacts facts;
  const Codec* codec = FindCodec(protocol);
  if (codec == nullptr) {
    facts.error = "unknown protocol " + std::string(protocol);
    return facts;
  }
  Dissection d = codec->Dissect(request, Direction::kClientToServer);
  facts.summary = Abstract(d.tree, kSummaryDepth);
  nlohmann::json fields = nlohmann::json::object();
  for (const Field& child : d.tree.children)
    AddLeaves(child, child.name, fields);
  facts.fields_json =
      fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (codec->name() == "modbus") {
    facts.function = ModbusFunction(d.tree);
    facts.write_attempted = ModbusWrite(d.tree);
  } else {
    facts.function = d.info.function;
    facts.write_attempted = S7Write(d.info.function);
  }
  facts.well_formed = d.status.ok();
  if (!d.status.ok()) facts.error = d.status.message();
  return facts;
}

}  // namespace protolm::events
