// Logical forms: beta-normal terms built of predicates (@Is, @If, @And, @Or,
// @Of, @Action, @Compare, @AdvBefore, @AdvComment, ...), constants and
// numbers, and what the winnowing checks need to know about them.
//
// A logical form (LF) is a tree: predicates are the inner nodes, constants
// and numbers the leaves. Every predicate has a sort: a statement (S: @Is,
// @If, @Must, @Action, ...) or an entity (E: @Of, @Which, ...); @And and @Or
// take the sort of their arguments, @Prep the sort of what it modifies.
// CanonicalForm compares trees as labelled, ordered trees after flattening
// associative predicates and sorting the arguments of commutative ones, which
// is how equivalent groupings of "A of B of C" are recognised; a conditional
// whose consequence is a conditional is compared as one conditional over the
// conjunction of both conditions (@If(A,@If(C,B)) = @If(@And(A,C),B)), so
// "If A then B provided C" read either way is one form. Pure functions over
// immutable terms.
#pragma once

#include <string>
#include <string_view>

#include "spec/ccg/lambda_term.h"

namespace protolm::spec::ccg {

enum class Sort { kStatement, kEntity, kName, kNumber, kUnknown };

/// Sort of a term: kName for constants, kNumber for numbers, the predicate's
/// sort for predicate nodes, kUnknown for terms that are not logical forms.
Sort SortOf(const TermPtr& term);
const char* SortName(Sort sort);

/// True for the modal predicates (@Must, @May, @Should, @Can, @Will).
bool IsModal(std::string_view predicate);

/// True when a predicate named `name` occurs anywhere in `term`.
bool ContainsPredicate(const TermPtr& term, std::string_view name);

/// True for predicates whose argument order does not matter (@And, @Or).
bool IsCommutative(std::string_view predicate);
/// True for predicates whose nesting does not matter (@And, @Or, @Of, @Plus).
bool IsAssociative(std::string_view predicate);

/// Canonical text of `term` up to associativity and commutativity, with
/// nested conditionals merged into one.
std::string CanonicalForm(const TermPtr& term);

}  // namespace protolm::spec::ccg
