// Word tokenisation for spec analysis (see word_tokenizer.h).
#include "spec/analysis/word_tokenizer.h"

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

bool IsInner(char c) { return c == '-' || c == '.' || c == '_' || c == '/'; }

bool IsKeptPunctuation(char c) {
  return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '=' ||
         c == '+';
}

}  // namespace

std::vector<std::string> TokenizeWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsAlnum(c)) {
      std::string word;
      while (i < text.size()) {
        char d = text[i];
        if (IsAlnum(d)) {
          word += ToLower(d);
          ++i;
        } else if (IsInner(d) && i + 1 < text.size() && IsAlnum(text[i + 1])) {
          word += d;
          ++i;
        } else {
          break;
        }
      }
      // "e.g" keeps its closing period so it stays one abbreviation.
      if (i < text.size() && text[i] == '.' &&
          word.find('.') != std::string::npos && word.size() <= 4) {
        word += '.';
        ++i;
      }
      out.push_back(std::move(word));
      if (i + 1 < text.size() && text[i] == '\'' &&
          (text[i + 1] == 's' || text[i + 1] == 'S') &&
          (i + 2 >= text.size() || !IsAlnum(text[i + 2]))) {
        out.push_back("'s");
        i += 2;
      }
      continue;
    }
    if (IsKeptPunctuation(c)) out.emplace_back(1, c);
    ++i;
  }
  return out;
}

}  // namespace protolm::spec
