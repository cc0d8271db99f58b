// Value comparison for RVA-ε (see value_tolerance.h).
#include "metrics/value_tolerance.h"

#include <cmath>
#include <cstdint>
#include <variant>

#include "metrics/byte_match.h"
#include "proto/modbus/adu.h"
#include "proto/s7comm/message.h"

namespace protolm::metrics {
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

bool RegistersClose(const modbus::Request& req, const std::vector<uint16_t>& e,
                    const std::vector<uint16_t>& p, double epsilon,
                    const ModbusRules& rules) {
  if (e.size() != p.size()) return false;
  uint32_t first = 0;
  uint8_t table = 3;
  if (const auto* read = std::get_if<modbus::ReadRequest>(&req.body)) {
    first = read->address;
    table = req.function == modbus::fc::kReadInputRegisters ? 4 : 3;
  } else if (const auto* rw =
                 std::get_if<modbus::ReadWriteRegistersRequest>(&req.body)) {
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

bool ModbusWithin(ByteView request, ByteView expected, ByteView predicted,
                  double epsilon, const ModbusRules& rules) {
  auto req = modbus::DecodeRequestAdu(request);
  auto e = modbus::DecodeResponseAdu(expected);
  auto p = modbus::DecodeResponseAdu(predicted);
  if (!req.ok() || !e.ok() || !p.ok()) return ExactMatch(expected, predicted);
  if (e->pdu.function != p->pdu.function ||
      e->pdu.is_exception() != p->pdu.is_exception())
    return false;
  if (e->pdu.is_exception()) return e->pdu.body == p->pdu.body;
  const auto* er = std::get_if<modbus::RegistersResponse>(&e->pdu.body);
  const auto* pr = std::get_if<modbus::RegistersResponse>(&p->pdu.body);
  if (er != nullptr && pr != nullptr)
    return RegistersClose(req->pdu, er->registers, pr->registers, epsilon,
                          rules);
  const auto* eb = std::get_if<modbus::BitsResponse>(&e->pdu.body);
  const auto* pb = std::get_if<modbus::BitsResponse>(&p->pdu.body);
  if (eb != nullptr && pb != nullptr) return eb->packed == pb->packed;
  return e->pdu.body.index() == p->pdu.body.index();
}

double BigEndian(const Bytes& v) {
  double out = 0;
  for (uint8_t b : v) out = out * 256 + b;
  return out;
}

bool S7Within(ByteView expected, ByteView predicted, double epsilon) {
  s7comm::MessageDecoding e = s7comm::DecodeMessage(expected);
  s7comm::MessageDecoding p = s7comm::DecodeMessage(predicted);
  if (!e.s7 || !p.s7) return ExactMatch(expected, predicted);
  if (e.s7->rosctr != p.s7->rosctr || e.s7->error_class != p.s7->error_class ||
      e.s7->error_code != p.s7->error_code ||
      e.s7->body.index() != p.s7->body.index())
    return false;
  const auto* ei = std::get_if<s7comm::ReadVarResponse>(&e.s7->body);
  const auto* pi = std::get_if<s7comm::ReadVarResponse>(&p.s7->body);
  if (ei == nullptr || pi == nullptr) return true;
  if (ei->items.size() != pi->items.size()) return false;
  for (size_t i = 0; i < ei->items.size(); ++i) {
    const s7comm::DataItem& a = ei->items[i];
    const s7comm::DataItem& b = pi->items[i];
    if (a.return_code != b.return_code || a.value.size() != b.value.size())
      return false;
    if (a.value.size() == 2 || a.value.size() == 4) {
      const double range =
          std::pow(256.0, static_cast<double>(a.value.size())) - 1;
      if (!Close(BigEndian(a.value), BigEndian(b.value), range, epsilon))
        return false;
    } else if (a.value != b.value) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool ValuesWithinEpsilon(std::string_view protocol, ByteView request,
                         ByteView expected, ByteView predicted, double epsilon,
                         const ModbusRules& rules) {
  if (expected.empty() || predicted.empty())
    return ExactMatch(expected, predicted);
  if (protocol == "s7comm") return S7Within(expected, predicted, epsilon);
  return ModbusWithin(request, expected, predicted, epsilon, rules);
}

}  // namespace protolm::metrics
