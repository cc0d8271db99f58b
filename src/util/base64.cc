// EncodeBase64 and DecodeBase64 (see base64.h).
#include "util/base64.h"

#include <algorithm>
#include <array>

namespace protolm {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of each character, or -1.
constexpr std::array<int8_t, 256> DecodeTable() {
  std::array<int8_t, 256> table{};
  table.fill(-1);
  for (int i = 0; i < 64; ++i) {
    table[static_cast<uint8_t>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return table;
}

constexpr std::array<int8_t, 256> kDecode = DecodeTable();

}  // namespace

std::string EncodeBase64(ByteView bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t group = uint32_t{bytes[i]} << 16;
    if (n > 1) group |= uint32_t{bytes[i + 1]} << 8;
    if (n > 2) group |= bytes[i + 2];
    for (size_t j = 0; j < 4; ++j) {
      text.push_back(j <= n ? kAlphabet[(group >> (18 - 6 * j)) & 63] : '=');
    }
  }
  return text;
}

Result<Bytes> DecodeBase64(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Malformed("base64: length " + std::to_string(text.size()) +
                     " is not a multiple of 4");
  }
  size_t padding = 0;
  if (!text.empty() && text.back() == '=')
    padding = text.ends_with("==") ? 2 : 1;
  Bytes bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t group = 0;
    for (size_t j = 0; j < 4; ++j) {
      const size_t at = i + j;
      const bool pad = at >= text.size() - padding;
      const int8_t value = pad ? 0 : kDecode[static_cast<uint8_t>(text[at])];
      if (value < 0) {
        return Malformed("base64: character " + std::to_string(at) +
                         " is not in the alphabet");
      }
      group = group << 6 | static_cast<uint32_t>(value);
    }
    const size_t n = i + 4 == text.size() ? 3 - padding : 3;
    for (size_t j = 0; j < n; ++j) {
      bytes.push_back(static_cast<uint8_t>(group >> (16 - 8 * j)));
    }
  }
  return bytes;
}

}  // namespace protolm
