// Escaping untrusted bytes for display (see escaped_text.h).
#include "util/escaped_text.h"

#include <algorithm>

namespace protolm {
namespace {

constexpr size_t kMessageQuoteLimit = 64;

bool Printable(uint8_t byte, Spaces spaces) {
  if (byte == ' ') return spaces == Spaces::kKeep;
  return byte > 0x20 && byte < 0x7f && byte != '\\';
}

void AppendEscaped(std::string& out, ByteView bytes, Spaces spaces,
                   bool escape_quote) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (uint8_t byte : bytes) {
    if (Printable(byte, spaces) && !(escape_quote && byte == '"')) {
      out += static_cast<char>(byte);
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
}

}  // namespace

std::string EscapedText(ByteView bytes, Spaces spaces) {
  std::string out;
  out.reserve(bytes.size());
  AppendEscaped(out, bytes, spaces, /*escape_quote=*/false);
  return out;
}

std::string QuotedForMessage(std::string_view text) {
  size_t shown = std::min(text.size(), kMessageQuoteLimit);
  ByteView bytes(reinterpret_cast<const uint8_t*>(text.data()), shown);
  std::string out = "\"";
  AppendEscaped(out, bytes, Spaces::kKeep, /*escape_quote=*/true);
  out += '"';
  if (shown < text.size()) out += "...";
  return out;
}

}  // namespace protolm
