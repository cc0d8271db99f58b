// Read var / write var items against DeviceState (see s7_memory_access.h).
#include "device/s7/s7_memory_access.h"

#include <algorithm>
#include <optional>
#include <variant>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::device::s7 {
namespace {

using s7comm::AnyPointer;
using s7comm::Area;
using s7comm::DataItem;
using s7comm::DataType;
using s7comm::ItemType;
using s7comm::ReturnCode;

constexpr uint8_t Code(ReturnCode c) { return static_cast<uint8_t>(c); }

/// Where an item's bytes are: the area's memory and the byte range.
struct Resolved {
  Bytes* memory = nullptr;
  size_t offset = 0;
  size_t size = 0;
  bool is_bit = false;
  bool timer_or_counter = false;
};

std::optional<S7AreaKind> AreaKindOf(Area area, bool for_write) {
  switch (area) {
    case Area::kDataBlock:
    case Area::kInstanceDataBlock:
      return S7AreaKind::kDataBlock;
    case Area::kFlags:
      return S7AreaKind::kMerker;
    case Area::kInputs:
      return S7AreaKind::kInputs;
    case Area::kOutputs:
      return S7AreaKind::kOutputs;
    case Area::kPeripheral:
      return for_write ? S7AreaKind::kOutputs : S7AreaKind::kInputs;
    case Area::kTimer:
      return S7AreaKind::kTimers;
    case Area::kCounter:
      return S7AreaKind::kCounters;
    default:
      return std::nullopt;
  }
}

/// Finds the bytes `item` addresses, or the return code that refuses it.
std::variant<Resolved, uint8_t> Resolve(DeviceState& state,
                                        const AnyPointer& item,
                                        bool for_write) {
  std::optional<S7AreaKind> kind = AreaKindOf(item.area, for_write);
  if (!kind) return Code(ReturnCode::kObjectDoesNotExist);
  bool is_db = *kind == S7AreaKind::kDataBlock;
  Bytes* memory = state.s7_area(*kind, is_db ? item.db : 0);
  if (memory == nullptr) return Code(ReturnCode::kObjectDoesNotExist);

  Resolved r;
  r.memory = memory;
  r.timer_or_counter =
      *kind == S7AreaKind::kTimers || *kind == S7AreaKind::kCounters;
  ItemType wanted_tc =
      *kind == S7AreaKind::kTimers ? ItemType::kTimer : ItemType::kCounter;
  bool type_is_tc =
      item.type == ItemType::kTimer || item.type == ItemType::kCounter ||
      item.type == ItemType::kIecTimer || item.type == ItemType::kIecCounter;
  if (r.timer_or_counter != type_is_tc ||
      (r.timer_or_counter && item.type != wanted_tc))
    return Code(ReturnCode::kDataTypeNotSupported);

  const size_t element = s7comm::ElementBytes(item.type).value_or(0);
  if (element == 0) return Code(ReturnCode::kDataTypeNotSupported);
  if (item.length == 0) return Code(ReturnCode::kAddressOutOfRange);

  if (r.timer_or_counter) {
    // T/C addresses count timers, not bits: the 24-bit address is the number.
    size_t number = size_t{item.byte_offset} * 8 + item.bit_offset;
    r.offset = number * element;
    r.size = size_t{item.length} * element;
  } else if (item.type == ItemType::kBit) {
    if (item.length != 1) return Code(ReturnCode::kDataTypeNotSupported);
    r.is_bit = true;
    r.offset = item.byte_offset;
    r.size = 1;
  } else {
    if (item.bit_offset != 0) return Code(ReturnCode::kAddressOutOfRange);
    r.offset = item.byte_offset;
    r.size = size_t{item.length} * element;
  }
  if (r.offset > memory->size() || r.size > memory->size() - r.offset)
    return Code(ReturnCode::kAddressOutOfRange);
  return r;
}

/// The response transport size a CPU uses for an item type.
DataType ResponseDataType(ItemType type) {
  switch (type) {
    case ItemType::kBit:
      return DataType::kBit;
    case ItemType::kInt:
    case ItemType::kDint:
      return DataType::kInteger;
    case ItemType::kReal:
      return DataType::kReal;
    case ItemType::kChar:
    case ItemType::kTimer:
    case ItemType::kCounter:
      return DataType::kOctetString;
    default:
      return DataType::kByte;
  }
}

}  // namespace

DataItem ReadVarItem(DeviceState& state, const AnyPointer& item) {
  auto resolved = Resolve(state, item, /*for_write=*/false);
  if (auto* code = std::get_if<uint8_t>(&resolved))
    return s7comm::ErrorData(static_cast<ReturnCode>(*code));
  const Resolved& r = std::get<Resolved>(resolved);
  if (r.is_bit)
    return s7comm::BitData(((*r.memory)[r.offset] >> item.bit_offset) & 1);
  DataItem data;
  data.type = ResponseDataType(item.type);
  data.value.assign(r.memory->begin() + r.offset,
                    r.memory->begin() + r.offset + r.size);
  return data;
}

uint8_t WriteVarItem(DeviceState& state, const AnyPointer& item,
                     const DataItem& data) {
  auto resolved = Resolve(state, item, /*for_write=*/true);
  if (auto* code = std::get_if<uint8_t>(&resolved)) return *code;
  const Resolved& r = std::get<Resolved>(resolved);
  if (r.timer_or_counter) return Code(ReturnCode::kAccessDenied);
  if (r.is_bit) {
    if (data.type != DataType::kBit || data.value.size() != 1)
      return Code(ReturnCode::kDataTypeInconsistent);
    uint8_t mask = static_cast<uint8_t>(1u << item.bit_offset);
    uint8_t& byte = (*r.memory)[r.offset];
    byte = (data.value[0] & 1) ? (byte | mask) : (byte & ~mask);
    return Code(ReturnCode::kSuccess);
  }
  if (data.type == DataType::kBit || data.type == DataType::kNull ||
      data.value.size() != r.size)
    return Code(ReturnCode::kDataTypeInconsistent);
  std::copy(data.value.begin(), data.value.end(), r.memory->begin() + r.offset);
  return Code(ReturnCode::kSuccess);
}

}  // namespace protolm::device::s7
