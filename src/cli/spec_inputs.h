// What `spec analyze` and `spec codegen` both read before they work: the RFC
// text, the lexicon and term dictionary (built in, or files that override
// them), the analyzer built from those and the RFC document.
#pragma once

#include <string>

#include "spec/analysis/spec_analyzer.h"
#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace protolm::cli {

struct SpecInputs {
  spec::SpecAnalyzer analyzer;
  spec::RfcDocument document;
};

/// Reads `rfc_path` and, when not empty, `lexicon_path` and `terms_path`.
/// Errors: one line naming the file that cannot be read ("cannot read
/// lexicon x.ccg; check the path and permissions"), or the lexicon's, term
/// list's or RFC's parse fault.
Result<SpecInputs> LoadSpecInputs(const std::string& rfc_path,
                                  const std::string& lexicon_path,
                                  const std::string& terms_path);

}  // namespace protolm::cli
