// Element sizes of S7 item types (see s7_item_size.h).
#include "emu/s7_item_size.h"

namespace protolm::emu {

std::optional<size_t> S7ElementBytes(s7comm::ItemType type) {
  using s7comm::ItemType;
  switch (type) {
    case ItemType::kBit:
    case ItemType::kByte:
    case ItemType::kChar:
      return 1;
    case ItemType::kWord:
    case ItemType::kInt:
    case ItemType::kDate:
    case ItemType::kS5Time:
    case ItemType::kCounter:
    case ItemType::kTimer:
      return 2;
    case ItemType::kDword:
    case ItemType::kDint:
    case ItemType::kReal:
    case ItemType::kTimeOfDay:
    case ItemType::kTime:
      return 4;
    case ItemType::kDateAndTime:
      return 8;
    default:
      return std::nullopt;
  }
}

}  // namespace protolm::emu
