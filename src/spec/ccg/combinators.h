// CCG combinatory rules: how two adjacent categories combine, what the
// semantics of the result are, and the normal-form constraints that keep the
// chart free of spurious (semantically identical) derivations.
//
// The rule set follows NLTK's CCG chart parser (DefaultRuleSet) so that the
// two parsers can be cross-checked: forward/backward application (> <),
// harmonic composition (>B <B), backward crossed composition (<Bx),
// substitution (>S <Sx) and context-triggered type raising (>T <T). Forward
// crossed composition (>Bx) is available as an option. Normal form follows
// Eisner (1996) with Hockenmaier & Bisk's (2010) type-raising constraint: the
// output of forward composition is never the primary functor of a forward
// application or composition (and mirror-wise), and a type-raised category
// never applies to the argument it was raised over. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/ccg/category.h"
#include "spec/ccg/lambda_term.h"
#include "util/status.h"

namespace protolm::spec::ccg {

enum class Rule {
  kLexical,
  kForwardApplication,           // X/Y Y -> X
  kBackwardApplication,          // Y X\Y -> X
  kForwardComposition,           // X/Y Y/Z -> X/Z
  kBackwardComposition,          // Y\Z X\Y -> X\Z
  kBackwardCrossedComposition,   // Y/Z X\Y -> X/Z
  kForwardCrossedComposition,    // X/Y Y\Z -> X\Z (optional)
  kForwardSubstitution,          // (X/Y)/Z Y/Z -> X/Z
  kBackwardCrossedSubstitution,  // Y/Z (X\Y)/Z -> X/Z
  kForwardTypeRaising,           // X -> T/(T\X)
  kBackwardTypeRaising,          // X -> T\(T/X)
};

/// Short symbol used in derivation traces: ">", "<B", "<Bx", ">T", ...
const char* RuleSymbol(Rule rule);

struct RuleOptions {
  bool composition = true;
  bool backward_crossed_composition = true;
  bool forward_crossed_composition = false;
  bool substitution = true;
  bool type_raising = true;
  /// Primitive categories type raising may apply to; empty = any (NLTK).
  std::vector<std::string> raisable;
  /// Primitive categories X whose post-modifiers X\X only apply to their X:
  /// backward composition never takes such a modifier as its secondary
  /// functor. Applying "in the header" to "the field" means the same as
  /// composing it into the verb phrase that follows; the composition only
  /// adds readings where the modifier skips one conjunct of a coordinated
  /// predicate ("the field in the header is reserved and must be zero" with
  /// a bare "field" as the subject of "must be zero"). Empty = none (NLTK).
  std::vector<std::string> apply_only_modifiers;
};

struct BinaryCombination {
  Rule rule;
  CategoryPtr category;
};

/// Every binary rule that combines `left` with the adjacent `right`.
std::vector<BinaryCombination> CombineCategories(const CategoryPtr& left,
                                                 const CategoryPtr& right,
                                                 const RuleOptions& options);

/// Semantics of a binary combination, beta-normalised (see BetaNormalize).
Result<TermPtr> CombineSemantics(Rule rule, const TermPtr& left,
                                 const TermPtr& right, int max_steps);

/// >T: raises a primitive `left` over the innermost argument of `right` when
/// `right` is a functor whose result is a functor (NLTK's trigger) and
/// `left` is one of options.raisable (or that list is empty).
std::optional<CategoryPtr> RaiseLeft(const CategoryPtr& left,
                                     const CategoryPtr& right,
                                     const RuleOptions& options = {});
/// <T: the mirror image, raising a primitive `right` for functor `left`.
std::optional<CategoryPtr> RaiseRight(const CategoryPtr& left,
                                      const CategoryPtr& right,
                                      const RuleOptions& options = {});
/// \F.F(sem), with F placed inside any leading lambdas of `sem` as NLTK does.
TermPtr RaiseSemantics(const TermPtr& semantics);

/// False when combining items built by `left_origin` and `right_origin` with
/// `rule` would only repeat a derivation the normal form already keeps.
bool NormalFormAllows(Rule rule, Rule left_origin, Rule right_origin);

}  // namespace protolm::spec::ccg
