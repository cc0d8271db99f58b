// Coils and holding registers learned from exchanges (see
// modbus_memory_image.h).
#include "emu/modbus_memory_image.h"

#include <variant>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/range_check.h"

namespace protolm::emu {
namespace {

namespace fc = modbus::fc;

/// A request within the specification's ranges and a normal response that
/// answers it (same transaction, unit and function), both decoded.
struct Pair {
  modbus::RequestAdu request;
  modbus::ResponseAdu response;
};

std::optional<Pair> DecodePair(ByteView request, ByteView response) {
  auto req = modbus::DecodeRequestAdu(request);
  auto resp = modbus::DecodeResponseAdu(response);
  if (!req.ok() || !resp.ok() || modbus::CheckRequestRanges(req->pdu) ||
      resp->pdu.is_exception() || resp->pdu.function != req->pdu.function ||
      resp->mbap.transaction_id != req->mbap.transaction_id ||
      resp->mbap.unit_id != req->mbap.unit_id)
    return std::nullopt;
  return Pair{std::move(req).value(), std::move(resp).value()};
}

/// The bits of a read coils answer, when it holds `quantity` of them.
const modbus::BitsResponse* BitsOf(const Pair& p, uint16_t quantity) {
  const auto* bits = std::get_if<modbus::BitsResponse>(&p.response.pdu.body);
  if (bits == nullptr || bits->packed.size() != (quantity + 7u) / 8u)
    return nullptr;
  return bits;
}

/// The registers of a read answer, when it holds `quantity` of them.
const modbus::RegistersResponse* RegistersOf(const Pair& p, uint16_t quantity) {
  const auto* regs =
      std::get_if<modbus::RegistersResponse>(&p.response.pdu.body);
  if (regs == nullptr || regs->registers.size() != quantity) return nullptr;
  return regs;
}

/// Address `i` items after `base`; DecodePair checked the span fits.
uint16_t At(uint16_t base, size_t i) { return static_cast<uint16_t>(base + i); }

}  // namespace

std::optional<bool> ModbusMemoryImage::Coil(uint16_t address) const {
  auto it = coils_.find(address);
  if (it == coils_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint16_t> ModbusMemoryImage::HoldingRegister(
    uint16_t address) const {
  auto it = registers_.find(address);
  if (it == registers_.end()) return std::nullopt;
  return it->second;
}

void ModbusMemoryImage::Observe(ByteView request, ByteView response) {
  std::optional<Pair> p = DecodePair(request, response);
  if (!p) return;
  const modbus::Request& r = p->request.pdu;
  switch (r.function) {
    case fc::kReadCoils: {
      const auto& read = std::get<modbus::ReadRequest>(r.body);
      if (const auto* bits = BitsOf(*p, read.quantity)) {
        std::vector<bool> values =
            modbus::UnpackBits(bits->packed, read.quantity);
        for (size_t i = 0; i < values.size(); ++i)
          coils_[At(read.address, i)] = values[i];
      }
      break;
    }
    case fc::kReadHoldingRegisters: {
      const auto& read = std::get<modbus::ReadRequest>(r.body);
      if (const auto* regs = RegistersOf(*p, read.quantity))
        for (size_t i = 0; i < regs->registers.size(); ++i)
          registers_[At(read.address, i)] = regs->registers[i];
      break;
    }
    case fc::kWriteSingleCoil: {
      const auto& write = std::get<modbus::SingleWrite>(r.body);
      if (write.value == 0xFF00 || write.value == 0x0000)
        coils_[write.address] = write.value == 0xFF00;
      break;
    }
    case fc::kWriteSingleRegister: {
      const auto& write = std::get<modbus::SingleWrite>(r.body);
      registers_[write.address] = write.value;
      break;
    }
    case fc::kWriteMultipleCoils: {
      const auto& write = std::get<modbus::WriteCoilsRequest>(r.body);
      std::vector<bool> values =
          modbus::UnpackBits(write.packed, write.quantity);
      for (size_t i = 0; i < values.size(); ++i)
        coils_[At(write.address, i)] = values[i];
      break;
    }
    case fc::kWriteMultipleRegisters: {
      const auto& write = std::get<modbus::WriteRegistersRequest>(r.body);
      for (size_t i = 0; i < write.registers.size(); ++i)
        registers_[At(write.address, i)] = write.registers[i];
      break;
    }
    case fc::kMaskWriteRegister: {
      // result = (current AND and_mask) OR (or_mask AND NOT and_mask): known
      // when the current value is, or when and_mask keeps no bit of it.
      const auto& mask = std::get<modbus::MaskWrite>(r.body);
      std::optional<uint16_t> current = HoldingRegister(mask.address);
      if (!current && mask.and_mask != 0) break;
      const uint16_t base = current.value_or(0);
      registers_[mask.address] = static_cast<uint16_t>(
          (base & mask.and_mask) | (mask.or_mask & ~mask.and_mask));
      break;
    }
    case fc::kReadWriteMultipleRegisters: {
      const auto& rw = std::get<modbus::ReadWriteRegistersRequest>(r.body);
      for (size_t i = 0; i < rw.write_registers.size(); ++i)
        registers_[At(rw.write_address, i)] = rw.write_registers[i];
      if (const auto* regs = RegistersOf(*p, rw.read_quantity))
        for (size_t i = 0; i < regs->registers.size(); ++i)
          registers_[At(rw.read_address, i)] = regs->registers[i];
      break;
    }
    default:
      break;
  }
}

Bytes ModbusMemoryImage::Apply(ByteView request, ByteView response) const {
  Bytes unchanged(response.begin(), response.end());
  std::optional<Pair> p = DecodePair(request, response);
  if (!p) return unchanged;
  const modbus::Request& r = p->request.pdu;
  modbus::Response& answer = p->response.pdu;
  if (r.function == fc::kReadCoils) {
    const auto& read = std::get<modbus::ReadRequest>(r.body);
    if (BitsOf(*p, read.quantity) == nullptr) return unchanged;
    auto& packed = std::get<modbus::BitsResponse>(answer.body).packed;
    for (size_t i = 0; i < read.quantity; ++i) {
      std::optional<bool> known = Coil(At(read.address, i));
      if (!known) continue;
      const auto bit = static_cast<uint8_t>(1u << (i % 8));
      packed[i / 8] = *known ? (packed[i / 8] | bit) : (packed[i / 8] & ~bit);
    }
  } else if (r.function == fc::kReadHoldingRegisters ||
             r.function == fc::kReadWriteMultipleRegisters) {
    // Read/write registers reads after its own write.
    std::unordered_map<uint16_t, uint16_t> written;
    uint16_t address = 0, quantity = 0;
    if (const auto* rw =
            std::get_if<modbus::ReadWriteRegistersRequest>(&r.body)) {
      for (size_t i = 0; i < rw->write_registers.size(); ++i)
        written[At(rw->write_address, i)] = rw->write_registers[i];
      address = rw->read_address;
      quantity = rw->read_quantity;
    } else {
      const auto& read = std::get<modbus::ReadRequest>(r.body);
      address = read.address;
      quantity = read.quantity;
    }
    if (RegistersOf(*p, quantity) == nullptr) return unchanged;
    auto& values = std::get<modbus::RegistersResponse>(answer.body).registers;
    for (size_t i = 0; i < values.size(); ++i) {
      const uint16_t at = At(address, i);
      if (auto w = written.find(at); w != written.end()) {
        values[i] = w->second;
      } else if (std::optional<uint16_t> known = HoldingRegister(at)) {
        values[i] = *known;
      }
    }
  } else {
    return unchanged;
  }
  Result<Bytes> encoded = modbus::EncodeAdu(p->response);
  return encoded.ok() ? std::move(encoded).value() : unchanged;
}

}  // namespace protolm::emu
