// Masking the variable parts of log words (see log_masks.h).
#include "trace/logs/log_masks.h"

#include <algorithm>

#include "util/text_fields.h"
#include <optional>

namespace protolm {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsDigit);
}

/// 12, -3, +4, 0.5
bool IsNumber(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return AllDigits(text);
  return AllDigits(text.substr(0, dot)) && AllDigits(text.substr(dot + 1));
}

bool IsHex(std::string_view text) {
  if (text.size() > 2 && (text.starts_with("0x") || text.starts_with("0X")))
    return std::all_of(text.begin() + 2, text.end(), IsHexDigit);
  return text.size() >= 8 && std::all_of(text.begin(), text.end(), IsHexDigit) &&
         std::any_of(text.begin(), text.end(), IsDigit);
}

/// 10.1.2.3 or 10.1.2.3:50010
bool IsIpv4(std::string_view text) {
  if (size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    if (!AllDigits(text.substr(colon + 1))) return false;
    text = text.substr(0, colon);
  }
  int parts = 0;
  for (size_t start = 0; start <= text.size(); ++parts) {
    size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) dot = text.size();
    std::string_view part = text.substr(start, dot - start);
    if (!AllDigits(part) || part.size() > 3) return false;
    start = dot + 1;
  }
  return parts == 4;
}

/// 07:07:00, 7:07, 07:07:00.123
bool IsClockTime(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == 0 || colon > 2 || !AllDigits(text.substr(0, colon))) return false;
  text.remove_prefix(colon + 1);
  for (int fields = 0; fields < 2; ++fields) {
    if (text.size() < 2 || !IsDigit(text[0]) || !IsDigit(text[1])) return false;
    text.remove_prefix(2);
    if (text.empty()) return true;
    if (text[0] == '.') return AllDigits(text.substr(1));
    if (text[0] != ':' || fields == 1) return false;
    text.remove_prefix(1);
  }
  return false;
}

bool IsVariable(std::string_view core) {
  return IsNumber(core) || IsHex(core) || IsIpv4(core) || IsClockTime(core);
}

/// The core of a word masked, or nothing when it is constant.
std::optional<std::string> MaskCore(std::string_view core) {
  if (core.starts_with("blk_") &&
      IsNumber(core.substr(4)) && core.find('.') == std::string_view::npos)
    return "blk_" + std::string(kLogWildcard);
  if (IsVariable(core)) return std::string(kLogWildcard);
  size_t equals = core.find('=');
  if (equals != std::string_view::npos && equals > 0 &&
      IsVariable(core.substr(equals + 1)))
    return std::string(core.substr(0, equals + 1)) + std::string(kLogWildcard);
  return std::nullopt;
}

}  // namespace

std::string MaskLogWord(std::string_view word) {
  constexpr std::string_view kLeading = "([{<'\"/";
  constexpr std::string_view kTrailing = ")]}>,;:.'\"";
  size_t begin = 0;
  while (begin < word.size() && kLeading.find(word[begin]) != std::string_view::npos)
    ++begin;
  size_t end = word.size();
  while (end > begin && kTrailing.find(word[end - 1]) != std::string_view::npos)
    --end;
  std::optional<std::string> masked = MaskCore(word.substr(begin, end - begin));
  if (!masked) return std::string(word);
  return std::string(word.substr(0, begin)) + *masked +
         std::string(word.substr(end));
}

std::string MaskLogMessage(std::string_view message) {
  std::string masked;
  for (std::string_view word : SplitWhitespace(message)) {
    if (!masked.empty()) masked += ' ';
    masked += MaskLogWord(word);
  }
  return masked;
}

}  // namespace protolm
