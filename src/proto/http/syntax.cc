// Character classes, line splitting and limits (see syntax.h).
#include "proto/http/syntax.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace protolm::http {

bool IsTokenChar(uint8_t c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool IsFieldValueChar(uint8_t c) {
  return c == '\t' || (c >= 0x20 && c != 0x7f);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x | 0x20 : x) ==
                  (y >= 'A' && y <= 'Z' ? y | 0x20 : y);
         });
}

bool IsStandardMethod(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kMethods = {
      "GET",     "HEAD",    "POST",  "PUT",  "DELETE",
      "CONNECT", "OPTIONS", "TRACE", "PATCH"};
  return std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
}

std::optional<Line> NextLine(ByteView bytes, size_t from) {
  if (from > bytes.size()) return std::nullopt;
  const auto lf = std::find(bytes.begin() + static_cast<long>(from),
                            bytes.end(), uint8_t{'\n'});
  if (lf == bytes.end()) return std::nullopt;
  const size_t at = static_cast<size_t>(lf - bytes.begin());
  size_t end = at;
  if (end > from && bytes[end - 1] == '\r') --end;
  return Line{from, end - from, at + 1};
}

bool StartsWithStatusLine(ByteView b) {
  static constexpr std::string_view kPrefix = "HTTP/1.";
  if (b.size() < 12 || AsText(b.first(kPrefix.size())) != kPrefix) return false;
  auto digit = [&](size_t i) { return b[i] >= '0' && b[i] <= '9'; };
  return digit(7) && b[8] == ' ' && digit(9) && digit(10) && digit(11);
}

}  // namespace protolm::http
