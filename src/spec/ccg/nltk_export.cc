// NLTK notation for lexicons and logical forms (see nltk_export.h).
#include "spec/ccg/nltk_export.h"

#include <cctype>
#include <map>
#include <set>

#include "spec/rfc/text_util.h"

namespace protolm::spec::ccg {
namespace {

void Print(const TermPtr& t, std::string& out) {
  switch (t->kind) {
    case TermKind::kVariable:
      out += t->name;
      return;
    case TermKind::kConstant:
      out += NltkIdentifier(t->name);
      return;
    case TermKind::kNumber:
      out += t->name;
      return;
    case TermKind::kPredicate:
      out += t->name + "(";
      for (size_t i = 0; i < t->args.size(); ++i) {
        if (i) out += ',';
        Print(t->args[i], out);
      }
      out += ')';
      return;
    case TermKind::kLambda:
      out += "\\" + t->name + ".";
      Print(t->args[0], out);
      return;
    case TermKind::kApply: {
      bool simple = t->args[0]->kind == TermKind::kVariable ||
                    t->args[0]->kind == TermKind::kApply;
      if (!simple) out += '(';
      Print(t->args[0], out);
      if (!simple) out += ')';
      out += '(';
      Print(t->args[1], out);
      out += ')';
      return;
    }
  }
}

}  // namespace

std::string NltkIdentifier(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += ToLower(c);
    } else if (out.empty() || out.back() != '_') {
      out += '_';
    }
  }
  if (out.empty()) out = "_";
  bool digits = true;
  for (char c : out) digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (digits) return out;
  // NLTK reads a letter followed only by digits as a variable, and a name
  // that starts with a digit or '_' fails to parse: make both constants.
  bool variable_like =
      std::isalpha(static_cast<unsigned char>(out[0])) &&
      out.find_first_not_of("0123456789", 1) == std::string::npos;
  if (!std::isalpha(static_cast<unsigned char>(out[0]))) out = "c" + out;
  // Words NLTK's logic parser reads as operators or quantifiers.
  static const std::set<std::string> kReserved = {
      "and",   "or",     "not",  "all",     "some", "exists",
      "exist", "forall", "iota", "implies", "iff",  "lambda"};
  if (variable_like || kReserved.count(out)) out += '_';
  return out;
}

std::string NltkWord(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c == ' ') c = '_';
  }
  return out;
}

std::string ToNltkExpression(const TermPtr& term) {
  std::string out;
  Print(term, out);
  return out;
}

Result<std::string> ExportNltkLexicon(const Lexicon& lexicon,
                                      const std::vector<LexicalEntry>& extra) {
  std::string out = ":- ";
  for (size_t i = 0; i < lexicon.primitives().size(); ++i) {
    if (i) out += ", ";
    out += lexicon.primitives()[i];
  }
  out += '\n';
  std::map<std::string, std::map<std::string, std::string>> seen;
  auto add = [&](const LexicalEntry& e) -> Status {
    std::string word = NltkWord(e.word);
    std::string sem = ToNltkExpression(e.semantics);
    auto [it, inserted] = seen[word].emplace(e.category->text, sem);
    if (!inserted) {
      if (it->second == sem) return Status::Ok();
      return Unsupported(
          "word '" + e.word + "' (line " + std::to_string(e.line) +
          ") has two semantics for category " + e.category->text +
          "; NLTK keeps only one, so merge them or change a category");
    }
    out += word + " => " + e.category->text + " {" + sem + "}\n";
    return Status::Ok();
  };
  for (const LexicalEntry& e : lexicon.entries()) RETURN_IF_ERROR(add(e));
  for (const LexicalEntry& e : extra) RETURN_IF_ERROR(add(e));
  return out;
}

}  // namespace protolm::spec::ccg
