// libFuzzer target: the lexicon loader on untrusted text, then a short chart
// parse over the entries it accepted (combinators and beta reduction on
// hostile semantics) and the NLTK export. Must never crash, hang or read out
// of bounds; errors are values.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "spec/ccg/chart_parser.h"
#include "spec/ccg/lexicon.h"
#include "spec/ccg/nltk_export.h"
#include "spec/ccg/winnowing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  protolm::Result<protolm::spec::ccg::Lexicon> lex =
      protolm::spec::ccg::Lexicon::Parse(text, "fuzz.ccg");
  if (!lex.ok()) return 0;
  // A "sentence" of up to six tokens, each taking every entry of one word.
  std::vector<std::vector<protolm::spec::ccg::LexicalItem>> tokens;
  for (const protolm::spec::ccg::LexicalEntry& e : lex->entries()) {
    if (tokens.size() == 6) break;
    std::vector<protolm::spec::ccg::LexicalItem> items;
    for (const protolm::spec::ccg::LexicalEntry& same : lex->Lookup(e.word)) {
      items.push_back({same.category, same.semantics});
    }
    tokens.push_back(std::move(items));
  }
  protolm::spec::ccg::ChartOptions options;
  options.max_pairs = 20000;
  options.max_beta_steps = 200;
  protolm::spec::ccg::ChartResult r =
      protolm::spec::ccg::ParseChart(tokens, lex->start(), options);
  protolm::spec::ccg::Winnow(r.forms, r.attachment_heights);
  (void)protolm::spec::ccg::ExportNltkLexicon(*lex, {});
  return 0;
}
