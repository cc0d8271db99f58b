// libFuzzer target for the honeypot's request facts and scan detector: the
// first input byte picks the protocol, the rest is one request as a client
// would send it. Asserts (abort) that fields_json is always a JSON object
// and that the detector reports each tool signature at most once per
// connection.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "events/request_facts.h"
#include "events/scan_detector.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm::events;
  if (size < 1) return 0;
  const char* protocol = data[0] & 1 ? "s7comm" : "modbus";
  protolm::ByteView request(data + 1, size - 1);
  RequestFacts facts = DescribeRequest(protocol, request);
  nlohmann::json fields =
      nlohmann::json::parse(facts.fields_json, nullptr, false);
  Require(fields.is_object());
  Require(facts.well_formed == facts.error.empty());

  static ScanDetector detector("fuzz");
  for (int repeat = 0; repeat < 2; ++repeat) {
    auto found = detector.Feed("192.0.2.1", 1, protocol, request, 0);
    for (const ScanRecognised& s : found)
      Require(repeat == 0 || s.signature == "modbus-unit-id-sweep");
  }
  detector.ConnectionClosed(1);
  return 0;
}
