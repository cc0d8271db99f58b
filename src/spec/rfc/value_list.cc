// The value-definition idiom (see value_list.h).
#include "spec/rfc/value_list.h"

#include <vector>

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr size_t kMaxNameWords = 3;

std::string StripTrailingPunctuation(std::string_view text) {
  text = Trim(text);
  while (!text.empty() &&
         (text.back() == ';' || text.back() == ',' || text.back() == '.')) {
    text.remove_suffix(1);
    text = Trim(text);
  }
  return CollapseSpaces(text);
}

size_t SkipDigits(std::string_view s, size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

// "ICMP = 1": a name (a few words, no digits first) equal to a number.
std::optional<ValueItem> ParseNameEqualsNumber(std::string_view line) {
  size_t eq = line.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  std::string_view name = Trim(line.substr(0, eq));
  std::string number = StripTrailingPunctuation(line.substr(eq + 1));
  std::optional<uint64_t> value = ParseDecimal(number);
  if (!value || name.empty() || !IsAlpha(name.front())) return std::nullopt;
  if (SplitWords(name).size() > kMaxNameWords) return std::nullopt;
  for (char c : name) {
    if (!IsAlnum(c) && c != ' ' && c != '-') return std::nullopt;
  }
  return ValueItem{number, value, value, std::string(name)};
}

}  // namespace

std::optional<ValueItem> ParseValueItem(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return std::nullopt;
  if (!IsDigit(line.front())) return ParseNameEqualsNumber(line);

  // The value: a number, optionally a range "9-31", "2...n", "2..n".
  size_t i = SkipDigits(line, 0);
  std::string_view low_text = line.substr(0, i);
  std::string_view high_text = low_text;
  for (std::string_view sep : {"...", "..", "-"}) {
    if (line.substr(i, sep.size()) != sep) continue;
    size_t h = i + sep.size();
    size_t e = SkipDigits(line, h);
    if (e == h && h < line.size() && line[h] == 'n') e = h + 1;
    if (e == h) break;  // "111 - x" style: the dash separates, not a range
    high_text = line.substr(h, e - h);
    i = e;
    break;
  }
  ValueItem item;
  item.value = std::string(line.substr(0, i));
  std::string_view rest = line.substr(i);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '=' &&
      rest.front() != ';' && rest.front() != '.' && rest.front() != ',') {
    return std::nullopt;  // "64-bit", "1822", "10th"
  }
  item.low = ParseDecimal(low_text);
  item.high = ParseDecimal(high_text);
  if (high_text == "n") item.high.reset();

  std::string_view after = Trim(rest);
  std::string bare = StripTrailingPunctuation(after);
  if (bare.empty()) return item;  // a bare value: "3", "0;"
  if (after.front() == '=') {
    item.meaning = StripTrailingPunctuation(after.substr(1));
  } else if (after.substr(0, 4) == "for ") {
    item.meaning = StripTrailingPunctuation(after.substr(4));
  } else if (after.substr(0, 2) == "- ") {
    item.meaning = StripTrailingPunctuation(after.substr(2));
  } else if (rest.substr(0, 2) == "  ") {
    item.meaning = bare;  // "00      no warning"
  } else {
    return std::nullopt;  // prose: "20 indicates something"
  }
  if (item.meaning.empty()) return std::nullopt;
  return item;
}

}  // namespace protolm::spec
