// The verdict on one sentence: ok, ambiguous, unparsed, non-actionable or
// underspecified, and the rules behind it.
//
// Actionable sentences are those code must follow: field descriptions and
// value definitions, and sentences inside a message's description that use a
// modal (must, should, may, ...). Others (introductions, motivation,
// examples, future intent, advice for other protocols, a line introducing a
// list) are non-actionable,
// and so is any sentence whose surviving form is an @AdvComment. An
// actionable sentence with exactly one form is underspecified when the form
// lacks what generated code needs: a "may be zero" with no sender or
// receiver, or a checksum range with a start but no end. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "spec/ccg/lambda_term.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::spec {

enum class SentenceStatus {
  kOk,
  kAmbiguous,
  kUnparsed,
  kNonActionable,
  kUnderspecified,
};

/// "ok", "ambiguous", "unparsed", "non-actionable", "underspecified".
const char* SentenceStatusName(SentenceStatus status);

/// True when the sentence states behaviour or values code must implement
/// (from its text and context; the forms only matter for @AdvComment).
bool IsActionable(const Sentence& sentence,
                  const std::vector<ccg::TermPtr>& forms);

/// What code would need but the single form does not say, or "".
std::string MissingForCode(const ccg::TermPtr& form,
                           const SentenceContext& context);

/// Where two forms differ: the smallest pair of differing sub-forms, as
/// "'A' vs 'B' under @Pred". Empty when they are equal.
std::string DescribeDifference(const ccg::TermPtr& a, const ccg::TermPtr& b);

}  // namespace protolm::spec
