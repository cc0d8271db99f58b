// Winnowing: the checks that remove logical forms a parse produced but no
// careful reader would mean (SAGE section 4.2).
//
// Applied in this order, each to the survivors of the one before:
//  1. type: every predicate's arguments have an allowed sort (an allowlist
//     per predicate: @Action's first argument is a verb name, @Is never has a
//     number on its left, @And joins statements with statements, ...);
//  2. argument order: arguments sit in the right slot (the condition of @If
//     holds no must/may/should and the advice of @AdvBefore no modal at
//     all, not counting modals inside noun phrases; and a comparison is a
//     condition, not a consequence: "If A, B" is never @If(B, A));
//  3. predicate order: predicates that cannot nest (must/may/should inside
//     must/may/should, any modal inside can/will,
//     @If inside an entity or an atomic statement, @If as the condition of
//     @If, a conjunct that repeats the other); then two attachment
//     preferences that keep the readings breaking them least often: modifiers
//     (@Of, @Prep, @Which) attach to the nearest noun and scope over a whole
//     coordination, a possessive binds to the nearest noun, and a prepositional
//     phrase modifies a noun rather than a verb phrase and stays inside the
//     scope of a modal; last, when the parser gave attachment heights
//     (ChartResult::attachment_heights), the forms whose clause-level
//     constituents attach lowest (right association: "must be zero when
//     sent" conditions only "must be zero", "If A, B, and C" conditions both
//     B and C);
//  4. distributivity: "(A and B) is C" is kept and "(A is C) and (B is C)" is
//     dropped when both were produced;
//  5. associativity/commutativity: forms equal as labelled, ordered trees
//     after flattening associative predicates and sorting the arguments of
//     commutative ones are one form.
// Counts before and after each check are returned for the report. Pure
// functions; thread-safe.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "spec/ccg/lambda_term.h"

namespace protolm::spec::ccg {

enum class WinnowCheck {
  kType,
  kArgumentOrder,
  kPredicateOrder,
  kDistributivity,
  kAssociativity,
};

inline constexpr std::array<WinnowCheck, 5> kWinnowChecks = {
    WinnowCheck::kType, WinnowCheck::kArgumentOrder,
    WinnowCheck::kPredicateOrder, WinnowCheck::kDistributivity,
    WinnowCheck::kAssociativity};

/// "type", "argument_order", "predicate_order", "distributivity",
/// "associativity" (also the JSON keys of the counts).
const char* WinnowCheckName(WinnowCheck check);

struct WinnowResult {
  std::vector<TermPtr> forms;      // the survivors, in parse order
  std::array<size_t, 6> counts{};  // [0] parsed, [i + 1] after check i
};

/// Runs the five checks in order. `attachment_heights` is empty or holds
/// one height per form (as ChartResult gives them).
WinnowResult Winnow(const std::vector<TermPtr>& forms,
                    const std::vector<size_t>& attachment_heights = {});

/// Runs one check alone on `forms` (to measure each check's effect);
/// `attachment_heights` as for Winnow.
std::vector<TermPtr> ApplyCheck(
    WinnowCheck check, const std::vector<TermPtr>& forms,
    const std::vector<size_t>& attachment_heights = {});

/// Why one form fails the type / argument-order / predicate-order check (its
/// hard rules), or "" when it passes ("@Action argument 2 is a number, ...").
std::string TypeViolation(const TermPtr& form);
std::string ArgumentOrderViolation(const TermPtr& form);
std::string PredicateOrderViolation(const TermPtr& form);

/// `form` with every @And/@Or of two predicates that differ in one argument
/// factored into one predicate over an @And/@Or of that argument.
TermPtr Undistribute(const TermPtr& form);

}  // namespace protolm::spec::ccg
