// Readable Markdown report of an analysis (`protolm spec analyze`, the
// default output): a summary (statuses, parse rate, winnowing table), then
// every sentence that needs a person's attention (ambiguous, unparsed,
// underspecified) with its context, its forms and the reason, then a compact
// list of the rest. Pure function.
#pragma once

#include <string>

#include "spec/analysis/spec_analyzer.h"

namespace protolm::spec {

std::string AnalysisToMarkdown(const AnalysisReport& report);

}  // namespace protolm::spec
