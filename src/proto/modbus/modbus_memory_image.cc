// The table values a clone remembers (see modbus_memory_image.h).
#include "proto/modbus/modbus_memory_image.h"

#include <variant>
#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
namespace {

namespace fc = modbus::fc;

/// A request within the specification's ranges and a normal response that
/// answers it (same transaction, unit and function), both decoded.
struct Pair {
  const modbus::RequestAdu& request;
  modbus::ResponseAdu response;
};

std::optional<Pair> DecodePair(const ModbusRequest& request,
                               ByteView response) {
  const Result<RequestAdu>& req = request.adu();
  if (!req.ok() || modbus::CheckRequestRanges(req->pdu)) return std::nullopt;
  auto resp = modbus::DecodeResponseAdu(response);
  if (!resp.ok() || resp->pdu.is_exception() ||
      resp->pdu.function != req->pdu.function ||
      resp->mbap.transaction_id != req->mbap.transaction_id ||
      resp->mbap.unit_id != req->mbap.unit_id)
    return std::nullopt;
  return Pair{*req, std::move(resp).value()};
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

/// The table, first address and quantity a read request (1, 2, 3, 4, or the
/// read of 23) reads; nullopt for other requests.
struct ReadSpan {
  modbus::ModbusTable table;
  uint16_t address;
  uint16_t quantity;
};

std::optional<ReadSpan> ReadSpanOf(const modbus::Request& r) {
  using T = modbus::ModbusTable;
  if (const auto* rw = std::get_if<modbus::ReadWriteRegistersRequest>(&r.body))
    return ReadSpan{T::kHoldingRegisters, rw->read_address, rw->read_quantity};
  const auto* read = std::get_if<modbus::ReadRequest>(&r.body);
  if (read == nullptr) return std::nullopt;
  switch (r.function) {
    case fc::kReadCoils:
      return ReadSpan{T::kCoils, read->address, read->quantity};
    case fc::kReadDiscreteInputs:
      return ReadSpan{T::kDiscreteInputs, read->address, read->quantity};
    case fc::kReadHoldingRegisters:
      return ReadSpan{T::kHoldingRegisters, read->address, read->quantity};
    case fc::kReadInputRegisters:
      return ReadSpan{T::kInputRegisters, read->address, read->quantity};
    default:
      return std::nullopt;
  }
}

bool IsBitTable(modbus::ModbusTable table) {
  return table == modbus::ModbusTable::kCoils ||
         table == modbus::ModbusTable::kDiscreteInputs;
}

}  // namespace

std::vector<ModbusCell> ReadCells(const ModbusRequest& request,
                                  ByteView response) {
  std::vector<ModbusCell> cells;
  std::optional<Pair> p = DecodePair(request, response);
  if (!p) return cells;
  std::optional<ReadSpan> span = ReadSpanOf(p->request.pdu);
  if (!span) return cells;
  if (IsBitTable(span->table)) {
    const auto* bits = BitsOf(*p, span->quantity);
    if (bits == nullptr) return cells;
    std::vector<bool> values = modbus::UnpackBits(bits->packed, span->quantity);
    for (size_t i = 0; i < values.size(); ++i)
      cells.push_back({span->table, At(span->address, i),
                       static_cast<uint16_t>(values[i] ? 1 : 0)});
    return cells;
  }
  if (const auto* regs = RegistersOf(*p, span->quantity))
    for (size_t i = 0; i < regs->registers.size(); ++i)
      cells.push_back({span->table, At(span->address, i), regs->registers[i]});
  return cells;
}

std::optional<uint16_t> ModbusMemoryImage::Value(modbus::ModbusTable table,
                                                 uint16_t address) const {
  const auto& known = tables_[Index(table)];
  auto it = known.find(address);
  if (it == known.end()) return std::nullopt;
  return it->second;
}

void ModbusMemoryImage::Seed(const ModbusCell& cell) {
  Set(cell.table, cell.address,
      IsBitTable(cell.table) ? static_cast<uint16_t>(cell.value != 0)
                             : cell.value);
}

void ModbusMemoryImage::Observe(const DecodedRequest& decoded,
                                ByteView response) {
  using T = modbus::ModbusTable;
  std::optional<ModbusRequest> own;
  const ModbusRequest& request = DecodedAs(decoded, own);
  std::optional<Pair> p = DecodePair(request, response);
  if (!p) return;
  const modbus::Request& r = p->request.pdu;
  switch (r.function) {
    case fc::kWriteSingleCoil: {
      const auto& write = std::get<modbus::SingleWrite>(r.body);
      if (write.value == 0xFF00 || write.value == 0x0000)
        Set(T::kCoils, write.address, write.value == 0xFF00 ? 1 : 0);
      break;
    }
    case fc::kWriteSingleRegister: {
      const auto& write = std::get<modbus::SingleWrite>(r.body);
      Set(T::kHoldingRegisters, write.address, write.value);
      break;
    }
    case fc::kWriteMultipleCoils: {
      const auto& write = std::get<modbus::WriteCoilsRequest>(r.body);
      std::vector<bool> values =
          modbus::UnpackBits(write.packed, write.quantity);
      for (size_t i = 0; i < values.size(); ++i)
        Set(T::kCoils, At(write.address, i), values[i] ? 1 : 0);
      break;
    }
    case fc::kWriteMultipleRegisters: {
      const auto& write = std::get<modbus::WriteRegistersRequest>(r.body);
      for (size_t i = 0; i < write.registers.size(); ++i)
        Set(T::kHoldingRegisters, At(write.address, i), write.registers[i]);
      break;
    }
    case fc::kMaskWriteRegister: {
      // result = (current AND and_mask) OR (or_mask AND NOT and_mask): known
      // when the current value is, or when and_mask keeps no bit of it.
      const auto& mask = std::get<modbus::MaskWrite>(r.body);
      std::optional<uint16_t> current =
          Value(T::kHoldingRegisters, mask.address);
      if (!current && mask.and_mask != 0) break;
      const uint16_t base = current.value_or(0);
      Set(T::kHoldingRegisters, mask.address,
          static_cast<uint16_t>((base & mask.and_mask) |
                                (mask.or_mask & ~mask.and_mask)));
      break;
    }
    case fc::kReadWriteMultipleRegisters: {
      const auto& rw = std::get<modbus::ReadWriteRegistersRequest>(r.body);
      for (size_t i = 0; i < rw.write_registers.size(); ++i)
        Set(T::kHoldingRegisters, At(rw.write_address, i),
            rw.write_registers[i]);
      break;
    }
    default:
      break;
  }
  // The values read: coils and holding registers only (the process drives
  // the inputs).
  for (const ModbusCell& cell : ReadCells(request, response))
    if (cell.table == T::kCoils || cell.table == T::kHoldingRegisters)
      Set(cell.table, cell.address, cell.value);
}

Bytes ModbusMemoryImage::Apply(const DecodedRequest& decoded,
                               ByteView response) const {
  Bytes unchanged(response.begin(), response.end());
  std::optional<ModbusRequest> own;
  std::optional<Pair> p = DecodePair(DecodedAs(decoded, own), response);
  if (!p) return unchanged;
  const modbus::Request& r = p->request.pdu;
  std::optional<ReadSpan> span = ReadSpanOf(r);
  if (!span) return unchanged;
  modbus::Response& answer = p->response.pdu;
  if (IsBitTable(span->table)) {
    if (BitsOf(*p, span->quantity) == nullptr) return unchanged;
    auto& packed = std::get<modbus::BitsResponse>(answer.body).packed;
    for (size_t i = 0; i < span->quantity; ++i) {
      std::optional<uint16_t> known = Value(span->table, At(span->address, i));
      if (!known) continue;
      const auto bit = static_cast<uint8_t>(1u << (i % 8));
      packed[i / 8] = *known ? (packed[i / 8] | bit) : (packed[i / 8] & ~bit);
    }
  } else {
    if (RegistersOf(*p, span->quantity) == nullptr) return unchanged;
    // Read/write registers reads after its own write.
    std::unordered_map<uint16_t, uint16_t> written;
    if (const auto* rw =
            std::get_if<modbus::ReadWriteRegistersRequest>(&r.body)) {
      for (size_t i = 0; i < rw->write_registers.size(); ++i)
        written[At(rw->write_address, i)] = rw->write_registers[i];
    }
    auto& values = std::get<modbus::RegistersResponse>(answer.body).registers;
    for (size_t i = 0; i < values.size(); ++i) {
      const uint16_t at = At(span->address, i);
      if (auto w = written.find(at); w != written.end()) {
        values[i] = w->second;
      } else if (std::optional<uint16_t> known = Value(span->table, at)) {
        values[i] = *known;
      }
    }
  }
  Result<Bytes> encoded = modbus::EncodeAdu(p->response);
  return encoded.ok() ? std::move(encoded).value() : unchanged;
}

}  // namespace protolm::modbus
