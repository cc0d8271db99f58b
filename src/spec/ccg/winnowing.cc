// The five winnowing checks (see winnowing.h). The per-predicate tables
// below are the allowlists and blocklists; adding a predicate to the lexicon
// means adding its signature here.
#include "spec/ccg/winnowing.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_map>

#include "spec/ccg/logical_form.h"

namespace protolm::spec::ccg {
namespace {

// Bit set of sorts an argument slot accepts.
enum : unsigned {
  kS = 1,        // statement
  kE = 2,        // entity built by a predicate
  kName = 4,     // constant
  kNum = 8,      // number
  kAction = 16,  // a statement that is an @Action
  kThing = kE | kName | kNum,
};

struct Signature {
  std::string_view predicate;
  std::vector<unsigned> slots;  // one per argument
  bool variadic = false;        // the last slot repeats
};

const std::vector<Signature>& Signatures() {
  static const std::vector<Signature> kTable = {
      {"Is", {kE | kName, kThing}},
      {"Compare", {kName, kThing, kS | kThing}},
      {"If", {kS, kS}},
      {"Not", {kS}},
      {"Must", {kS}},
      {"May", {kS}},
      {"Should", {kS}},
      {"Can", {kS}},
      {"Will", {kS}},
      {"AdvComment", {kS}},
      {"Prefer", {kS, kS}},
      {"Action", {kName, kE | kName, kS | kE | kName}, true},
      {"AdvBefore", {kAction, kS}},
      {"Of", {kE | kName, kThing}},
      {"Poss", {kE | kName, kE | kName}},
      {"Prep", {kName, kS | kThing, kS | kThing}},
      {"Which", {kE | kName, kS}},
      {"Plus", {kThing, kThing}},
  };
  return kTable;
}

unsigned SortBit(const TermPtr& t) {
  switch (SortOf(t)) {
    case Sort::kStatement:
      return t->name == "Action" ? (kS | kAction) : kS;
    case Sort::kEntity:
      return kE;
    case Sort::kName:
      return kName;
    case Sort::kNumber:
      return kNum;
    case Sort::kUnknown:
      return 0;
  }
  return 0;
}

std::string FirstViolation(const TermPtr& t,
                           std::string (*check_node)(const TermPtr&)) {
  if (t->kind != TermKind::kPredicate) return "";
  std::string here = check_node(t);
  if (!here.empty()) return here;
  for (const TermPtr& a : t->args) {
    std::string below = FirstViolation(a, check_node);
    if (!below.empty()) return below;
  }
  return "";
}

std::string TypeOfNode(const TermPtr& t) {
  const std::string& p = t->name;
  if (p == "And" || p == "Or") {
    if (t->args.size() < 2) return "@" + p + " needs two arguments";
    Sort first = SortOf(t->args[0]);
    for (const TermPtr& a : t->args) {
      Sort s = SortOf(a);
      if (s == Sort::kUnknown)
        return "@" + p + " joins a term that is not a logical form";
      if ((s == Sort::kStatement) != (first == Sort::kStatement)) {
        return "@" + p + " joins a statement with an entity";
      }
    }
    return "";
  }
  auto sig = std::find_if(Signatures().begin(), Signatures().end(),
                          [&](const Signature& s) { return s.predicate == p; });
  if (sig == Signatures().end()) {
    return "@" + p + " has no type signature; add one to winnowing.cc";
  }
  size_t n = t->args.size();
  // A variadic signature's last slot may repeat any number of times, or be
  // absent (an intransitive @Action).
  size_t min_args = sig->variadic ? sig->slots.size() - 1 : sig->slots.size();
  if (n < min_args || (!sig->variadic && n != sig->slots.size())) {
    return "@" + p + " takes " + std::to_string(sig->slots.size()) +
           " arguments, not " + std::to_string(n);
  }
  for (size_t i = 0; i < n; ++i) {
    unsigned allowed = sig->slots[std::min(i, sig->slots.size() - 1)];
    unsigned actual = SortBit(t->args[i]);
    if ((actual & allowed) == 0) {
      return "@" + p + " argument " + std::to_string(i + 1) + " is a " +
             SortName(SortOf(t->args[i])) + ", which that slot does not accept";
    }
  }
  return "";
}

bool IsDeonticModal(const std::string& p) {
  return p == "Must" || p == "May" || p == "Should";
}

// True when a modal (deontic only, if asked) governs `t` itself: found by
// following statement connectives, not by entering noun phrases (a relative
// clause "a host that cannot ..." has its own modal).
bool ModalOnSpine(const TermPtr& t, bool deontic_only) {
  if (t->kind != TermKind::kPredicate) return false;
  if (IsModal(t->name)) return !deontic_only || IsDeonticModal(t->name);
  if (SortOf(t) != Sort::kStatement) return false;
  return std::any_of(t->args.begin(), t->args.end(), [&](const TermPtr& a) {
    return ModalOnSpine(a, deontic_only);
  });
}

std::string ArgumentOrderOfNode(const TermPtr& t) {
  if (t->name == "If" && t->args.size() == 2 &&
      (ModalOnSpine(t->args[0], true) ||
       ContainsPredicate(t->args[0], "AdvComment"))) {
    return "the condition of @If holds a modal or a comment; it is the "
           "consequence";
  }
  if (t->name == "If" && t->args.size() == 2 &&
      t->args[1]->kind == TermKind::kPredicate &&
      t->args[1]->name == "Compare" &&
      !(t->args[0]->kind == TermKind::kPredicate &&
        t->args[0]->name == "Compare")) {
    return "the consequence of @If is a comparison; a comparison is a test and "
           "belongs in the condition";
  }
  if (t->name == "AdvBefore" && !t->args.empty() &&
      ModalOnSpine(t->args[0], false)) {
    return "the advice of @AdvBefore holds a modal";
  }
  return "";
}

bool IsModifier(const TermPtr& t) {
  return t->kind == TermKind::kPredicate &&
         (t->name == "Of" || t->name == "Prep" || t->name == "Which");
}

// True when `part` occurs in `whole` (compared as canonical text).
bool Mentions(const TermPtr& whole, const TermPtr& part) {
  if (SameTerm(whole, part)) return true;
  return std::any_of(whole->args.begin(), whole->args.end(),
                     [&](const TermPtr& a) { return Mentions(a, part); });
}

bool IsAtomicStatementOrEntity(const TermPtr& t) {
  if (t->kind != TermKind::kPredicate) return false;
  const std::string& p = t->name;
  return p == "Is" || p == "Compare" || p == "Action" || IsModal(p) ||
         SortOf(t) == Sort::kEntity;
}

std::string PredicateOrderOfNode(const TermPtr& t) {
  const std::string& p = t->name;
  // "may be able to" is fine; "may must" is not.
  if (IsModal(p) && !t->args.empty() &&
      ModalOnSpine(t->args[0], IsDeonticModal(p))) {
    return "a modal is nested inside @" + p;
  }
  if (p == "If" && !t->args.empty() &&
      t->args[0]->kind == TermKind::kPredicate && t->args[0]->name == "If") {
    return "the condition of @If is itself a conditional; conditions nest in "
           "the consequence";
  }
  if (IsAtomicStatementOrEntity(t)) {
    for (const TermPtr& a : t->args) {
      if (ContainsPredicate(a, "If") || ContainsPredicate(a, "AdvBefore")) {
        return "a conditional or advice is nested inside @" + p;
      }
    }
  }
  if ((p == "And" || p == "Or") && SortOf(t) == Sort::kStatement) {
    for (size_t i = 0; i < t->args.size(); ++i) {
      for (size_t j = 0; j < t->args.size(); ++j) {
        if (i != j && t->args[j]->kind == TermKind::kPredicate &&
            Mentions(t->args[i], t->args[j])) {
          return "one conjunct of @" + p + " repeats the other";
        }
      }
    }
  }
  return "";
}

// Attachment preferences: they choose among readings that all pass the
// hard rules, so a check built of them never removes the last reading.
std::string AttachmentOfNode(const TermPtr& t) {
  const std::string& p = t->name;
  if ((p == "Of" || p == "Which") && !t->args.empty() &&
      IsModifier(t->args[0])) {
    return "@" + p +
           " attaches to a noun that is already modified; modifiers "
           "attach to the nearest noun";
  }
  if (p == "Prep" && t->args.size() == 3 && IsModifier(t->args[1])) {
    return "@Prep attaches to a noun that is already modified; modifiers "
           "attach "
           "to the nearest noun";
  }
  if (p == "Poss" && t->args.size() == 2 &&
      (IsModifier(t->args[0]) || IsModifier(t->args[1]))) {
    return "a possessive holds a modified noun; \"'s\" binds the nearest nouns "
           "and modifiers scope over the whole possessive";
  }
  if ((p == "And" || p == "Or" || p == "Plus") &&
      SortOf(t) != Sort::kStatement) {
    for (const TermPtr& a : t->args) {
      if (IsModifier(a)) {
        return "a conjunct of @" + p +
               " carries its own modifier; modifiers "
               "scope over the whole coordination";
      }
    }
  }
  return "";
}

std::string ModalScopeOfNode(const TermPtr& t) {
  if (t->name == "Prep" && t->args.size() == 3 &&
      ModalOnSpine(t->args[1], false)) {
    return "a prepositional phrase takes a modal statement in its scope; the "
           "modal scopes over the whole statement";
  }
  return "";
}

std::string NounAttachmentOfNode(const TermPtr& t) {
  if (t->name == "Prep" && t->args.size() == 3 &&
      SortOf(t->args[1]) == Sort::kStatement &&
      SortOf(t->args[2]) != Sort::kStatement) {
    return "a prepositional phrase modifies a verb phrase where it could "
           "modify a noun";
  }
  return "";
}

std::vector<TermPtr> KeepIf(const std::vector<TermPtr>& forms,
                            std::string (*violation)(const TermPtr&)) {
  std::vector<TermPtr> out;
  for (const TermPtr& f : forms) {
    if (violation(f).empty()) out.push_back(f);
  }
  return out;
}

size_t CountViolations(const TermPtr& t,
                       std::string (*check_node)(const TermPtr&)) {
  if (t->kind != TermKind::kPredicate) return 0;
  size_t n = check_node(t).empty() ? 0 : 1;
  for (const TermPtr& a : t->args) n += CountViolations(a, check_node);
  return n;
}

// Keeps the forms that go against `preference` least often.
std::vector<TermPtr> Prefer(const std::vector<TermPtr>& forms,
                            std::string (*preference)(const TermPtr&)) {
  std::vector<size_t> counts;
  size_t best = SIZE_MAX;
  for (const TermPtr& f : forms) {
    counts.push_back(CountViolations(f, preference));
    best = std::min(best, counts.back());
  }
  std::vector<TermPtr> kept;
  for (size_t i = 0; i < forms.size(); ++i) {
    if (counts[i] == best) kept.push_back(forms[i]);
  }
  return kept;
}

std::vector<TermPtr> DropDistributed(const std::vector<TermPtr>& forms) {
  std::set<std::string> present;
  for (const TermPtr& f : forms) present.insert(CanonicalForm(f));
  std::vector<TermPtr> out;
  for (const TermPtr& f : forms) {
    std::string own = CanonicalForm(f);
    std::string factored = CanonicalForm(Undistribute(f));
    if (factored != own && present.count(factored)) continue;
    out.push_back(f);
  }
  return out;
}

std::vector<TermPtr> DropEquivalent(const std::vector<TermPtr>& forms) {
  std::set<std::string> seen;
  std::vector<TermPtr> out;
  for (const TermPtr& f : forms) {
    if (seen.insert(CanonicalForm(f)).second) out.push_back(f);
  }
  return out;
}

// Attachment height per form, looked up by identity.
using Heights = std::unordered_map<const Term*, size_t>;

Heights HeightsOf(const std::vector<TermPtr>& forms,
                  const std::vector<size_t>& heights) {
  Heights out;
  for (size_t i = 0; i < forms.size() && i < heights.size(); ++i) {
    out.emplace(forms[i].get(), heights[i]);
  }
  return out;
}

// Keeps the forms of least attachment height (all of them when no height
// is known).
std::vector<TermPtr> PreferLowAttachment(const std::vector<TermPtr>& forms,
                                         const Heights& heights) {
  auto height = [&](const TermPtr& f) {
    auto it = heights.find(f.get());
    return it == heights.end() ? 0 : it->second;
  };
  size_t best = SIZE_MAX;
  for (const TermPtr& f : forms) best = std::min(best, height(f));
  std::vector<TermPtr> kept;
  for (const TermPtr& f : forms) {
    if (height(f) == best) kept.push_back(f);
  }
  return kept;
}

std::vector<TermPtr> Check(WinnowCheck check, const std::vector<TermPtr>& forms,
                           const Heights& heights) {
  switch (check) {
    case WinnowCheck::kType:
      return KeepIf(forms, TypeViolation);
    case WinnowCheck::kArgumentOrder:
      return KeepIf(forms, ArgumentOrderViolation);
    case WinnowCheck::kPredicateOrder:
      return PreferLowAttachment(
          Prefer(Prefer(Prefer(KeepIf(forms, PredicateOrderViolation),
                               AttachmentOfNode),
                        ModalScopeOfNode),
                 NounAttachmentOfNode),
          heights);
    case WinnowCheck::kDistributivity:
      return DropDistributed(forms);
    case WinnowCheck::kAssociativity:
      return DropEquivalent(forms);
  }
  return forms;
}

}  // namespace

const char* WinnowCheckName(WinnowCheck check) {
  switch (check) {
    case WinnowCheck::kType:
      return "type";
    case WinnowCheck::kArgumentOrder:
      return "argument_order";
    case WinnowCheck::kPredicateOrder:
      return "predicate_order";
    case WinnowCheck::kDistributivity:
      return "distributivity";
    case WinnowCheck::kAssociativity:
      return "associativity";
  }
  return "?";
}

std::string TypeViolation(const TermPtr& form) {
  if (!IsClosedLogicalForm(form)) {
    return "not a finished logical form (a lambda or variable is left)";
  }
  if (form->kind != TermKind::kPredicate || SortOf(form) != Sort::kStatement) {
    return "a sentence must mean a statement, not a " +
           std::string(SortName(SortOf(form)));
  }
  return FirstViolation(form, TypeOfNode);
}

std::string ArgumentOrderViolation(const TermPtr& form) {
  return FirstViolation(form, ArgumentOrderOfNode);
}

std::string PredicateOrderViolation(const TermPtr& form) {
  return FirstViolation(form, PredicateOrderOfNode);
}

TermPtr Undistribute(const TermPtr& form) {
  if (form->kind != TermKind::kPredicate) return form;
  std::vector<TermPtr> args;
  for (const TermPtr& a : form->args) args.push_back(Undistribute(a));
  if ((form->name == "And" || form->name == "Or") && args.size() == 2) {
    const TermPtr& a = args[0];
    const TermPtr& b = args[1];
    if (a->kind == TermKind::kPredicate && b->kind == TermKind::kPredicate &&
        a->name == b->name && a->args.size() == b->args.size()) {
      size_t differing = 0, at = 0;
      for (size_t i = 0; i < a->args.size(); ++i) {
        if (CanonicalForm(a->args[i]) != CanonicalForm(b->args[i])) {
          ++differing;
          at = i;
        }
      }
      if (differing == 1) {
        std::vector<TermPtr> merged = a->args;
        merged[at] = MakePredicate(form->name, {a->args[at], b->args[at]});
        return MakePredicate(a->name, std::move(merged));
      }
    }
  }
  return MakePredicate(form->name, std::move(args));
}

std::vector<TermPtr> ApplyCheck(WinnowCheck check,
                                const std::vector<TermPtr>& forms,
                                const std::vector<size_t>& attachment_heights) {
  return Check(check, forms, HeightsOf(forms, attachment_heights));
}

WinnowResult Winnow(const std::vector<TermPtr>& forms,
                    const std::vector<size_t>& attachment_heights) {
  const Heights heights = HeightsOf(forms, attachment_heights);
  WinnowResult r;
  r.forms = forms;
  r.counts[0] = forms.size();
  for (size_t i = 0; i < kWinnowChecks.size(); ++i) {
    r.forms = Check(kWinnowChecks[i], r.forms, heights);
    r.counts[i + 1] = r.forms.size();
  }
  return r;
}

}  // namespace protolm::spec::ccg
