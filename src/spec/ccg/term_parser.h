// Parser for the semantics written in lexicon entries.
//
// Notation (close to NLTK's so the lexicon exports cleanly):
//   \x y.@Is(x,y)     lambda abstraction over x then y
//   P(x)  F(x,y)      application (F(x,y) is F(x)(y))
//   @Of('checksum',x) predicate node with its argument list
//   'checksum'  0     constants (quoted) and numbers
// Every unquoted name must be bound by an enclosing lambda: a bare word is
// almost always a forgotten quote, so it is reported with its line:col. In a
// lexicon family, "$w" inside a quoted constant stands for the word the family
// is applied to. Nesting deeper than 64 levels is refused (hostile input).
#pragma once

#include <string_view>

#include "spec/ccg/lambda_term.h"
#include "spec/ccg/source_location.h"
#include "util/status.h"

namespace protolm::spec::ccg {

/// Parses `text`; `where` locates text[0]. "$w" in constants becomes `word`.
Result<TermPtr> ParseTerm(std::string_view text, const SourceLocation& where,
                          std::string_view word = {});

}  // namespace protolm::spec::ccg
