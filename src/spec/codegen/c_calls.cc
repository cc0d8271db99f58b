// Calls in C text (see c_calls.h).
#include "spec/codegen/c_calls.h"

#include <algorithm>

#include "spec/rfc/text_util.h"

namespace protolm::spec::codegen {
namespace {

bool IsIdentifierChar(char c) { return IsAlnum(c) || c == '_'; }

// The end of the comment or literal starting at `at`, or `at` when none does.
size_t SkipCommentOrLiteral(std::string_view c, size_t at) {
  if (c.substr(at, 2) == "/*") {
    size_t end = c.find("*/", at + 2);
    return end == std::string_view::npos ? c.size() : end + 2;
  }
  if (c.substr(at, 2) == "//") {
    size_t end = c.find('\n', at);
    return end == std::string_view::npos ? c.size() : end;
  }
  if (c[at] != '"' && c[at] != '\'') return at;
  size_t i = at + 1;
  while (i < c.size() && c[i] != c[at]) i += c[i] == '\\' ? 2 : 1;
  return std::min(i + 1, c.size());
}

}  // namespace

std::set<std::string> CalledFunctions(std::string_view code) {
  std::set<std::string> calls;
  size_t i = 0;
  while (i < code.size()) {
    size_t skipped = SkipCommentOrLiteral(code, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (!IsIdentifierChar(code[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < code.size() && IsIdentifierChar(code[i])) ++i;
    size_t next = i;
    while (next < code.size() && (code[next] == ' ' || code[next] == '\t'))
      ++next;
    if (next < code.size() && code[next] == '(' && !IsDigit(code[start])) {
      calls.emplace(code.substr(start, i - start));
    }
  }
  return calls;
}

}  // namespace protolm::spec::codegen
