// Field-recording reads over one Modbus ADU (see pdu_reader.h).
#include "proto/modbus/pdu_reader.h"

#include <utility>

#include "util/escaped_text.h"

namespace protolm::modbus {

PduReader::PduReader(ByteView adu, Field* root) : in_(adu) {
  if (root != nullptr) groups_.push_back(root);
}

PduReader::~PduReader() {
  while (!group_starts_.empty()) Close();
}

Field* PduReader::Record(std::string_view name, std::string value, size_t at,
                         size_t length, int level) {
  if (groups_.empty()) return nullptr;
  last_ = &groups_.back()->AddText(std::string(name), std::move(value), at,
                                   length, level);
  return last_;
}

Result<uint8_t> PduReader::U8(std::string_view name, int level) {
  const size_t at = offset();
  std::optional<uint8_t> v = in_.U8();
  if (!v) return TruncatedAt(name, 1);
  if (recording()) Record(name, std::to_string(*v), at, 1, level)->number = *v;
  return *v;
}

Result<uint16_t> PduReader::U16(std::string_view name, int level) {
  const size_t at = offset();
  std::optional<uint16_t> v = in_.U16Be();
  if (!v) return TruncatedAt(name, 2);
  if (recording()) Record(name, std::to_string(*v), at, 2, level)->number = *v;
  return *v;
}

Result<ByteView> PduReader::Hex(std::string_view name, size_t n, int level) {
  const size_t at = offset();
  std::optional<ByteView> v = in_.Take(n);
  if (!v) return TruncatedAt(name, n);
  if (recording()) Record(name, ToHex(*v), at, n, level);
  return *v;
}

Result<ByteView> PduReader::Text(std::string_view name, size_t n, int level) {
  const size_t at = offset();
  std::optional<ByteView> v = in_.Take(n);
  if (!v) return TruncatedAt(name, n);
  if (recording()) Record(name, EscapedText(*v, Spaces::kEscape), at, n, level);
  return *v;
}

Result<std::vector<uint16_t>> PduReader::Registers(std::string_view name,
                                                   std::string_view element,
                                                   size_t count, int level) {
  const size_t at = offset();
  if (remaining() / 2 < count) return TruncatedAt(name, count * 2);
  // One bounds check for the run, then a plain loop over its bytes.
  const ByteView raw = *in_.Take(count * 2);
  std::vector<uint16_t> values(count);
  for (size_t i = 0; i < count; ++i)
    values[i] = static_cast<uint16_t>(raw[2 * i] << 8 | raw[2 * i + 1]);
  if (!recording()) return values;
  std::string joined;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) joined += ',';
    joined += std::to_string(values[i]);
  }
  Field* group = Record(name, std::move(joined), at, count * 2, level);
  for (size_t i = 0; i < count; ++i) {
    group->AddNumber(std::string(element), values[i], at + 2 * i, 2);
  }
  return values;
}

void PduReader::Open(std::string_view name) {
  if (groups_.empty()) return;
  Field* group = Record(name, "", offset(), 0, 0);
  groups_.push_back(group);
  group_starts_.push_back(offset());
}

void PduReader::Close() {
  if (group_starts_.empty()) return;
  groups_.back()->length = offset() - group_starts_.back();
  groups_.pop_back();
  group_starts_.pop_back();
}

Status PduReader::ExpectRemaining(size_t field_offset, std::string_view field,
                                  size_t announced) const {
  if (remaining() == announced) return Status::Ok();
  return MalformedAt(field_offset,
                     std::string(field) + " announces " +
                         std::to_string(announced) + " bytes but " +
                         std::to_string(remaining()) +
                         " follow before the end the MBAP length sets");
}

Status PduReader::ExpectEnd() const {
  if (remaining() == 0) return Status::Ok();
  return MalformedAt(offset(),
                     std::to_string(remaining()) +
                         " bytes left after the last field; the MBAP length "
                         "is longer than this function's PDU");
}

Status PduReader::MalformedAt(size_t at, std::string_view detail) const {
  return Malformed("modbus " + context_ + ": malformed at offset " +
                   std::to_string(at) + ": " + std::string(detail));
}

Status PduReader::TruncatedAt(std::string_view name, size_t need) const {
  return Truncated("modbus " + context_ + ": truncated at offset " +
                   std::to_string(offset()) + ": " + std::string(name) +
                   " needs " + std::to_string(need) + " bytes, " +
                   std::to_string(remaining()) + " left");
}

}  // namespace protolm::modbus
