// Actionability, under-specification and ambiguity descriptions (see
// sentence_status.h).
#include "spec/analysis/sentence_status.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "spec/analysis/word_tokenizer.h"
#include "spec/ccg/logical_form.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr std::array<std::string_view, 9> kModalWords = {
    "must",   "should", "may",      "shall", "can",
    "cannot", "need",   "required", "will"};
// Phrases that mark an example, a rephrasing, an assumption about other
// protocols, a pointer to another document ("see [1]") or future intent
// rather than behaviour.
constexpr std::array<std::string_view, 8> kCommentCues = {
    "for example", "in the future", "this means",   "is assumed",
    "are assumed", "note that",     "for instance", "see"};

bool HasWord(const std::vector<std::string>& words, const auto& set) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
    return std::find(set.begin(), set.end(), w) != set.end();
  });
}

bool IsNumberTerm(const ccg::TermPtr& t) {
  return t->kind == ccg::TermKind::kNumber;
}

// @May(@Is(x, number)) or @May(@Is(x, 'zero'-like)) without an actor.
bool PermissionWithoutActor(const ccg::TermPtr& t) {
  if (t->kind != ccg::TermKind::kPredicate) return false;
  if (t->name == "May" && t->args.size() == 1) {
    const ccg::TermPtr& inner = t->args[0];
    if (inner->kind == ccg::TermKind::kPredicate && inner->name == "Is" &&
        inner->args.size() == 2 && IsNumberTerm(inner->args[1])) {
      return true;
    }
  }
  return std::any_of(t->args.begin(), t->args.end(), PermissionWithoutActor);
}

bool HasPrep(const ccg::TermPtr& t, std::string_view which) {
  if (t->kind != ccg::TermKind::kPredicate) return false;
  if (t->name == "Prep" && !t->args.empty() &&
      t->args[0]->kind == ccg::TermKind::kConstant &&
      t->args[0]->name == which) {
    return true;
  }
  return std::any_of(t->args.begin(), t->args.end(),
                     [&](const ccg::TermPtr& a) { return HasPrep(a, which); });
}

}  // namespace

const char* SentenceStatusName(SentenceStatus status) {
  switch (status) {
    case SentenceStatus::kOk:
      return "ok";
    case SentenceStatus::kAmbiguous:
      return "ambiguous";
    case SentenceStatus::kUnparsed:
      return "unparsed";
    case SentenceStatus::kNonActionable:
      return "non-actionable";
    case SentenceStatus::kUnderspecified:
      return "underspecified";
  }
  return "?";
}

bool IsActionable(const Sentence& sentence,
                  const std::vector<ccg::TermPtr>& forms) {
  if (!forms.empty() &&
      std::all_of(forms.begin(), forms.end(), [](const ccg::TermPtr& f) {
        return ccg::ContainsPredicate(f, "AdvComment");
      })) {
    return false;
  }
  // "Values are:" introduces a list; the items carry the content.
  size_t last = sentence.text.find_last_not_of(" \t");
  if (last != std::string::npos && sentence.text[last] == ':') return false;
  std::vector<std::string> words = TokenizeWords(sentence.text);
  std::string joined;
  for (const std::string& w : words) joined += " " + w;
  joined += " ";
  for (std::string_view cue : kCommentCues) {
    if (joined.find(" " + std::string(cue) + " ") != std::string::npos)
      return false;
  }
  // Values and descriptions under a field; a value list outside any field
  // (a summary table) only repeats them.
  if (!sentence.context.field.empty()) return true;
  return !sentence.context.message.empty() && HasWord(words, kModalWords);
}

std::string MissingForCode(const ccg::TermPtr& form,
                           const SentenceContext& context) {
  if (context.role.empty() && PermissionWithoutActor(form)) {
    return "it says the value may be set but not who may set it (sender, "
           "receiver or both); name the role";
  }
  if (ToLower(context.field).find("checksum") != std::string::npos ||
      ccg::ToString(form).find("checksum") != std::string::npos) {
    if (HasPrep(form, "starting with") && !HasPrep(form, "ending with") &&
        !HasPrep(form, "up to") && !HasPrep(form, "through")) {
      return "the checksummed range has a start but no end; say where it ends";
    }
  }
  return "";
}

std::string DescribeDifference(const ccg::TermPtr& a, const ccg::TermPtr& b) {
  std::string parent;
  ccg::TermPtr x = a, y = b;
  while (true) {
    if (ccg::CanonicalForm(x) == ccg::CanonicalForm(y)) return "";
    bool same_node = x->kind == ccg::TermKind::kPredicate &&
                     y->kind == ccg::TermKind::kPredicate &&
                     x->name == y->name && x->args.size() == y->args.size();
    if (same_node) {
      size_t differing = 0, at = 0;
      for (size_t i = 0; i < x->args.size(); ++i) {
        if (ccg::CanonicalForm(x->args[i]) != ccg::CanonicalForm(y->args[i])) {
          ++differing;
          at = i;
        }
      }
      if (differing == 1) {
        parent = "@" + x->name;
        ccg::TermPtr nx = x->args[at], ny = y->args[at];
        x = nx;
        y = ny;
        continue;
      }
    }
    std::string where = parent.empty() ? "at the root" : "under " + parent;
    return ccg::ToString(x) + " vs " + ccg::ToString(y) + " " + where;
  }
}

}  // namespace protolm::spec
