// Page cleaning (see page_cleaner.h): footers, running headers, form feeds.
#include "spec/rfc/page_cleaner.h"

#include <array>
#include <cstdio>

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr size_t kMaxTextBytes = 32u << 20;
constexpr size_t kMaxHeaderLines = 4;

struct RawLine {
  int number = 0;
  std::string text;
  bool form_feed = false;  // a form feed was on this line (a page starts here)
};

bool IsBlank(std::string_view line) { return Trim(line).empty(); }

// Splits on '\n', drops '\r', expands tabs, records and removes form feeds.
Result<std::vector<RawLine>> SplitLines(std::string_view text,
                                        std::string_view source_name) {
  std::vector<RawLine> lines;
  RawLine current;
  current.number = 1;
  int column = 0;
  for (char c : text) {
    ++column;
    if (c == '\n') {
      while (!current.text.empty() && current.text.back() == ' ') {
        current.text.pop_back();
      }
      int next = current.number + 1;
      lines.push_back(std::move(current));
      current = RawLine();
      current.number = next;
      column = 0;
      continue;
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\r') continue;
    if (c == '\f') {
      current.form_feed = true;
      continue;
    }
    if (c == '\t') {
      do {
        current.text.push_back(' ');
      } while (current.text.size() % 8 != 0);
      continue;
    }
    if (u < 0x20 || u == 0x7f) {
      std::array<char, 8> hex;
      std::snprintf(hex.data(), hex.size(), "0x%02x", u);
      return Malformed(
          std::string(source_name) + ":" + std::to_string(current.number) +
          ":" + std::to_string(column) + ": control character " + hex.data() +
          " in RFC text; expected plain text (is this a binary "
          "file?)");
    }
    current.text.push_back(c);
  }
  while (!current.text.empty() && current.text.back() == ' ') {
    current.text.pop_back();
  }
  if (!current.text.empty() || current.form_feed) {
    lines.push_back(std::move(current));
  }
  return lines;
}

bool ContainsMonthAndYear(std::string_view line) {
  static constexpr std::array<std::string_view, 24> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December",
      "Jan",     "Feb",      "Mar",       "Apr",     "Jun",      "Jul",
      "Aug",     "Sep",      "Sept",      "Oct",     "Nov",      "Dec"};
  std::vector<std::string_view> words = SplitWords(line);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    bool month = false;
    for (std::string_view m : kMonths) month = month || words[i] == m;
    if (month && words[i + 1].size() == 4 && ParseDecimal(words[i + 1])) {
      return true;
    }
  }
  return false;
}

bool ContainsRfcNumber(std::string_view line) {
  std::vector<std::string_view> words = SplitWords(line);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "RFC" && ParseDecimal(words[i + 1])) return true;
  }
  return false;
}

// A running header: a short block naming the RFC or its date.
bool IsPageHeaderBlock(const std::vector<RawLine>& lines, size_t begin,
                       size_t end) {
  if (end <= begin || end - begin > kMaxHeaderLines) return false;
  for (size_t i = begin; i < end; ++i) {
    if (ContainsMonthAndYear(lines[i].text) ||
        ContainsRfcNumber(lines[i].text)) {
      return true;
    }
  }
  return false;
}

bool EndsSentence(std::string_view line) {
  line = Trim(line);
  while (!line.empty() && (line.back() == ')' || line.back() == '"')) {
    line.remove_suffix(1);
  }
  if (line.empty()) return true;
  char last = line.back();
  return last == '.' || last == ':' || last == ';' || last == '!' ||
         last == '?';
}

// Whether the text after a page break continues the paragraph before it.
bool ContinuesAcrossPage(std::string_view before, std::string_view after) {
  if (EndsSentence(before)) return false;
  std::string_view first = Trim(after);
  if (!first.empty() && IsLower(first.front())) return true;
  return Indent(before) == Indent(after);
}

}  // namespace

bool IsPageFooter(std::string_view line) {
  line = Trim(line);
  size_t open = line.find("[Page ");
  if (open == std::string_view::npos) open = line.find("[page ");
  if (open == std::string_view::npos) return false;
  size_t close = line.find(']', open);
  if (close == std::string_view::npos) return false;
  std::string_view number = line.substr(open + 6, close - open - 6);
  if (number.empty() || number.size() > 6) return false;
  for (char c : number) {
    if (!IsDigit(c) &&
        std::string_view("ivxlcdm").find(c) == std::string_view::npos) {
      return false;
    }
  }
  // The footer token sits at one end of the line, beside a short name.
  std::string_view before = Trim(line.substr(0, open));
  std::string_view after = Trim(line.substr(close + 1));
  if (!before.empty() && !after.empty()) return false;
  std::string_view other = before.empty() ? after : before;
  if (other.size() > 60) return false;
  // A name is separated from the token by a wide gap, not by prose.
  if (!other.empty()) {
    if (before.empty() ? line.size() < close + 3 : open < 2) return false;
    std::string_view gap =
        before.empty() ? line.substr(close + 1, 2) : line.substr(open - 2, 2);
    if (gap != "  ") return false;
  }
  return true;
}

Result<std::vector<SourceLine>> CleanPages(std::string_view text,
                                           std::string_view source_name) {
  if (text.size() > kMaxTextBytes) {
    return OutOfRange(std::string(source_name) + ": RFC text of " +
                      std::to_string(text.size()) +
                      " bytes is over the 32 MiB limit; split the file");
  }
  ASSIGN_OR_RETURN(std::vector<RawLine> raw, SplitLines(text, source_name));
  std::vector<SourceLine> out;
  auto drop_trailing_blanks = [&out] {
    while (!out.empty() && out.back().text.empty()) out.pop_back();
  };
  size_t i = 0;
  while (i < raw.size()) {
    bool footer = IsPageFooter(raw[i].text);
    bool break_here = footer || (raw[i].form_feed && IsBlank(raw[i].text));
    bool header_here = !break_here && raw[i].form_feed;
    if (!break_here && !header_here) {
      out.push_back({raw[i].number, raw[i].text});
      ++i;
      continue;
    }
    // A page break: drop the padding before it, the running header and the
    // padding after it.
    drop_trailing_blanks();
    size_t j = header_here ? i : i + 1;
    while (j < raw.size() && IsBlank(raw[j].text)) ++j;
    size_t k = j;
    while (k < raw.size() && k - j <= kMaxHeaderLines &&
           !IsBlank(raw[k].text) && !IsPageFooter(raw[k].text) &&
           (k == j || !raw[k].form_feed)) {
      ++k;
    }
    if ((k == raw.size() || IsBlank(raw[k].text)) &&
        IsPageHeaderBlock(raw, j, k)) {
      j = k;
      while (j < raw.size() && IsBlank(raw[j].text)) ++j;
    }
    if (j < raw.size() && !out.empty() &&
        !ContinuesAcrossPage(out.back().text, raw[j].text)) {
      out.push_back({raw[j].number - 1, ""});
    }
    if (j == i) {  // a form feed on a line of content: keep the line
      out.push_back({raw[j].number, raw[j].text});
      ++j;
    }
    i = j;
  }
  drop_trailing_blanks();
  return out;
}

}  // namespace protolm::spec
