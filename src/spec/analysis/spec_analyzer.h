// Analysis of a whole RFC: every sentence parsed, winnowed and given a
// status, with the counts the report and the winnowing table need.
//
// SpecAnalyzer owns the lexicon and the term dictionary (by default the
// copies of data/spec/lexicon.ccg and data/spec/terms.txt compiled into the
// binary). Analyze adds the document's own field and message names to a copy
// of the dictionary, so the analyzer itself is not modified and may be shared
// between threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "spec/analysis/sentence_status.h"
#include "spec/analysis/term_dictionary.h"
#include "spec/ccg/chart_parser.h"
#include "spec/ccg/lexicon.h"
#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace protolm::spec {

struct SentenceAnalysis {
  Sentence sentence;
  std::vector<std::string> noun_phrases;
  std::string parsed_text;  // differs from the text when a subject was supplied
  bool subject_supplied = false;
  std::array<size_t, 6> lf_counts{};  // parsed, then after each winnowing check
  uint64_t derivations = 0;         // normal-form derivations behind the parse
  bool truncated = false;           // the chart hit its size limit
  std::vector<ccg::TermPtr> forms;  // logical forms that survived winnowing
  SentenceStatus status = SentenceStatus::kUnparsed;
  std::string reason;  // for statuses other than ok: what is wrong or missing
};

/// One row per stage of the winnowing table (SAGE figure 5): over the
/// sentences that parsed to more than one form.
struct WinnowingRow {
  std::string stage;  // "parsed", "type", ...
  double mean = 0;
  size_t max = 0;
  size_t min = 0;
};

struct AnalysisReport {
  std::string source;
  std::vector<SentenceAnalysis> sentences;
  std::map<SentenceStatus, size_t> status_counts;
  size_t actionable = 0;
  size_t actionable_with_one_form = 0;
  double parse_rate = 0;  // actionable_with_one_form / actionable
  size_t multi_form_sentences = 0;
  std::vector<WinnowingRow> winnowing;
};

struct AnalysisOptions {
  std::string protocol;  // keep sentences of this protocol ("" = all)
  std::vector<std::string> sections;  // keep these sections and subsections
};

class SpecAnalyzer {
 public:
  /// Parses the lexicon and the term list; errors carry name:line:col.
  static Result<SpecAnalyzer> Create(std::string_view lexicon_text,
                                     const std::string& lexicon_name,
                                     std::string_view terms_text,
                                     const std::string& terms_name);
  /// With the built-in lexicon and term dictionary.
  static Result<SpecAnalyzer> CreateDefault();

  AnalysisReport Analyze(const RfcDocument& doc,
                         const AnalysisOptions& options) const;

  /// Analyses sentences that did not come from a document (tests, tools).
  AnalysisReport AnalyzeSentences(const std::vector<Sentence>& sentences,
                                  const std::string& source) const;

  const ccg::Lexicon& lexicon() const { return lexicon_; }
  const TermDictionary& terms() const { return terms_; }

 private:
  SpecAnalyzer(ccg::Lexicon lexicon, TermDictionary terms)
      : lexicon_(std::move(lexicon)), terms_(std::move(terms)) {}

  AnalysisReport Run(const std::vector<Sentence>& sentences,
                     const std::string& source,
                     const TermDictionary& terms) const;

  ccg::Lexicon lexicon_;
  TermDictionary terms_;
};

}  // namespace protolm::spec
