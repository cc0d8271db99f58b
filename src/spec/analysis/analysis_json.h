// JSON form of an analysis report (`protolm spec analyze --json`).
//
// The top level is an array with one object per sentence, with the keys
// section, line, text, context {protocol, message, field, role},
// noun_phrases, parsed_text (when a subject was supplied), lf_counts
// {parsed, type, argument_order, predicate_order, distributivity,
// associativity}, derivations (normal-form derivations behind the parse),
// logical_forms (canonical text), status and reason.
// SummaryToJson gives the per-document numbers (statuses, parse rate,
// winnowing table). Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "spec/analysis/spec_analyzer.h"

namespace protolm::spec {

nlohmann::json SentencesToJson(const AnalysisReport& report);
nlohmann::json SummaryToJson(const AnalysisReport& report);

}  // namespace protolm::spec
