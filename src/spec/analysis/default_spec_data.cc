// Lookup of the embedded data/spec files by name (see default_spec_data.h).
#include "spec/analysis/default_spec_data.h"

namespace protolm::spec {
namespace {

std::string_view Embedded(std::string_view name) {
  for (const auto& [stem, text] : DefaultSpecFiles()) {
    if (stem == name) return text;
  }
  return {};  // not reached: CMakeLists.txt embeds both files
}

}  // namespace

std::string_view DefaultLexiconText() { return Embedded("lexicon"); }
std::string_view DefaultTermsText() { return Embedded("terms"); }

}  // namespace protolm::spec
