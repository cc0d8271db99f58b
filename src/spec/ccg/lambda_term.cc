// Construction, substitution, beta reduction and canonical printing of lambda
// terms (see lambda_term.h).
#include "spec/ccg/lambda_term.h"

#include <atomic>
#include <map>
#include <optional>

namespace protolm::spec::ccg {
namespace {

TermPtr Make(TermKind kind, std::string name, std::vector<TermPtr> args) {
  return std::make_shared<const Term>(
      Term{kind, std::move(name), std::move(args)});
}

// Fresh variable names cannot clash with lexicon variables: those never
// start with an underscore.
std::string FreshVariable() {
  static std::atomic<uint64_t> counter{0};
  return "_v" + std::to_string(counter.fetch_add(1));
}

void CollectFree(const TermPtr& term, std::set<std::string>& bound,
                 std::set<std::string>& out) {
  switch (term->kind) {
    case TermKind::kVariable:
      if (!bound.count(term->name)) out.insert(term->name);
      return;
    case TermKind::kConstant:
    case TermKind::kNumber:
      return;
    case TermKind::kLambda: {
      bool inserted = bound.insert(term->name).second;
      CollectFree(term->args[0], bound, out);
      if (inserted) bound.erase(term->name);
      return;
    }
    case TermKind::kPredicate:
    case TermKind::kApply:
      for (const TermPtr& a : term->args) CollectFree(a, bound, out);
      return;
  }
}

// One pass of normal-order reduction; `steps` counts the beta steps taken.
Result<TermPtr> Normalize(const TermPtr& term, int& steps, int max_steps) {
  switch (term->kind) {
    case TermKind::kVariable:
    case TermKind::kConstant:
    case TermKind::kNumber:
      return term;
    case TermKind::kLambda: {
      ASSIGN_OR_RETURN(TermPtr body,
                       Normalize(term->args[0], steps, max_steps));
      if (body == term->args[0]) return term;
      return MakeLambda(term->name, body);
    }
    case TermKind::kPredicate: {
      std::vector<TermPtr> args;
      bool changed = false;
      for (const TermPtr& a : term->args) {
        ASSIGN_OR_RETURN(TermPtr n, Normalize(a, steps, max_steps));
        changed |= n != a;
        args.push_back(std::move(n));
      }
      if (!changed) return term;
      return MakePredicate(term->name, std::move(args));
    }
    case TermKind::kApply: {
      ASSIGN_OR_RETURN(TermPtr fn, Normalize(term->args[0], steps, max_steps));
      if (fn->kind == TermKind::kLambda) {
        if (++steps > max_steps) {
          return OutOfRange("beta reduction did not finish within " +
                            std::to_string(max_steps) +
                            " steps; check the lexicon semantics for a "
                            "self-application");
        }
        return Normalize(Substitute(fn->args[0], fn->name, term->args[1]),
                         steps, max_steps);
      }
      ASSIGN_OR_RETURN(TermPtr arg, Normalize(term->args[1], steps, max_steps));
      return MakeApply(fn, arg);
    }
  }
  return term;
}

void Print(const TermPtr& term, std::map<std::string, std::string>& names,
           int& next_index, std::string& out) {
  switch (term->kind) {
    case TermKind::kVariable: {
      auto it = names.find(term->name);
      out += it == names.end() ? term->name : it->second;
      return;
    }
    case TermKind::kConstant:
      out += '\'';
      for (char c : term->name) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += '\'';
      return;
    case TermKind::kNumber:
      out += term->name;
      return;
    case TermKind::kPredicate:
      out += '@';
      out += term->name;
      out += '(';
      for (size_t i = 0; i < term->args.size(); ++i) {
        if (i) out += ',';
        Print(term->args[i], names, next_index, out);
      }
      out += ')';
      return;
    case TermKind::kLambda: {
      std::string canonical = "x" + std::to_string(++next_index);
      auto previous = names.find(term->name);
      std::optional<std::string> saved;
      if (previous != names.end()) saved = previous->second;
      names[term->name] = canonical;
      out += '\\' + canonical + '.';
      Print(term->args[0], names, next_index, out);
      if (saved) {
        names[term->name] = *saved;
      } else {
        names.erase(term->name);
      }
      return;
    }
    case TermKind::kApply: {
      const TermPtr& fn = term->args[0];
      bool simple =
          fn->kind == TermKind::kVariable || fn->kind == TermKind::kApply;
      if (!simple) out += '(';
      Print(fn, names, next_index, out);
      if (!simple) out += ')';
      out += '(';
      Print(term->args[1], names, next_index, out);
      out += ')';
      return;
    }
  }
}

}  // namespace

TermPtr MakeVariable(std::string name) {
  return Make(TermKind::kVariable, std::move(name), {});
}
TermPtr MakeConstant(std::string text) {
  return Make(TermKind::kConstant, std::move(text), {});
}
TermPtr MakeNumber(std::string digits) {
  return Make(TermKind::kNumber, std::move(digits), {});
}
TermPtr MakePredicate(std::string name, std::vector<TermPtr> args) {
  return Make(TermKind::kPredicate, std::move(name), std::move(args));
}
TermPtr MakeLambda(std::string variable, TermPtr body) {
  return Make(TermKind::kLambda, std::move(variable), {std::move(body)});
}
TermPtr MakeApply(TermPtr function, TermPtr argument) {
  return Make(TermKind::kApply, "", {std::move(function), std::move(argument)});
}

std::set<std::string> FreeVariables(const TermPtr& term) {
  std::set<std::string> bound, out;
  CollectFree(term, bound, out);
  return out;
}

TermPtr Substitute(const TermPtr& term, const std::string& variable,
                   const TermPtr& value) {
  switch (term->kind) {
    case TermKind::kVariable:
      return term->name == variable ? value : term;
    case TermKind::kConstant:
    case TermKind::kNumber:
      return term;
    case TermKind::kLambda: {
      if (term->name == variable) return term;  // shadowed
      if (!FreeVariables(term->args[0]).count(variable)) return term;
      if (FreeVariables(value).count(term->name)) {
        std::string fresh = FreshVariable();
        TermPtr renamed =
            Substitute(term->args[0], term->name, MakeVariable(fresh));
        return MakeLambda(fresh, Substitute(renamed, variable, value));
      }
      return MakeLambda(term->name, Substitute(term->args[0], variable, value));
    }
    case TermKind::kPredicate:
    case TermKind::kApply: {
      std::vector<TermPtr> args;
      args.reserve(term->args.size());
      for (const TermPtr& a : term->args) {
        args.push_back(Substitute(a, variable, value));
      }
      return Make(term->kind, term->name, std::move(args));
    }
  }
  return term;
}

Result<TermPtr> BetaNormalize(const TermPtr& term, int max_steps) {
  int steps = 0;
  return Normalize(term, steps, max_steps);
}

std::string ToString(const TermPtr& term) {
  std::map<std::string, std::string> names;
  int next_index = 0;
  std::string out;
  Print(term, names, next_index, out);
  return out;
}

bool IsClosedLogicalForm(const TermPtr& term) {
  switch (term->kind) {
    case TermKind::kConstant:
    case TermKind::kNumber:
      return true;
    case TermKind::kPredicate:
      for (const TermPtr& a : term->args) {
        if (!IsClosedLogicalForm(a)) return false;
      }
      return true;
    default:
      return false;
  }
}

bool SameTerm(const TermPtr& a, const TermPtr& b) {
  if (a == b) return true;
  if (a->kind != b->kind || a->name != b->name ||
      a->args.size() != b->args.size()) {
    return false;
  }
  for (size_t i = 0; i < a->args.size(); ++i) {
    if (!SameTerm(a->args[i], b->args[i])) return false;
  }
  return true;
}

}  // namespace protolm::spec::ccg
