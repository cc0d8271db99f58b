// Noun-phrase labelling: turns the words of a sentence into the tokens the
// CCG parser sees, each either a lexicon word or a whole noun phrase.
//
// Longest match wins: a term of the dictionary (or a field name of the
// document) longer than any lexicon phrase at the same position becomes one
// noun phrase ("time to live" although the lexicon knows "to"); otherwise a
// lexicon word or phrase ("according to") stays a word. Words the lexicon
// does not know, numbers and terms next to each other form one noun phrase
// ("ip header", "first 64 bits"); a noun phrase that is only a number is a
// number token ("0", and number words such as "zero"). Parenthesised asides
// are left out, and punctuation the lexicon does not know ends a noun phrase
// and is dropped. Pure function.
#pragma once

#include <string>
#include <vector>

#include "spec/analysis/term_dictionary.h"
#include "spec/ccg/lexicon.h"

namespace protolm::spec {

enum class TokenKind {
  kWord,        // a word or phrase of the lexicon
  kNounPhrase,  // a labelled noun phrase
  kNumber,      // a number on its own (digits)
};

struct LabelledToken {
  std::string text;  // lower case; words joined by single spaces
  TokenKind kind;
};

std::vector<LabelledToken> LabelNounPhrases(
    const std::vector<std::string>& words, const ccg::Lexicon& lexicon,
    const TermDictionary& terms);

}  // namespace protolm::spec
