// Recursive-descent parser for lexicon semantics (see term_parser.h).
#include "spec/ccg/term_parser.h"

#include <cctype>
#include <vector>

#include "spec/ccg/text_cursor.h"

namespace protolm::spec::ccg {
namespace {

constexpr int kMaxDepth = 64;

class TermParser {
 public:
  TermParser(std::string_view text, const SourceLocation& where,
             std::string_view word)
      : in_(text, where), word_(word) {}

  Result<TermPtr> ParseAll() {
    ASSIGN_OR_RETURN(TermPtr t, ParseTermAt(0));
    in_.SkipSpace();
    if (!in_.AtEnd()) return in_.FailUnexpected("after the semantics");
    return t;
  }

 private:
  Result<TermPtr> ParseTermAt(int depth) {
    if (depth > kMaxDepth) return in_.Fail("semantics nested too deeply");
    if (in_.Accept('\\')) {
      std::vector<std::string> vars;
      while (true) {
        in_.SkipSpace();
        if (in_.Peek() == '.') break;
        std::string name = in_.ReadName();
        if (name.empty()) {
          return in_.Fail("expected a variable name or '.' after '\\'");
        }
        if (std::isdigit(static_cast<unsigned char>(name[0]))) {
          return in_.Fail("a variable name cannot start with a digit");
        }
        vars.push_back(std::move(name));
      }
      if (vars.empty()) return in_.Fail("a lambda needs at least one variable");
      in_.Advance();  // '.'
      for (const std::string& v : vars) bound_.push_back(v);
      ASSIGN_OR_RETURN(TermPtr body, ParseTermAt(depth + 1));
      bound_.resize(bound_.size() - vars.size());
      for (auto it = vars.rbegin(); it != vars.rend(); ++it) {
        body = MakeLambda(*it, body);
      }
      return body;
    }
    ASSIGN_OR_RETURN(TermPtr head, ParseAtom(depth));
    while (in_.Accept('(')) {
      ASSIGN_OR_RETURN(std::vector<TermPtr> args, ParseArguments(depth));
      for (TermPtr& a : args) head = MakeApply(head, std::move(a));
    }
    return head;
  }

  // After '(' : term {',' term} ')'.
  Result<std::vector<TermPtr>> ParseArguments(int depth) {
    std::vector<TermPtr> args;
    if (in_.Accept(')')) return args;
    while (true) {
      ASSIGN_OR_RETURN(TermPtr a, ParseTermAt(depth + 1));
      args.push_back(std::move(a));
      if (in_.Accept(',')) continue;
      if (in_.Accept(')')) return args;
      return in_.Fail("expected ',' or ')' in an argument list");
    }
  }

  Result<TermPtr> ParseAtom(int depth) {
    if (in_.Accept('@')) {
      std::string name = in_.ReadName();
      if (name.empty()) return in_.Fail("expected a predicate name after '@'");
      RETURN_IF_ERROR(in_.Expect('(', "expected '(' after @" + name));
      ASSIGN_OR_RETURN(std::vector<TermPtr> args, ParseArguments(depth));
      return MakePredicate(std::move(name), std::move(args));
    }
    if (in_.Peek() == '\'') return ParseQuoted();
    if (in_.Accept('(')) {
      ASSIGN_OR_RETURN(TermPtr inner, ParseTermAt(depth + 1));
      RETURN_IF_ERROR(in_.Expect(')', "missing ')'"));
      return inner;
    }
    size_t start = in_.pos();
    std::string name = in_.ReadName();
    if (name.empty()) {
      if (in_.AtEnd()) return in_.Fail("semantics end early");
      return in_.FailUnexpected("in semantics");
    }
    bool digits = true;
    for (char d : name)
      digits &= std::isdigit(static_cast<unsigned char>(d)) != 0;
    if (digits) return MakeNumber(std::move(name));
    for (const std::string& b : bound_) {
      if (b == name) return MakeVariable(std::move(name));
    }
    return in_.FailAt(start, "unbound variable '" + name +
                                 "'; quote constants ('" + name +
                                 "') or bind it with \\" + name + ".");
  }

  Result<TermPtr> ParseQuoted() {
    in_.Advance();  // opening quote
    std::string out;
    while (!in_.AtEnd() && in_.Peek() != '\'') {
      if (in_.Peek() == '\\' && in_.Rest().size() > 1) in_.Advance();
      if (in_.Rest().starts_with("$w")) {
        out += word_;
        in_.Advance(2);
        continue;
      }
      out += in_.Peek();
      in_.Advance();
    }
    if (in_.AtEnd()) return in_.Fail("unterminated quoted constant");
    in_.Advance();
    return MakeConstant(std::move(out));
  }

  TextCursor in_;
  std::string_view word_;
  std::vector<std::string> bound_;
};

}  // namespace

Result<TermPtr> ParseTerm(std::string_view text, const SourceLocation& where,
                          std::string_view word) {
  return TermParser(text, where, word).ParseAll();
}

}  // namespace protolm::spec::ccg
