// Reading position of the lexicon parsers (see text_cursor.h).
#include "spec/ccg/text_cursor.h"

#include <algorithm>
#include <cctype>

namespace protolm::spec::ccg {

void TextCursor::Advance(size_t n) { pos_ = std::min(pos_ + n, text_.size()); }

void TextCursor::SkipSpace() {
  while (!AtEnd() && std::isspace(static_cast<unsigned char>(text_[pos_]))) {
    ++pos_;
  }
}

bool TextCursor::Accept(char c) {
  SkipSpace();
  if (AtEnd() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

Status TextCursor::Expect(char c, std::string_view what) {
  if (Accept(c)) return Status::Ok();
  return Fail(what);
}

std::string TextCursor::ReadName() {
  size_t start = pos_;
  while (!AtEnd() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                      text_[pos_] == '_')) {
    ++pos_;
  }
  return std::string(text_.substr(start, pos_ - start));
}

Status TextCursor::FailAt(size_t pos, std::string_view what) const {
  return Malformed(where_.At(pos) + ": " + std::string(what));
}

Status TextCursor::FailUnexpected(std::string_view context) const {
  return Fail("unexpected '" + std::string(1, Peek()) + "' " +
              std::string(context));
}

}  // namespace protolm::spec::ccg
