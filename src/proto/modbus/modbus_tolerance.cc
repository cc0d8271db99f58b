// Value comparison of Modbus responses for RVA-ε (see modbus_tolerance.h).
#include "proto/modbus/modbus_tolerance.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <variant>

#include "proto/modbus/adu.h"
#include "proto/modbus/function_code.h"

namespace protolm::modbus {
namespace {

bool Close(double expected, double predicted, double range, double epsilon) {
  return std::fabs(expected - predicted) <= epsilon * range;
}

const RegisterValueRange* BindingOf(const ModbusRules& rules, uint8_t table,
                                    uint32_t address) {
  for (const RegisterValueRange& r : rules.value_ranges)
    if (r.function_table == table && r.address == address) return &r;
  return nullptr;
}

bool RegistersClose(const Request& req, const std::vector<uint16_t>& e,
                    const std::vector<uint16_t>& p, double epsilon,
                    const ModbusRules& rules) {
  if (e.size() != p.size()) return false;
  uint32_t first = 0;
  uint8_t table = 3;
  if (const auto* read = std::get_if<ReadRequest>(&req.body)) {
    first = read->address;
    table = req.function == fc::kReadInputRegisters ? 4 : 3;
  } else if (const auto* rw =
                 std::get_if<ReadWriteRegistersRequest>(&req.body)) {
    first = rw->read_address;
  }
  for (size_t i = 0; i < e.size(); ++i) {
    const RegisterValueRange* binding =
        BindingOf(rules, table, first + static_cast<uint32_t>(i));
    const bool is_signed = binding != nullptr && binding->is_signed;
    const double range = binding ? binding->max - binding->min : 65535.0;
    const double ev = is_signed ? static_cast<int16_t>(e[i]) : e[i];
    const double pv = is_signed ? static_cast<int16_t>(p[i]) : p[i];
    if (!Close(ev, pv, range, epsilon)) return false;
  }
  return true;
}

}  // namespace

bool ModbusValuesWithinEpsilon(ByteView request, ByteView expected,
                               ByteView predicted, double epsilon,
                               const ModbusRules& rules) {
  auto req = DecodeRequestAdu(request);
  auto e = DecodeResponseAdu(expected);
  auto p = DecodeResponseAdu(predicted);
  if (!req.ok() || !e.ok() || !p.ok())
    return std::ranges::equal(expected, predicted);
  if (e->pdu.function != p->pdu.function ||
      e->pdu.is_exception() != p->pdu.is_exception())
    return false;
  if (e->pdu.is_exception()) return e->pdu.body == p->pdu.body;
  const auto* er = std::get_if<RegistersResponse>(&e->pdu.body);
  const auto* pr = std::get_if<RegistersResponse>(&p->pdu.body);
  if (er != nullptr && pr != nullptr)
    return RegistersClose(req->pdu, er->registers, pr->registers, epsilon,
                          rules);
  const auto* eb = std::get_if<BitsResponse>(&e->pdu.body);
  const auto* pb = std::get_if<BitsResponse>(&p->pdu.body);
  if (eb != nullptr && pb != nullptr) return eb->packed == pb->packed;
  return e->pdu.body.index() == p->pdu.body.index();
}

}  // namespace protolm::modbus
