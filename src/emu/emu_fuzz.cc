// libFuzzer target: response constraints, device rules learning and the
// state overlay on hostile request and response bytes. The first input byte
// picks the protocol, whether the grammar follows the rules (and the overlay
// the starting memory) learned from the exchange itself (bit 1), and whether
// the response bytes are also read as a checkpoint's rules JSON (bit 2); the
// second where the request ends. The walk asks the grammar about every prefix
// of the response and checks that the grammar never leaves a valid prefix
// without a continuation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <vector>

#include <nlohmann/json.hpp>

#include "emu/device_rules.h"
#include "emu/learned_modbus_memory.h"
#include "emu/response_constraint.h"
#include "emu/state_overlay.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  if (size < 2) return 0;
  const char* protocol = (data[0] & 1) ? "s7comm" : "modbus";
  const size_t split = std::min<size_t>(data[1], size - 2);
  ByteView request(data + 2, split);
  ByteView response(data + 2 + split, size - 2 - split);

  emu::DeviceRules rules;
  if (data[0] & 2) {
    const std::vector<lm::ByteExchange> seen = {
        {Bytes(request.begin(), request.end()),
         Bytes(response.begin(), response.end())}};
    rules = emu::LearnDeviceRules(protocol, seen, nullptr);
    rules.modbus_memory = emu::LearnModbusStartingMemory(seen);
  }
  if (data[0] & 4) {
    lm::Provenance provenance;
    provenance.extra = nlohmann::json::parse(response.begin(), response.end(),
                                             nullptr, /*allow_exceptions=*/false);
    (void)emu::DeviceRulesOf(provenance);
  }
  auto constraint = emu::MakeResponseConstraint(protocol, request, 300, rules);
  for (size_t i = 0; i <= response.size(); ++i) {
    lm::AllowedTokens allowed;
    constraint->Allowed(response.first(i), &allowed);
    if (allowed.bytes.none() && !allowed.end) break;  // left the grammar
    if (i < response.size() && !allowed.bytes.test(response[i])) break;
  }
  // Following the grammar's own first choices always reaches the end.
  Bytes walk;
  for (size_t step = 0; step <= 1100; ++step) {
    lm::AllowedTokens allowed;
    constraint->Allowed(walk, &allowed);
    if (allowed.end) break;
    if (allowed.bytes.none()) std::abort();  // a dead end: a grammar bug
    size_t b = 0;
    while (!allowed.bytes.test(b)) ++b;
    walk.push_back(static_cast<uint8_t>(b));
  }

  emu::StateOverlay overlay(protocol, rules.modbus_memory);
  overlay.Observe(request, response);
  Bytes applied = overlay.Apply(request, response);
  if (applied.size() != response.size()) std::abort();
  return 0;
}
