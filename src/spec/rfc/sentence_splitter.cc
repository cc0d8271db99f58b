// Sentence splitting for RFC prose (see sentence_splitter.h).
#include "spec/rfc/sentence_splitter.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>
#include <utility>

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

// Words that end with a period without ending a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 16> kAbbreviations = {
      "e.g", "i.e",  "vs", "cf", "fig", "no",  "sec",    "ref",
      "al",  "resp", "dr", "mr", "ms",  "viz", "approx", "eq"};
  std::string lower = ToLower(word);
  for (std::string_view a : kAbbreviations) {
    if (lower == a) return true;
  }
  // "U.S", "e.g" written another way: a dot inside the word.
  if (word.find('.') != std::string_view::npos) {
    bool letters_and_dots = true;
    for (char c : word)
      letters_and_dots = letters_and_dots && (IsAlpha(c) || c == '.');
    if (letters_and_dots) return true;
  }
  return false;
}

bool IsClosing(char c) { return c == ')' || c == '"' || c == '\'' || c == ']'; }

bool CanStartSentence(char c) {
  return IsUpper(c) || IsDigit(c) || c == '(' || c == '"' || c == '[';
}

}  // namespace

std::vector<LineText> SplitSentences(const std::vector<LineText>& pieces) {
  std::string joined;
  std::vector<std::pair<size_t, int>>
      line_at;  // offset where each piece starts
  for (const LineText& piece : pieces) {
    std::string_view t = Trim(piece.text);
    if (t.empty()) continue;
    if (!joined.empty()) {
      bool hyphenated = joined.size() >= 2 && joined.back() == '-' &&
                        IsAlnum(joined[joined.size() - 2]) &&
                        (IsLower(t.front()) || IsDigit(t.front()));
      if (!hyphenated) joined.push_back(' ');
    }
    line_at.emplace_back(joined.size(), piece.line);
    joined.append(t);
  }

  std::vector<LineText> sentences;
  auto line_of = [&line_at](size_t offset) {
    auto after = std::upper_bound(
        line_at.begin(), line_at.end(), offset,
        [](size_t o, const std::pair<size_t, int>& p) { return o < p.first; });
    return after == line_at.begin() ? 0 : std::prev(after)->second;
  };
  auto emit = [&](size_t begin, size_t end) {
    std::string text =
        CollapseSpaces(std::string_view(joined).substr(begin, end - begin));
    if (!text.empty()) sentences.push_back({std::move(text), line_of(begin)});
  };

  size_t start = 0;
  while (start < joined.size() && joined[start] == ' ') ++start;
  for (size_t i = start; i < joined.size(); ++i) {
    char c = joined[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t j = i + 1;
    while (j < joined.size() && IsClosing(joined[j])) ++j;
    if (j < joined.size() && joined[j] != ' ') continue;
    size_t k = j;
    while (k < joined.size() && joined[k] == ' ') ++k;
    if (k < joined.size() && !CanStartSentence(joined[k])) continue;
    if (c == '.' && k < joined.size()) {
      size_t w = i;
      while (w > start && joined[w - 1] != ' ' && joined[w - 1] != '(') --w;
      if (IsAbbreviation(std::string_view(joined).substr(w, i - w))) continue;
    }
    emit(start, j);
    start = k;
    i = k == 0 ? 0 : k - 1;
  }
  if (start < joined.size()) emit(start, joined.size());
  return sentences;
}

}  // namespace protolm::spec
