// Reading an item before a probe's write var job and writing it back
// afterwards (see s7_restore.h).
#include "probe/s7_restore.h"

#include <variant>
#include <vector>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::probe {
namespace {

using s7comm::AnyPointer;

/// The one any-pointer item a write var job writes.
std::optional<AnyPointer> WrittenItem(const s7comm::S7Pdu& write) {
  const auto* job = std::get_if<s7comm::WriteVarRequest>(&write.body);
  if (write.rosctr != s7comm::Rosctr::kJob || job == nullptr ||
      job->items.size() != 1)
    return std::nullopt;
  const auto* pointer = std::get_if<AnyPointer>(&job->items[0]);
  if (pointer == nullptr) return std::nullopt;
  return *pointer;
}

}  // namespace

std::optional<s7comm::S7Pdu> ReadBefore(const s7comm::S7Pdu& write) {
  const std::optional<AnyPointer> item = WrittenItem(write);
  if (!item) return std::nullopt;
  return s7comm::ReadVarJob(0, {*item});
}

std::optional<s7comm::S7Pdu> RestoreWrite(const s7comm::S7Pdu& write,
                                          ByteView read_answer) {
  const std::optional<AnyPointer> item = WrittenItem(write);
  if (!item) return std::nullopt;
  const s7comm::MessageDecoding answer =
      s7comm::DecodeMessage(read_answer, s7comm::FieldMode::kSkip);
  if (!answer.s7 || answer.s7->rosctr != s7comm::Rosctr::kAckData)
    return std::nullopt;
  const auto* read = std::get_if<s7comm::ReadVarResponse>(&answer.s7->body);
  if (read == nullptr || read->items.size() != 1) return std::nullopt;
  const s7comm::DataItem& shown = read->items[0];
  if (shown.return_code != static_cast<uint8_t>(s7comm::ReturnCode::kSuccess))
    return std::nullopt;
  if (item->type == s7comm::ItemType::kBit) {
    if (item->length != 1 || shown.value.size() != 1) return std::nullopt;
    return s7comm::WriteVarJob(0, {*item},
                               {s7comm::BitData((shown.value[0] & 1) != 0)});
  }
  const std::optional<size_t> element = s7comm::ElementBytes(item->type);
  if (!element || shown.value.size() != *element * item->length)
    return std::nullopt;
  return s7comm::WriteVarJob(0, {*item}, {s7comm::ByteData(shown.value)});
}

}  // namespace protolm::probe
