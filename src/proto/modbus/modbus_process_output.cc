// Reading a process variable's output from a read answer (see
// modbus_process_output.h).
#include "proto/modbus/modbus_process_output.h"

#include <cmath>
#include <cstring>
#include <variant>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"

namespace protolm::modbus {

std::optional<double> OutputValue(ByteView response, OutputType type) {
  auto r = DecodeResponseAdu(response);
  if (!r.ok()) return std::nullopt;
  const auto* regs = std::get_if<RegistersResponse>(&r->pdu.body);
  if (regs == nullptr || regs->registers.empty()) return std::nullopt;
  const std::vector<uint16_t>& v = regs->registers;
  switch (type) {
    case OutputType::kInt16:
      return static_cast<int16_t>(v[0]);
    case OutputType::kUint16:
      return v[0];
    case OutputType::kFloat32: {
      if (v.size() < 2) return std::nullopt;
      const uint32_t bits = (uint32_t{v[0]} << 16) | v[1];
      float f;
      std::memcpy(&f, &bits, sizeof f);
      return std::isfinite(f) ? std::optional<double>(f) : std::nullopt;
    }
  }
  return std::nullopt;
}

Request OutputRead(const ProcessVariable& variable) {
  const uint16_t quantity =
      variable.output_type == OutputType::kFloat32 ? 2 : 1;
  return variable.output_table == 3
             ? ReadHoldingRegisters(variable.output_address, quantity)
             : ReadInputRegisters(variable.output_address, quantity);
}

ModbusProcessOutput::ModbusProcessOutput(ProcessVariable variable)
    : variable_(std::move(variable)), read_(OutputRead(variable_)) {}

bool ModbusProcessOutput::IsReadOf(ByteView request) const {
  auto decoded = DecodeRequestAdu(request);
  if (!decoded.ok()) return false;
  const auto* read = std::get_if<ReadRequest>(&decoded->pdu.body);
  const auto* want = std::get_if<ReadRequest>(&read_.body);
  return read != nullptr && want != nullptr &&
         decoded->pdu.function == read_.function &&
         read->address == want->address && read->quantity == want->quantity;
}

}  // namespace protolm::modbus
