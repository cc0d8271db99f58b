// Fuzz target: the validators and the value comparison on hostile input.
//
// A predicted response comes from a model and may hold any bytes; the
// validators must judge it without crashing or reading out of bounds. The
// input is split at its first byte's value into a request and a response,
// and both protocols' validators and ValuesWithinEpsilon run on them, with
// and without device rules.
#include <cstddef>
#include <cstdint>

#include "metrics/modbus_validator.h"
#include "metrics/s7_validator.h"
#include "metrics/value_tolerance.h"

namespace {

protolm::metrics::ModbusRules DeviceRules() {
  protolm::metrics::ModbusRules rules;
  rules.device_known = true;
  rules.supported_functions = {1, 2, 3, 4, 5, 6, 15, 16, 17, 23, 43};
  rules.coils = {0, 100};
  rules.discrete_inputs = {0, 100};
  rules.holding_registers = {0, 100};
  rules.input_registers = {0, 100};
  rules.unit_ids = {1};
  rules.unknown_unit = protolm::metrics::UnknownUnitPolicy::kGatewayException;
  rules.value_ranges = {{3, 5, -100, 100, true}};
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const protolm::metrics::ModbusRules kRules = DeviceRules();
  static const protolm::metrics::S7Rules kS7Rules{
      true, {{protolm::s7comm::Area::kDataBlock, 1, 64}}, {}};
  protolm::ByteView all(data + 1, size - 1);
  const size_t split = data[0] < all.size() ? data[0] : all.size();
  protolm::ByteView request = all.subspan(0, split);
  protolm::ByteView response = all.subspan(split);
  (void)protolm::metrics::ValidateModbusResponse(request, response, kRules);
  (void)protolm::metrics::ValidateModbusResponse(request, response, {});
  (void)protolm::metrics::ValidateS7Response(request, response, kS7Rules);
  (void)protolm::metrics::ValidateS7Response(request, response);
  (void)protolm::metrics::ValuesWithinEpsilon("modbus", request, response,
                                              response, 0.1, kRules);
  (void)protolm::metrics::ValuesWithinEpsilon("s7comm", request, request,
                                              response, 0.1, kRules);
  return 0;
}
