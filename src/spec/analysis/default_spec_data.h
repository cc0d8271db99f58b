// The default lexicon and term dictionary, compiled into the binary from
// data/spec/lexicon.ccg and data/spec/terms.txt by the build (see this
// folder's CMakeLists.txt and cmake/protolm_embed.cmake), so `protolm spec
// analyze` needs no data files. The views point at static storage and are
// valid for the whole program.
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace protolm::spec {

/// Every embedded file as (base name without extension, text); generated.
std::span<const std::pair<std::string_view, std::string_view>>
DefaultSpecFiles();

/// The text of data/spec/lexicon.ccg.
std::string_view DefaultLexiconText();
/// The text of data/spec/terms.txt.
std::string_view DefaultTermsText();

}  // namespace protolm::spec
