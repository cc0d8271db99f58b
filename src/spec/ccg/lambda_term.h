// Lambda terms: the semantics of CCG lexical entries and the logical forms they
// reduce to.
//
// A term is a variable, a constant ('checksum'), a number (0, 64), a predicate
// node @Name(arg, ...) with a fixed argument list, a lambda abstraction or an
// application. Terms are immutable and shared (TermPtr), so combining two chart
// items never copies their sub-terms. BetaNormalize reduces a term with
// capture-avoiding substitution under a step budget: the semantics come from a
// lexicon file, which is untrusted text, and an untyped term such as
// (\x.x(x))(\x.x(x)) must end in an error, not a hang. ToString prints the
// canonical form: bound variables are renamed in binding order, so two
// alpha-equivalent terms print the same. Thread safety: terms are immutable
// and may be shared across threads.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "util/status.h"

namespace protolm::spec::ccg {

enum class TermKind {
  kVariable,   // name: a variable bound by an enclosing lambda (or free)
  kConstant,   // name: a noun phrase, field name or verb ('checksum')
  kNumber,     // name: decimal digits
  kPredicate,  // name without '@'; args: the arguments
  kLambda,     // name: the bound variable; args[0]: the body
  kApply,      // args[0]: the function; args[1]: the argument
};

struct Term;
using TermPtr = std::shared_ptr<const Term>;

struct Term {
  TermKind kind;
  std::string name;
  std::vector<TermPtr> args;
};

TermPtr MakeVariable(std::string name);
TermPtr MakeConstant(std::string text);
TermPtr MakeNumber(std::string digits);
TermPtr MakePredicate(std::string name, std::vector<TermPtr> args);
TermPtr MakeLambda(std::string variable, TermPtr body);
TermPtr MakeApply(TermPtr function, TermPtr argument);

/// Variables that occur free in `term`.
std::set<std::string> FreeVariables(const TermPtr& term);

/// Replaces the free occurrences of `variable` in `term` by `value`, renaming
/// bound variables of `term` that would capture a free variable of `value`.
TermPtr Substitute(const TermPtr& term, const std::string& variable,
                   const TermPtr& value);

/// Normal-order beta reduction to normal form. Fails (kOutOfRange) when more
/// than `max_steps` reductions are needed, which only non-terminating or
/// pathological terms do.
Result<TermPtr> BetaNormalize(const TermPtr& term, int max_steps = 5000);

/// Canonical text: @Is('checksum',0), \x1.\x2.@Is(x2,x1), P(x). Bound variables
/// are named x1, x2, ... in binding order; free variables keep their names.
std::string ToString(const TermPtr& term);

/// True when the term contains no lambda, application or variable: a finished
/// logical form built only of predicates, constants and numbers.
bool IsClosedLogicalForm(const TermPtr& term);

/// Structural equality (names of bound variables matter; compare ToString for
/// equality up to renaming).
bool SameTerm(const TermPtr& a, const TermPtr& b);

}  // namespace protolm::spec::ccg
