// Events as JSON objects: the JSONL stream for SIEMs (`--events-jsonl`) and
// `protolm events --json` write the same shape.
//
// Every object has "event" ("connection_opened", "exchange",
// "connection_closed", "scan"), "time" (ISO 8601 UTC), "time_us", "run_id"
// and "connection", then the record's own fields under their names in
// event.h; bytes are lower-case hex and fields_json is embedded as a JSON
// object. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "events/event.h"

namespace protolm::events {

nlohmann::json EventToJson(const Event& event);

}  // namespace protolm::events
