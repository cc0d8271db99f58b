// What `spec analyze` and `spec codegen` both read before they work: the RFC
// text, the lexicon and term dictionary (built in, or files that override
// them), the analyzer built from those and the RFC document; and the
// command-line flags that name those files.
#pragma once

#include <string>

#include "spec/analysis/spec_analyzer.h"
#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace CLI {
class App;
}

namespace protolm::cli {

struct SpecInputFlags {
  std::string rfc;      // FILE
  std::string lexicon;  // --lexicon; empty: the built-in lexicon
  std::string terms;    // --terms; empty: the built-in term list
};

/// Adds FILE (described by `rfc_help`), --lexicon and --terms.
void AddSpecInputFlags(CLI::App& command, const std::string& rfc_help,
                       SpecInputFlags& flags);

struct SpecInputs {
  spec::SpecAnalyzer analyzer;
  spec::RfcDocument document;
};

/// Reads the RFC and, when named, the lexicon and term list files.
/// Errors: one line naming the file that cannot be read ("cannot read
/// lexicon x.ccg; check the path and permissions"), or the lexicon's, term
/// list's or RFC's parse fault.
Result<SpecInputs> LoadSpecInputs(const SpecInputFlags& flags);

}  // namespace protolm::cli
