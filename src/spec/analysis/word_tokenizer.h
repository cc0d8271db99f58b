// Splits sentence text into the word tokens the noun-phrase labeller and the
// CCG parser work on.
//
// Words are lower-cased runs of letters, digits and the inner characters
// '-', '.', '_' and '/' ("16-bit", "bfd.sessionstate", "e.g."); a possessive
// "'s" becomes its own token ("datagram's" -> "datagram", "'s"); the
// punctuation , ; : ( ) = + is kept as single tokens and everything else
// (quotes, the closing period) is dropped. The term dictionary and the lexicon
// tokenise their entries the same way, so phrases match token for token.
// Pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace protolm::spec {

std::vector<std::string> TokenizeWords(std::string_view text);

}  // namespace protolm::spec
