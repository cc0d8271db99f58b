// DescribeRequest (see request_facts.h).
#include "events/request_facts.h"

#include <nlohmann/json.hpp>

#include "proto/registry/protocol_table.h"

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

RequestFacts UnknownProtocol(std::string_view protocol) {
  RequestFacts facts;
  facts.error = "unknown protocol " + std::string(protocol);
  return facts;
}

}  // namespace

RequestFacts DescribeRequest(std::string_view protocol, ByteView request) {
  const Protocol* described = FindProtocol(protocol);
  if (described == nullptr) return UnknownProtocol(protocol);
  return DescribeRequest(protocol,
                         DecodedRequest(described->codec(), request));
}

RequestFacts DescribeRequest(std::string_view protocol,
                             const DecodedRequest& request) {
  const Protocol* described = FindProtocol(protocol);
  if (described == nullptr) return UnknownProtocol(protocol);
  RequestFacts facts;
  const Dissection& d = request.dissection();
  facts.summary = Abstract(d.tree, kSummaryDepth);
  nlohmann::json fields = nlohmann::json::object();
  for (const Field& child : d.tree.children)
    AddLeaves(child, child.name, fields);
  facts.fields_json =
      fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  RequestIntent intent = described->IntentOf(d);
  facts.function = std::move(intent.function);
  facts.write_attempted = intent.changes_device;
  facts.well_formed = d.status.ok();
  if (!d.status.ok()) facts.error = d.status.message();
  return facts;
}

}  // namespace protolm::events
