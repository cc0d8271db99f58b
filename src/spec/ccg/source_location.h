// Where a piece of lexicon text came from, for error messages of the form
// "lexicon.ccg:12:7: what failed; what to do".
//
// The category and semantics parsers receive a SourceLocation naming the
// position of the first character of the text they parse; At(offset) gives
// the line:col prefix of a character inside that text (which never spans a
// line break). Plain value type.
#pragma once

#include <cstddef>
#include <string>

namespace protolm::spec::ccg {

struct SourceLocation {
  std::string source;  // file name or "<lexicon>"
  int line = 1;        // 1-based
  int column = 1;      // 1-based column of the text's first character

  /// "source:line:col" of the character `offset` bytes into the text.
  std::string At(size_t offset) const {
    return source + ":" + std::to_string(line) + ":" +
           std::to_string(column + static_cast<int>(offset));
  }
};

}  // namespace protolm::spec::ccg
