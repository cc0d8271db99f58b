// Sorts, predicate classes and the AC-canonical form of logical forms (see
// logical_form.h).
#include "spec/ccg/logical_form.h"

#include <algorithm>
#include <array>
#include <vector>

namespace protolm::spec::ccg {
namespace {

constexpr std::array<std::string_view, 5> kModals = {"Must", "May", "Should",
                                                     "Can", "Will"};
constexpr std::array<std::string_view, 8> kStatements = {
    "Is",     "Compare",   "If",         "Not",
    "Action", "AdvBefore", "AdvComment", "Prefer"};

bool In(std::string_view name, const auto& set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

void Flatten(const TermPtr& term, const std::string& name,
             std::vector<std::string>& out) {
  if (term->kind == TermKind::kPredicate && term->name == name) {
    for (const TermPtr& a : term->args) Flatten(a, name, out);
    return;
  }
  out.push_back(CanonicalForm(term));
}

}  // namespace

bool IsModal(std::string_view predicate) { return In(predicate, kModals); }

Sort SortOf(const TermPtr& term) {
  switch (term->kind) {
    case TermKind::kConstant:
      return Sort::kName;
    case TermKind::kNumber:
      return Sort::kNumber;
    case TermKind::kPredicate: {
      const std::string& n = term->name;
      if (IsModal(n) || In(n, kStatements)) return Sort::kStatement;
      // A prepositional phrase on a statement ("sent from a host") is one.
      if (n == "Prep" && term->args.size() == 3) {
        return SortOf(term->args[1]) == Sort::kStatement ? Sort::kStatement
                                                         : Sort::kEntity;
      }
      if (n == "And" || n == "Or") {
        if (term->args.empty()) return Sort::kUnknown;
        Sort s = SortOf(term->args[0]);
        return s == Sort::kStatement ? Sort::kStatement
               : s == Sort::kUnknown ? Sort::kUnknown
                                     : Sort::kEntity;
      }
      return Sort::kEntity;
    }
    default:
      return Sort::kUnknown;
  }
}

const char* SortName(Sort sort) {
  switch (sort) {
    case Sort::kStatement:
      return "statement";
    case Sort::kEntity:
      return "entity";
    case Sort::kName:
      return "name";
    case Sort::kNumber:
      return "number";
    case Sort::kUnknown:
      return "unknown";
  }
  return "?";
}

bool ContainsPredicate(const TermPtr& term, std::string_view name) {
  if (term->kind == TermKind::kPredicate && term->name == name) return true;
  return std::any_of(
      term->args.begin(), term->args.end(),
      [&](const TermPtr& a) { return ContainsPredicate(a, name); });
}

bool IsCommutative(std::string_view predicate) {
  return predicate == "And" || predicate == "Or";
}

bool IsAssociative(std::string_view predicate) {
  return IsCommutative(predicate) || predicate == "Of" || predicate == "Plus";
}

std::string CanonicalForm(const TermPtr& term) {
  if (term->kind != TermKind::kPredicate) return ToString(term);
  if (term->name == "If" && term->args.size() == 2 &&
      term->args[1]->kind == TermKind::kPredicate &&
      term->args[1]->name == "If" && term->args[1]->args.size() == 2) {
    // If A, then if C, B: one conditional on A and C.
    const TermPtr& inner = term->args[1];
    return CanonicalForm(MakePredicate(
        "If", {MakePredicate("And", {term->args[0], inner->args[0]}),
               inner->args[1]}));
  }
  std::vector<std::string> args;
  if (IsAssociative(term->name)) {
    for (const TermPtr& a : term->args) Flatten(a, term->name, args);
  } else {
    for (const TermPtr& a : term->args) args.push_back(CanonicalForm(a));
  }
  if (IsCommutative(term->name)) std::sort(args.begin(), args.end());
  std::string out = "@" + term->name + "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ',';
    out += args[i];
  }
  return out + ")";
}

}  // namespace protolm::spec::ccg
