// The domain term dictionary: networking noun phrases ("echo reply message",
// "one's complement sum", "time to live") that the noun-phrase labeller must
// keep whole even when they contain words the lexicon knows ("to", "of").
//
// The default list is data/spec/terms.txt (one term per line, '#' comments),
// embedded in the binary; the field names found in the document itself are
// added per run. Matching is on the tokens of word_tokenizer.h, longest match
// first. Not thread-safe while terms are being added; read-only use is.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "util/status.h"

namespace protolm::spec {

class TermDictionary {
 public:
  /// Parses a term list. Fails (with line:col) on a line that holds no word.
  static Result<TermDictionary> Parse(std::string_view text,
                                      const std::string& source_name);

  /// Adds one term (any case, any spacing); terms of no words are ignored.
  void Add(std::string_view term);

  /// Number of tokens of the longest term that starts at words[start], or 0.
  size_t LongestMatch(const std::vector<std::string>& words,
                      size_t start) const;

  size_t size() const { return terms_.size(); }

 private:
  std::unordered_set<std::string> terms_;  // tokens joined by single spaces
  size_t max_tokens_ = 0;
};

}  // namespace protolm::spec
