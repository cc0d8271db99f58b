// Export of a lexicon and of logical forms to NLTK's CCG notation, so that
// NLTK's chart parser (python3-nltk, nltk.ccg) can parse the same sentences
// with the same lexicon and the two sets of logical forms can be compared.
//
// Mapping: predicates @Is(...) become NLTK constants applied to arguments
// (Is(...)); constants become identifiers (lower case, other characters
// '_', a trailing '_' where NLTK would read the name as a variable); words
// holding spaces are joined with '_'. NLTK keeps one semantics per word and
// category (its chart packs leaf edges by category), so the export refuses a
// lexicon where a word has two entries of the same category. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "spec/ccg/lambda_term.h"
#include "spec/ccg/lexicon.h"
#include "util/status.h"

namespace protolm::spec::ccg {

/// NLTK spelling of a constant ("checksum field" -> checksum_field).
std::string NltkIdentifier(std::string_view text);

/// NLTK spelling of a word used as a token ("according to" -> according_to).
std::string NltkWord(std::string_view word);

/// NLTK logic expression for `term` (Must(Is(checksum,0)), \x.P(x)).
std::string ToNltkExpression(const TermPtr& term);

/// The lexicon and `extra` entries (noun phrases of the sentences to parse)
/// in NLTK's lexicon format, for nltk.ccg.lexicon.fromstring(text, True).
/// Fails when one word has two semantics for the same category.
Result<std::string> ExportNltkLexicon(const Lexicon& lexicon,
                                      const std::vector<LexicalEntry>& extra);

}  // namespace protolm::spec::ccg
