// The CCG lexicon: which categories and semantics each word may take.
//
// File format (data/spec/lexicon.ccg is the default, embedded in the binary):
//   # comment to the end of the line
//   :- S, NP, N                          primitive categories; the first is the
//                                        category of a whole sentence
//   TransVerb :: (S\NP)/NP {\y x.@Action('$w',x,y)}   a family: category and
//                                        semantics shared by many words; "$w"
//                                        is replaced by the word
//   is => (S\NP)/NP {\y x.@Is(x,y)}      an entry with its own category
//   send, discard, 'according to' => TransVerb   entries from a family
// Words are matched case-insensitively; quote a word that holds a comma, a
// space or starts with a quote. A word may have several entries (lexical
// ambiguity). Parse errors name the source, line and column and say what to
// fix. A Lexicon is immutable after Parse and safe to share across threads.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "spec/ccg/category.h"
#include "spec/ccg/lambda_term.h"
#include "util/status.h"

namespace protolm::spec::ccg {

struct LexicalEntry {
  std::string word;  // lower case; may hold spaces ("according to")
  CategoryPtr category;
  TermPtr semantics;
  std::string family;  // empty for an entry with its own category
  int line = 0;        // where it was defined
};

class Lexicon {
 public:
  /// Parses lexicon text. `source_name` prefixes error messages.
  static Result<Lexicon> Parse(std::string_view text, std::string source_name);

  /// Entries for `word` (any case); empty when the word is unknown.
  const std::vector<LexicalEntry>& Lookup(std::string_view word) const;

  /// All entries in file order.
  const std::vector<LexicalEntry>& entries() const { return entries_; }
  /// Primitive category names in declaration order; the first is the start.
  const std::vector<std::string>& primitives() const { return primitives_; }
  const std::set<std::string>& primitive_set() const { return primitive_set_; }
  CategoryPtr start() const { return start_; }
  /// Number of words in the longest multi-word entry ("according to" = 2).
  int max_phrase_words() const { return max_phrase_words_; }

 private:
  std::vector<LexicalEntry> entries_;
  std::map<std::string, std::vector<LexicalEntry>, std::less<>> by_word_;
  std::vector<std::string> primitives_;
  std::set<std::string> primitive_set_;
  CategoryPtr start_;
  int max_phrase_words_ = 1;
};

}  // namespace protolm::spec::ccg
