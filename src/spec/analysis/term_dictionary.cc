// Longest-match term dictionary (see term_dictionary.h).
#include "spec/analysis/term_dictionary.h"

#include <algorithm>

#include "spec/analysis/word_tokenizer.h"

namespace protolm::spec {
namespace {

std::string Join(const std::vector<std::string>& words, size_t start,
                 size_t n) {
  std::string out;
  for (size_t i = start; i < start + n; ++i) {
    if (i > start) out += ' ';
    out += words[i];
  }
  return out;
}

}  // namespace

Result<TermDictionary> TermDictionary::Parse(std::string_view text,
                                             const std::string& source_name) {
  TermDictionary dict;
  size_t pos = 0;
  int line = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ++line;
    std::string_view row = text.substr(pos, nl - pos);
    pos = nl + 1;
    size_t hash = row.find('#');
    if (hash != std::string_view::npos) row = row.substr(0, hash);
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (TokenizeWords(row).empty()) {
      size_t col = row.find_first_not_of(" \t\r") + 1;
      return Malformed(source_name + ":" + std::to_string(line) + ":" +
                       std::to_string(col) +
                       ": a term needs at least one letter or digit");
    }
    dict.Add(row);
  }
  return dict;
}

void TermDictionary::Add(std::string_view term) {
  std::vector<std::string> words = TokenizeWords(term);
  if (words.empty()) return;
  max_tokens_ = std::max(max_tokens_, words.size());
  terms_.insert(Join(words, 0, words.size()));
}

size_t TermDictionary::LongestMatch(const std::vector<std::string>& words,
                                    size_t start) const {
  size_t limit =
      std::min(max_tokens_, words.size() - std::min(start, words.size()));
  for (size_t n = limit; n > 0; --n) {
    if (terms_.count(Join(words, start, n))) return n;
  }
  return 0;
}

}  // namespace protolm::spec
