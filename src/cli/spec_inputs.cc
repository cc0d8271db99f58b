// Loading the inputs of the spec commands (see spec_inputs.h).
#include "cli/spec_inputs.h"

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

Result<SpecInputs> LoadSpecInputs(const std::string& rfc_path,
                                  const std::string& lexicon_path,
                                  const std::string& terms_path) {
  ASSIGN_OR_RETURN(std::string rfc_text, ReadText(rfc_path, "RFC"));
  std::string lexicon_text(spec::DefaultLexiconText());
  std::string terms_text(spec::DefaultTermsText());
  if (!lexicon_path.empty()) {
    ASSIGN_OR_RETURN(lexicon_text, ReadText(lexicon_path, "lexicon"));
  }
  if (!terms_path.empty()) {
    ASSIGN_OR_RETURN(terms_text, ReadText(terms_path, "term list"));
  }
  ASSIGN_OR_RETURN(
      spec::SpecAnalyzer analyzer,
      spec::SpecAnalyzer::Create(
          lexicon_text,
          lexicon_path.empty() ? "lexicon.ccg (built in)" : lexicon_path,
          terms_text, terms_path.empty() ? "terms.txt (built in)" : terms_path));
  ASSIGN_OR_RETURN(spec::RfcDocument document,
                   spec::ReadRfc(rfc_text, rfc_path));
  return SpecInputs{std::move(analyzer), std::move(document)};
}

}  // namespace protolm::cli
