// Bounds-checked byte reading and writing (see bytes.h).
#include "util/bytes.h"

namespace protolm {

void ByteWriter::U16Be(uint16_t v) {
  out_.push_back(static_cast<uint8_t>(v >> 8));
  out_.push_back(static_cast<uint8_t>(v));
}

void ByteWriter::U16Le(uint16_t v) {
  out_.push_back(static_cast<uint8_t>(v));
  out_.push_back(static_cast<uint8_t>(v >> 8));
}

void ByteWriter::U24Be(uint32_t v) {
  for (int shift = 16; shift >= 0; shift -= 8)
    out_.push_back(static_cast<uint8_t>(v >> shift));
}

void ByteWriter::U32Be(uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out_.push_back(static_cast<uint8_t>(v >> shift));
}

void ByteWriter::U32Le(uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8)
    out_.push_back(static_cast<uint8_t>(v >> shift));
}

void ByteWriter::U64Be(uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out_.push_back(static_cast<uint8_t>(v >> shift));
}

void ByteWriter::Append(ByteView bytes) {
  out_.insert(out_.end(), bytes.begin(), bytes.end());
}

void ByteWriter::PatchU16Be(size_t pos, uint16_t v) {
  out_[pos] = static_cast<uint8_t>(v >> 8);
  out_[pos + 1] = static_cast<uint8_t>(v);
}

std::string ToHex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.resize(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

namespace {
int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

Result<Bytes> FromHex(std::string_view text) {
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    text.remove_prefix(2);
  Bytes out;
  out.reserve(text.size() / 2);
  int high = -1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':') continue;
    int d = HexDigit(c);
    if (d < 0)
      return Malformed("hex: column " + std::to_string(i + 1) +
                       ": '" + std::string(1, c) + "' is not a hex digit");
    if (high < 0) {
      high = d;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | d));
      high = -1;
    }
  }
  if (high >= 0) return Malformed("hex: odd number of digits");
  return out;
}

}  // namespace protolm
