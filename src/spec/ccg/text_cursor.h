// The reading position shared by the lexicon's recursive-descent parsers
// (categories and semantics): peek, accept or expect a character, read a
// name, and turn a failure into "source:line:col: what" at the position it
// happened.
//
// A TextCursor borrows the text and its SourceLocation; both must outlive it.
// Spaces are skipped only before punctuation is accepted or expected, never
// inside a name or a quoted constant. Plain value type, not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "spec/ccg/source_location.h"
#include "util/status.h"

namespace protolm::spec::ccg {

class TextCursor {
 public:
  TextCursor(std::string_view text, const SourceLocation& where)
      : text_(text), where_(where) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  /// The current character, or '\0' at the end.
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  /// The text from the current character on.
  std::string_view Rest() const { return text_.substr(pos_); }
  size_t pos() const { return pos_; }

  void Advance(size_t n = 1);
  void SkipSpace();
  /// After spaces: consumes `c` and returns true if it comes next.
  bool Accept(char c);
  /// After spaces: consumes `c`, or fails with `what` if it does not come next.
  Status Expect(char c, std::string_view what);
  /// The run of letters, digits and '_' at the cursor (possibly empty).
  std::string ReadName();

  /// Malformed "source:line:col: what" at the cursor, or at `pos`.
  Status Fail(std::string_view what) const { return FailAt(pos_, what); }
  Status FailAt(size_t pos, std::string_view what) const;
  /// Fail("unexpected 'c' <context>") for the character at the cursor.
  Status FailUnexpected(std::string_view context) const;

 private:
  std::string_view text_;
  const SourceLocation& where_;
  size_t pos_ = 0;
};

}  // namespace protolm::spec::ccg
