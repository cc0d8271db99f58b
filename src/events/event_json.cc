// EventToJson (see event_json.h).
#include "events/event_json.h"

#include "events/time_text.h"

namespace protolm::events {

namespace {

nlohmann::json Header(const char* kind, const std::string& run_id,
                      uint64_t connection, int64_t time_us) {
  return {{"event", kind},
          {"time", IsoUtcTime(time_us)},
          {"time_us", time_us},
          {"run_id", run_id},
          {"connection", connection}};
}

/// fields_json as an object; text that is not JSON is kept as a string so
/// that nothing a caller stored is lost.
nlohmann::json EmbeddedFields(const std::string& fields_json) {
  if (fields_json.empty()) return nlohmann::json::object();
  nlohmann::json parsed = nlohmann::json::parse(fields_json, nullptr, false);
  if (parsed.is_discarded()) return fields_json;
  return parsed;
}

struct ToJson {
  nlohmann::json operator()(const ConnectionOpened& e) const {
    nlohmann::json j =
        Header("connection_opened", e.run_id, e.connection, e.time_us);
    j["honeypot"] = e.honeypot;
    j["protocol"] = e.protocol;
    j["local_address"] = e.local_address;
    j["local_port"] = e.local_port;
    j["peer_address"] = e.peer_address;
    j["peer_port"] = e.peer_port;
    return j;
  }
  nlohmann::json operator()(const ExchangeDone& e) const {
    nlohmann::json j = Header("exchange", e.run_id, e.connection, e.time_us);
    j["sequence"] = e.sequence;
    j["protocol"] = e.protocol;
    j["request"] = ToHex(e.request);
    j["response"] = ToHex(e.response);
    j["summary"] = e.summary;
    j["fields"] = EmbeddedFields(e.fields_json);
    j["function"] = e.function;
    j["write_attempted"] = e.write_attempted;
    j["valid"] = e.valid;
    j["guard_action"] = e.guard_action;
    j["latency_us"] = e.latency_us;
    return j;
  }
  nlohmann::json operator()(const ConnectionClosed& e) const {
    nlohmann::json j =
        Header("connection_closed", e.run_id, e.connection, e.time_us);
    j["reason"] = e.reason;
    j["requests"] = e.requests;
    return j;
  }
  nlohmann::json operator()(const ScanRecognised& e) const {
    nlohmann::json j = Header("scan", e.run_id, e.connection, e.time_us);
    j["peer_address"] = e.peer_address;
    j["signature"] = e.signature;
    j["detail"] = e.detail;
    return j;
  }
};

}  // namespace

nlohmann::json EventToJson(const Event& event) {
  return std::visit(ToJson{}, event);
}

}  // namespace protolm::events
