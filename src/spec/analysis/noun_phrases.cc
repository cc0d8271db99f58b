// Longest-match noun-phrase labelling (see noun_phrases.h).
#include "spec/analysis/noun_phrases.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace protolm::spec {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 11>
    kNumberWords = {{{"zero", "0"},
                     {"one", "1"},
                     {"two", "2"},
                     {"three", "3"},
                     {"four", "4"},
                     {"five", "5"},
                     {"six", "6"},
                     {"seven", "7"},
                     {"eight", "8"},
                     {"nine", "9"},
                     {"ten", "10"}}};

bool IsDigits(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::string NumberValue(const std::string& w) {
  if (IsDigits(w)) return w;
  for (const auto& [word, digits] : kNumberWords) {
    if (w == word) return std::string(digits);
  }
  return "";
}

// Tokens of the longest lexicon phrase starting at words[start], or 0.
size_t LexiconMatch(const std::vector<std::string>& words, size_t start,
                    const ccg::Lexicon& lexicon) {
  size_t limit =
      std::min<size_t>(lexicon.max_phrase_words(), words.size() - start);
  for (size_t n = limit; n > 0; --n) {
    std::string phrase = words[start];
    for (size_t i = start + 1; i < start + n; ++i) phrase += " " + words[i];
    if (!lexicon.Lookup(phrase).empty()) return n;
  }
  return 0;
}

}  // namespace

std::vector<LabelledToken> LabelNounPhrases(
    const std::vector<std::string>& words, const ccg::Lexicon& lexicon,
    const TermDictionary& terms) {
  std::vector<LabelledToken> out;
  std::vector<std::string> phrase;  // noun-phrase words being collected
  auto flush = [&] {
    if (phrase.empty()) return;
    if (phrase.size() == 1 && !NumberValue(phrase[0]).empty()) {
      out.push_back({NumberValue(phrase[0]), TokenKind::kNumber});
    } else {
      std::string text = phrase[0];
      for (size_t i = 1; i < phrase.size(); ++i) text += " " + phrase[i];
      out.push_back({std::move(text), TokenKind::kNounPhrase});
    }
    phrase.clear();
  };
  size_t i = 0;
  int parentheses = 0;
  while (i < words.size()) {
    const std::string& w = words[i];
    if (w == "(" || w == ")") {
      parentheses = std::max(0, parentheses + (w == "(" ? 1 : -1));
      flush();
      ++i;
      continue;
    }
    if (parentheses > 0) {
      ++i;
      continue;
    }
    bool punctuation =
        w.size() == 1 && !std::isalnum(static_cast<unsigned char>(w[0]));
    if (punctuation && lexicon.Lookup(w).empty()) {
      flush();
      ++i;
      continue;
    }
    size_t term = terms.LongestMatch(words, i);
    size_t lex = LexiconMatch(words, i, lexicon);
    if (term > lex) {
      phrase.insert(phrase.end(), words.begin() + i, words.begin() + i + term);
      i += term;
    } else if (lex > 0) {
      flush();
      std::string text = words[i];
      for (size_t k = i + 1; k < i + lex; ++k) text += " " + words[k];
      out.push_back({std::move(text), TokenKind::kWord});
      i += lex;
    } else {
      phrase.push_back(words[i]);
      ++i;
    }
  }
  flush();
  return out;
}

}  // namespace protolm::spec
