// The combinatory rules and their semantics (see combinators.h).
#include "spec/ccg/combinators.h"

#include <algorithm>

namespace protolm::spec::ccg {
namespace {

bool IsForward(const CategoryPtr& c) {
  return c->is_functor() && c->slash == Slash::kForward;
}
bool IsBackward(const CategoryPtr& c) {
  return c->is_functor() && c->slash == Slash::kBackward;
}

// The innermost functor reached by following results: ((S\NP)/NP)/PP -> S\NP.
CategoryPtr Innermost(CategoryPtr c) {
  while (c->result->is_functor()) c = c->result;
  return c;
}

Slash Opposite(Slash s) {
  return s == Slash::kForward ? Slash::kBackward : Slash::kForward;
}

// Y|Z (the argument) is substituted into (X|Y)|Z (the function).
bool CanSubstitute(const CategoryPtr& function, const CategoryPtr& argument) {
  if (function->is_primitive() || argument->is_primitive()) return false;
  if (function->result->is_primitive()) return false;
  if (!function->argument->is_primitive()) return false;
  return SameCategory(function->result->argument, argument->result) &&
         SameCategory(function->argument, argument->argument);
}

std::optional<CategoryPtr> Raise(const CategoryPtr& primitive,
                                 const CategoryPtr& functor,
                                 const RuleOptions& options) {
  if (!primitive->is_primitive() || !functor->is_functor() ||
      !functor->result->is_functor()) {
    return std::nullopt;
  }
  if (!options.raisable.empty() &&
      std::find(options.raisable.begin(), options.raisable.end(),
                primitive->primitive) == options.raisable.end()) {
    return std::nullopt;
  }
  CategoryPtr inner = Innermost(functor);
  if (!SameCategory(inner->argument, primitive)) return std::nullopt;
  const CategoryPtr& t = inner->result;
  return MakeFunctor(t, Opposite(inner->slash),
                     MakeFunctor(t, inner->slash, primitive));
}

// X\X for a primitive X named in options.apply_only_modifiers.
bool IsApplyOnlyModifier(const CategoryPtr& c, const RuleOptions& options) {
  return IsBackward(c) && c->argument->is_primitive() &&
         SameCategory(c->result, c->argument) &&
         std::find(options.apply_only_modifiers.begin(),
                   options.apply_only_modifiers.end(),
                   c->argument->primitive) !=
             options.apply_only_modifiers.end();
}

bool IsForwardComposition(Rule r) {
  return r == Rule::kForwardComposition ||
         r == Rule::kForwardCrossedComposition;
}
bool IsBackwardComposition(Rule r) {
  return r == Rule::kBackwardComposition ||
         r == Rule::kBackwardCrossedComposition;
}

}  // namespace

const char* RuleSymbol(Rule rule) {
  switch (rule) {
    case Rule::kLexical:
      return "lex";
    case Rule::kForwardApplication:
      return ">";
    case Rule::kBackwardApplication:
      return "<";
    case Rule::kForwardComposition:
      return ">B";
    case Rule::kBackwardComposition:
      return "<B";
    case Rule::kBackwardCrossedComposition:
      return "<Bx";
    case Rule::kForwardCrossedComposition:
      return ">Bx";
    case Rule::kForwardSubstitution:
      return ">S";
    case Rule::kBackwardCrossedSubstitution:
      return "<Sx";
    case Rule::kForwardTypeRaising:
      return ">T";
    case Rule::kBackwardTypeRaising:
      return "<T";
  }
  return "?";
}

std::vector<BinaryCombination> CombineCategories(const CategoryPtr& left,
                                                 const CategoryPtr& right,
                                                 const RuleOptions& options) {
  std::vector<BinaryCombination> out;
  if (IsForward(left) && SameCategory(left->argument, right)) {
    out.push_back({Rule::kForwardApplication, left->result});
  }
  if (IsBackward(right) && SameCategory(right->argument, left)) {
    out.push_back({Rule::kBackwardApplication, right->result});
  }
  if (options.composition && IsForward(left) && IsForward(right) &&
      SameCategory(left->argument, right->result)) {
    out.push_back(
        {Rule::kForwardComposition,
         MakeFunctor(left->result, Slash::kForward, right->argument)});
  }
  if (options.composition && IsBackward(left) && IsBackward(right) &&
      SameCategory(right->argument, left->result) &&
      !IsApplyOnlyModifier(left, options) &&
      !IsApplyOnlyModifier(right, options)) {
    out.push_back(
        {Rule::kBackwardComposition,
         MakeFunctor(right->result, Slash::kBackward, left->argument)});
  }
  if (options.backward_crossed_composition && IsForward(left) &&
      IsBackward(right) && left->argument->is_primitive() &&
      SameCategory(right->argument, left->result)) {
    out.push_back(
        {Rule::kBackwardCrossedComposition,
         MakeFunctor(right->result, Slash::kForward, left->argument)});
  }
  if (options.forward_crossed_composition && IsForward(left) &&
      IsBackward(right) && SameCategory(left->argument, right->result)) {
    out.push_back(
        {Rule::kForwardCrossedComposition,
         MakeFunctor(left->result, Slash::kBackward, right->argument)});
  }
  if (options.substitution && IsForward(left) && IsForward(right)) {
    if (IsForward(left->result) && CanSubstitute(left, right)) {
      out.push_back({Rule::kForwardSubstitution,
                     MakeFunctor(left->result->result, Slash::kForward,
                                 right->argument)});
    }
    if (IsBackward(right->result) && CanSubstitute(right, left)) {
      out.push_back({Rule::kBackwardCrossedSubstitution,
                     MakeFunctor(right->result->result, Slash::kForward,
                                 left->argument)});
    }
  }
  return out;
}

Result<TermPtr> CombineSemantics(Rule rule, const TermPtr& left,
                                 const TermPtr& right, int max_steps) {
  // The variable introduced by composition and substitution; the operands
  // are closed terms from the lexicon, so it cannot be captured.
  const std::string z = "_z";
  TermPtr zv = MakeVariable(z);
  switch (rule) {
    case Rule::kForwardApplication:
      return BetaNormalize(MakeApply(left, right), max_steps);
    case Rule::kBackwardApplication:
      return BetaNormalize(MakeApply(right, left), max_steps);
    case Rule::kForwardComposition:
    case Rule::kForwardCrossedComposition:
      return BetaNormalize(MakeLambda(z, MakeApply(left, MakeApply(right, zv))),
                           max_steps);
    case Rule::kBackwardComposition:
    case Rule::kBackwardCrossedComposition:
      return BetaNormalize(MakeLambda(z, MakeApply(right, MakeApply(left, zv))),
                           max_steps);
    case Rule::kForwardSubstitution:
      return BetaNormalize(
          MakeLambda(z, MakeApply(MakeApply(left, zv), MakeApply(right, zv))),
          max_steps);
    case Rule::kBackwardCrossedSubstitution:
      return BetaNormalize(
          MakeLambda(z, MakeApply(MakeApply(right, zv), MakeApply(left, zv))),
          max_steps);
    case Rule::kLexical:
    case Rule::kForwardTypeRaising:
    case Rule::kBackwardTypeRaising:
      break;
  }
  return Internal(std::string("rule ") + RuleSymbol(rule) + " is not binary");
}

std::optional<CategoryPtr> RaiseLeft(const CategoryPtr& left,
                                     const CategoryPtr& right,
                                     const RuleOptions& options) {
  return Raise(left, right, options);
}

std::optional<CategoryPtr> RaiseRight(const CategoryPtr& left,
                                      const CategoryPtr& right,
                                      const RuleOptions& options) {
  return Raise(right, left, options);
}

TermPtr RaiseSemantics(const TermPtr& semantics) {
  const std::string f = "_F";
  // Rebuild the leading lambdas around F(core).
  std::vector<std::string> vars;
  TermPtr core = semantics;
  while (core->kind == TermKind::kLambda) {
    vars.push_back(core->name);
    core = core->args[0];
  }
  TermPtr body = MakeApply(MakeVariable(f), core);
  for (auto it = vars.rbegin(); it != vars.rend(); ++it) {
    body = MakeLambda(*it, body);
  }
  return MakeLambda(f, body);
}

bool NormalFormAllows(Rule rule, Rule left_origin, Rule right_origin) {
  bool forward_primary = rule == Rule::kForwardApplication ||
                         rule == Rule::kForwardComposition ||
                         rule == Rule::kForwardCrossedComposition;
  bool backward_primary = rule == Rule::kBackwardApplication ||
                          rule == Rule::kBackwardComposition ||
                          rule == Rule::kBackwardCrossedComposition;
  if (forward_primary && IsForwardComposition(left_origin)) return false;
  if (backward_primary && IsBackwardComposition(right_origin)) return false;
  if (rule == Rule::kForwardApplication &&
      left_origin == Rule::kForwardTypeRaising) {
    return false;
  }
  if (rule == Rule::kBackwardApplication &&
      right_origin == Rule::kBackwardTypeRaising) {
    return false;
  }
  return true;
}

}  // namespace protolm::spec::ccg
