// The inputs of the spec commands: their flags and loading (see
// spec_inputs.h).
#include "cli/spec_inputs.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <sstream>

#include "spec/analysis/default_spec_data.h"

namespace protolm::cli {
namespace {

Result<std::string> ReadText(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return IoError(std::string("cannot read ") + what + " " + path +
                   "; check the path and permissions");
  }
  return text.str();
}

}  // namespace

void AddSpecInputFlags(CLI::App& command, const std::string& rfc_help,
                       SpecInputFlags& flags) {
  command.add_option("FILE", flags.rfc, rfc_help)->required();
  command.add_option(
      "--lexicon", flags.lexicon,
      "CCG lexicon to use instead of the built-in data/spec/lexicon.ccg");
  command.add_option(
      "--terms", flags.terms,
      "Term list to use instead of the built-in data/spec/terms.txt");
}

Result<SpecInputs> LoadSpecInputs(const SpecInputFlags& flags) {
  ASSIGN_OR_RETURN(std::string rfc_text, ReadText(flags.rfc, "RFC"));
  std::string lexicon_text(spec::DefaultLexiconText());
  std::string terms_text(spec::DefaultTermsText());
  if (!flags.lexicon.empty()) {
    ASSIGN_OR_RETURN(lexicon_text, ReadText(flags.lexicon, "lexicon"));
  }
  if (!flags.terms.empty()) {
    ASSIGN_OR_RETURN(terms_text, ReadText(flags.terms, "term list"));
  }
  ASSIGN_OR_RETURN(
      spec::SpecAnalyzer analyzer,
      spec::SpecAnalyzer::Create(
          lexicon_text,
          flags.lexicon.empty() ? "lexicon.ccg (built in)" : flags.lexicon,
          terms_text,
          flags.terms.empty() ? "terms.txt (built in)" : flags.terms));
  ASSIGN_OR_RETURN(spec::RfcDocument document,
                   spec::ReadRfc(rfc_text, flags.rfc));
  return SpecInputs{std::move(analyzer), std::move(document)};
}

}  // namespace protolm::cli
