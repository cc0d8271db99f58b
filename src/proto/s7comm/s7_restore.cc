// Reading an item before a probe's write var job and writing it back
// afterwards (see s7_restore.h).
#include "proto/s7comm/s7_restore.h"

#include <variant>
#include <vector>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

/// The one any-pointer item a write var job writes.
std::optional<AnyPointer> WrittenItem(const S7Pdu& write) {
  const auto* job = std::get_if<WriteVarRequest>(&write.body);
  if (write.rosctr != Rosctr::kJob || job == nullptr ||
      job->items.size() != 1)
    return std::nullopt;
  const auto* pointer = std::get_if<AnyPointer>(&job->items[0]);
  if (pointer == nullptr) return std::nullopt;
  return *pointer;
}

}  // namespace

std::optional<S7Pdu> ReadBefore(const S7Pdu& write) {
  const std::optional<AnyPointer> item = WrittenItem(write);
  if (!item) return std::nullopt;
  return ReadVarJob(0, {*item});
}

std::optional<S7Pdu> RestoreWrite(const S7Pdu& write,
                                          ByteView read_answer) {
  const std::optional<AnyPointer> item = WrittenItem(write);
  if (!item) return std::nullopt;
  const MessageDecoding answer =
      DecodeMessage(read_answer, FieldMode::kSkip);
  if (!answer.s7 || answer.s7->rosctr != Rosctr::kAckData)
    return std::nullopt;
  const auto* read = std::get_if<ReadVarResponse>(&answer.s7->body);
  if (read == nullptr || read->items.size() != 1) return std::nullopt;
  const DataItem& shown = read->items[0];
  if (shown.return_code != static_cast<uint8_t>(ReturnCode::kSuccess))
    return std::nullopt;
  if (item->type == ItemType::kBit) {
    if (item->length != 1 || shown.value.size() != 1) return std::nullopt;
    return WriteVarJob(0, {*item},
                               {BitData((shown.value[0] & 1) != 0)});
  }
  const std::optional<size_t> element = ElementBytes(item->type);
  if (!element || shown.value.size() != *element * item->length)
    return std::nullopt;
  return WriteVarJob(0, {*item}, {ByteData(shown.value)});
}

}  // namespace protolm::s7comm
