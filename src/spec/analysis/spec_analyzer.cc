// Whole-document analysis and its summary numbers (see spec_analyzer.h).
#include "spec/analysis/spec_analyzer.h"

#include <algorithm>

#include "spec/analysis/default_spec_data.h"
#include "spec/analysis/sentence_parser.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

SentenceAnalysis AnalyzeOne(const Sentence& s, const SentenceParser& parser) {
  SentenceAnalysis a;
  a.sentence = s;
  ParsedSentence p = parser.Parse(s.text, s.context, s.kind);
  for (const LabelledToken& t : p.tokens) {
    if (t.kind == TokenKind::kNounPhrase) a.noun_phrases.push_back(t.text);
  }
  a.parsed_text = p.parsed_text;
  a.subject_supplied = p.subject_supplied;
  a.lf_counts = p.winnowed.counts;
  a.derivations = p.chart.derivations;
  a.truncated = p.chart.truncated;
  a.forms = p.winnowed.forms;
  if (!IsActionable(s, a.forms)) {
    a.status = SentenceStatus::kNonActionable;
    return a;
  }
  if (a.forms.empty()) {
    a.status = SentenceStatus::kUnparsed;
    a.reason =
        p.chart.forms.empty()
            ? (a.truncated ? "the sentence is too long or too ambiguous to "
                             "parse within the chart limits; split it"
                           : "no reading covers the whole sentence; it may "
                             "be a fragment or use words the lexicon lacks")
            : "every reading failed a winnowing check";
    return a;
  }
  if (a.forms.size() > 1) {
    a.status = SentenceStatus::kAmbiguous;
    a.reason = "readings differ: " + DescribeDifference(a.forms[0], a.forms[1]);
    return a;
  }
  a.reason = MissingForCode(a.forms[0], s.context);
  a.status =
      a.reason.empty() ? SentenceStatus::kOk : SentenceStatus::kUnderspecified;
  return a;
}

void Summarize(AnalysisReport& r) {
  std::vector<const SentenceAnalysis*> multi;
  for (const SentenceAnalysis& a : r.sentences) {
    ++r.status_counts[a.status];
    if (a.status != SentenceStatus::kNonActionable) {
      ++r.actionable;
      if (a.forms.size() == 1) ++r.actionable_with_one_form;
    }
    if (a.lf_counts[0] > 1) multi.push_back(&a);
  }
  r.parse_rate = r.actionable
                     ? static_cast<double>(r.actionable_with_one_form) /
                           static_cast<double>(r.actionable)
                     : 0.0;
  r.multi_form_sentences = multi.size();
  for (size_t stage = 0; stage < 6; ++stage) {
    WinnowingRow row;
    row.stage = stage == 0
                    ? "parsed"
                    : ccg::WinnowCheckName(ccg::kWinnowChecks[stage - 1]);
    if (!multi.empty()) {
      size_t sum = 0;
      row.min = multi.front()->lf_counts[stage];
      for (const SentenceAnalysis* a : multi) {
        sum += a->lf_counts[stage];
        row.max = std::max(row.max, a->lf_counts[stage]);
        row.min = std::min(row.min, a->lf_counts[stage]);
      }
      row.mean = static_cast<double>(sum) / static_cast<double>(multi.size());
    }
    r.winnowing.push_back(row);
  }
}

}  // namespace

Result<SpecAnalyzer> SpecAnalyzer::Create(std::string_view lexicon_text,
                                          const std::string& lexicon_name,
                                          std::string_view terms_text,
                                          const std::string& terms_name) {
  ASSIGN_OR_RETURN(ccg::Lexicon lexicon,
                   ccg::Lexicon::Parse(lexicon_text, lexicon_name));
  ASSIGN_OR_RETURN(TermDictionary terms,
                   TermDictionary::Parse(terms_text, terms_name));
  // Fail now, not per sentence, when the lexicon cannot label noun phrases.
  RETURN_IF_ERROR(SentenceParser::Create(lexicon, terms).status());
  return SpecAnalyzer(std::move(lexicon), std::move(terms));
}

Result<SpecAnalyzer> SpecAnalyzer::CreateDefault() {
  return Create(DefaultLexiconText(), "lexicon.ccg (built in)",
                DefaultTermsText(), "terms.txt (built in)");
}

AnalysisReport SpecAnalyzer::Run(const std::vector<Sentence>& sentences,
                                 const std::string& source,
                                 const TermDictionary& terms) const {
  AnalysisReport r;
  r.source = source;
  Result<SentenceParser> parser = SentenceParser::Create(lexicon_, terms);
  if (!parser.ok()) return r;  // Create() checked this already
  for (const Sentence& s : sentences)
    r.sentences.push_back(AnalyzeOne(s, *parser));
  Summarize(r);
  return r;
}

AnalysisReport SpecAnalyzer::AnalyzeSentences(
    const std::vector<Sentence>& sentences, const std::string& source) const {
  TermDictionary terms = terms_;
  for (const Sentence& s : sentences) terms.Add(s.context.field);
  return Run(sentences, source, terms);
}

AnalysisReport SpecAnalyzer::Analyze(const RfcDocument& doc,
                                     const AnalysisOptions& options) const {
  std::vector<size_t> chosen;
  if (options.sections.empty()) {
    for (size_t i = 0; i < doc.sentences.size(); ++i) chosen.push_back(i);
  } else {
    for (const std::string& section : options.sections) {
      for (size_t i : SentencesInSection(doc, section)) chosen.push_back(i);
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  }
  std::vector<Sentence> sentences;
  for (size_t i : chosen) {
    const Sentence& s = doc.sentences[i];
    if (!options.protocol.empty() &&
        !EqualsIgnoreCase(s.context.protocol, options.protocol)) {
      continue;
    }
    sentences.push_back(s);
  }
  TermDictionary terms = terms_;
  for (const HeaderDiagram& d : doc.diagrams) {
    for (const DiagramField& f : d.fields) terms.Add(f.name);
  }
  for (const Sentence& s : doc.sentences) {
    terms.Add(s.context.field);
    terms.Add(s.context.message);
  }
  return Run(sentences, doc.source, terms);
}

}  // namespace protolm::spec
