// Parses one sentence of an RFC into logical forms and winnows them.
//
// Pipeline: word tokens -> noun-phrase labelling -> CCG chart parse ->
// winnowing. A field description is often a fragment without a subject
// ("The internet header plus the first 64 bits of ...", "If code = 0,
// identifies the octet ..."); when such a sentence yields no logical form
// and its context names a field, it is parsed again with the field supplied
// as the subject (SAGE section 4.1), and the result says so: "FIELD
// identifies ..." for a fragment that starts with a verb (after a leading
// "If ...," condition), "FIELD is ..." for any other; an elliptic condition
// "If set, ..." becomes "If FIELD is set, ...". The default chart
// options leave out substitution (RFC prose has no parasitic gaps; the rule
// only adds readings that repeat a constituent), raise only noun phrases
// (raising a clause over a comma lets "If A, B" read as @If(B, A)) and let
// noun and sentence post-modifiers only apply (composing them into a verb
// phrase lets them skip a conjunct or slip under a modal). Winnowing gets
// the chart's attachment heights (right association as the last
// preference). A SentenceParser borrows its lexicon and dictionary (the
// caller keeps them alive) and is safe to use from several threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/analysis/noun_phrases.h"
#include "spec/analysis/term_dictionary.h"
#include "spec/ccg/chart_parser.h"
#include "spec/ccg/lexicon.h"
#include "spec/ccg/winnowing.h"
#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace protolm::spec {

struct ParsedSentence {
  std::string parsed_text;  // the text parsed (with the supplied subject)
  bool subject_supplied = false;
  std::vector<LabelledToken> tokens;
  ccg::ChartResult chart;      // forms straight from the parser
  ccg::WinnowResult winnowed;  // survivors and counts per check
};

class SentenceParser {
 public:
  /// Fails when the lexicon lacks the NP category noun phrases are given.
  static Result<SentenceParser> Create(
      const ccg::Lexicon& lexicon, const TermDictionary& terms,
      ccg::ChartOptions options = DefaultOptions());

  /// Chart options for RFC prose: NLTK's rules without substitution, type
  /// raising of noun phrases only, NP\NP and S\S modifiers that only apply.
  static ccg::ChartOptions DefaultOptions();

  /// Parses one sentence. A value definition ("0 = Echo Reply") is read as
  /// the value, "=" and its meaning taken whole as one noun phrase.
  ParsedSentence Parse(std::string_view text, const SentenceContext& context,
                       SentenceKind kind = SentenceKind::kProse) const;

  /// The tokens of `text` and the lexical items each may take (noun phrases
  /// and numbers as NP constants). Exposed for the NLTK cross-check.
  std::vector<LabelledToken> Label(std::string_view text) const;
  std::vector<std::vector<ccg::LexicalItem>> Items(
      const std::vector<LabelledToken>& tokens) const;

 private:
  SentenceParser(const ccg::Lexicon& lexicon, const TermDictionary& terms,
                 ccg::ChartOptions options, ccg::CategoryPtr np)
      : lexicon_(&lexicon),
        terms_(&terms),
        options_(options),
        np_(std::move(np)) {}

  ParsedSentence ParseText(std::string text) const;
  ParsedSentence ParseTokens(std::string text,
                             std::vector<LabelledToken> tokens) const;
  // "0 = Echo Reply" as [0] [=] [echo reply]; nullopt if not of that shape.
  std::optional<ParsedSentence> ParseValueDefinition(
      std::string_view text) const;
  bool StartsWithVerb(const std::vector<LabelledToken>& tokens) const;

  const ccg::Lexicon* lexicon_;
  const TermDictionary* terms_;
  ccg::ChartOptions options_;
  ccg::CategoryPtr np_;
};

}  // namespace protolm::spec
