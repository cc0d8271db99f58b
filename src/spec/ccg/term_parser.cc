// Recursive-descent parser for lexicon semantics (see term_parser.h).
#include "spec/ccg/term_parser.h"

#include <cctype>
#include <vector>

namespace protolm::spec::ccg {
namespace {

constexpr int kMaxDepth = 64;

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

class TermParser {
 public:
  TermParser(std::string_view text, const SourceLocation& where,
             std::string_view word)
      : text_(text), where_(where), word_(word) {}

  Result<TermPtr> ParseAll() {
    ASSIGN_OR_RETURN(TermPtr t, ParseTermAt(0));
    SkipSpace();
    if (pos_ < text_.size()) {
      return Fail("unexpected '" + std::string(1, text_[pos_]) +
                  "' after the semantics");
    }
    return t;
  }

 private:
  Result<TermPtr> ParseTermAt(int depth) {
    if (depth > kMaxDepth) return Fail("semantics nested too deeply");
    SkipSpace();
    if (Peek() == '\\') {
      ++pos_;
      std::vector<std::string> vars;
      while (true) {
        SkipSpace();
        if (Peek() == '.') break;
        std::string name = ReadName();
        if (name.empty()) {
          return Fail("expected a variable name or '.' after '\\'");
        }
        if (std::isdigit(static_cast<unsigned char>(name[0]))) {
          return Fail("a variable name cannot start with a digit");
        }
        vars.push_back(std::move(name));
      }
      if (vars.empty()) return Fail("a lambda needs at least one variable");
      ++pos_;  // '.'
      for (const std::string& v : vars) bound_.push_back(v);
      ASSIGN_OR_RETURN(TermPtr body, ParseTermAt(depth + 1));
      bound_.resize(bound_.size() - vars.size());
      for (auto it = vars.rbegin(); it != vars.rend(); ++it) {
        body = MakeLambda(*it, body);
      }
      return body;
    }
    ASSIGN_OR_RETURN(TermPtr head, ParseAtom(depth));
    while (true) {
      SkipSpace();
      if (Peek() != '(') return head;
      ++pos_;
      ASSIGN_OR_RETURN(std::vector<TermPtr> args, ParseArguments(depth));
      for (TermPtr& a : args) head = MakeApply(head, std::move(a));
    }
  }

  // After '(' : term {',' term} ')'.
  Result<std::vector<TermPtr>> ParseArguments(int depth) {
    std::vector<TermPtr> args;
    SkipSpace();
    if (Peek() == ')') {
      ++pos_;
      return args;
    }
    while (true) {
      ASSIGN_OR_RETURN(TermPtr a, ParseTermAt(depth + 1));
      args.push_back(std::move(a));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ')') {
        ++pos_;
        return args;
      }
      return Fail("expected ',' or ')' in an argument list");
    }
  }

  Result<TermPtr> ParseAtom(int depth) {
    SkipSpace();
    char c = Peek();
    if (c == '@') {
      ++pos_;
      std::string name = ReadName();
      if (name.empty()) return Fail("expected a predicate name after '@'");
      SkipSpace();
      if (Peek() != '(') return Fail("expected '(' after @" + name);
      ++pos_;
      ASSIGN_OR_RETURN(std::vector<TermPtr> args, ParseArguments(depth));
      return MakePredicate(std::move(name), std::move(args));
    }
    if (c == '\'') return ParseQuoted();
    if (c == '(') {
      ++pos_;
      ASSIGN_OR_RETURN(TermPtr inner, ParseTermAt(depth + 1));
      SkipSpace();
      if (Peek() != ')') return Fail("missing ')'");
      ++pos_;
      return inner;
    }
    size_t start = pos_;
    std::string name = ReadName();
    if (name.empty()) {
      if (pos_ >= text_.size()) return Fail("semantics end early");
      return Fail("unexpected '" + std::string(1, c) + "' in semantics");
    }
    bool digits = true;
    for (char d : name)
      digits &= std::isdigit(static_cast<unsigned char>(d)) != 0;
    if (digits) return MakeNumber(std::move(name));
    for (const std::string& b : bound_) {
      if (b == name) return MakeVariable(std::move(name));
    }
    pos_ = start;
    return Fail("unbound variable '" + name + "'; quote constants ('" + name +
                "') or bind it with \\" + name + ".");
  }

  Result<TermPtr> ParseQuoted() {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '\'') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      if (text_.substr(pos_, 2) == "$w") {
        out += word_;
        pos_ += 2;
        continue;
      }
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) return Fail("unterminated quoted constant");
    ++pos_;
    return MakeConstant(std::move(out));
  }

  std::string ReadName() {
    size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void SkipSpace() {
    while (pos_ < text_.size() &&
           std::isspace(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
  }

  Status Fail(const std::string& what) const {
    return Malformed(where_.At(pos_) + ": " + what);
  }

  std::string_view text_;
  const SourceLocation& where_;
  std::string_view word_;
  size_t pos_ = 0;
  std::vector<std::string> bound_;
};

}  // namespace

Result<TermPtr> ParseTerm(std::string_view text, const SourceLocation& where,
                          std::string_view word) {
  return TermParser(text, where, word).ParseAll();
}

}  // namespace protolm::spec::ccg
