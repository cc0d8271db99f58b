// Element sizes of S7 item types (see element_size.h).
#include "proto/s7comm/element_size.h"

namespace protolm::s7comm {

std::optional<size_t> ElementBytes(ItemType type) {
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

}  // namespace protolm::s7comm
