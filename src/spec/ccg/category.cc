// Construction, comparison and parsing of CCG categories (see category.h).
#include "spec/ccg/category.h"

#include <cctype>

namespace protolm::spec::ccg {
namespace {

constexpr int kMaxDepth = 32;

class CategoryParser {
 public:
  CategoryParser(std::string_view text, const std::set<std::string>& primitives,
                 const SourceLocation& where)
      : text_(text), primitives_(primitives), where_(where) {}

  Result<CategoryPtr> ParseAll() {
    ASSIGN_OR_RETURN(CategoryPtr c, ParseFunctor(0));
    SkipSpace();
    if (pos_ < text_.size()) {
      return Fail("unexpected '" + std::string(1, text_[pos_]) +
                  "' after the category; expected '/', '\\' or the end");
    }
    return c;
  }

 private:
  Result<CategoryPtr> ParseFunctor(int depth) {
    ASSIGN_OR_RETURN(CategoryPtr left, ParseAtom(depth));
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || (text_[pos_] != '/' && text_[pos_] != '\\')) {
        return left;
      }
      Slash slash = text_[pos_] == '/' ? Slash::kForward : Slash::kBackward;
      ++pos_;
      ASSIGN_OR_RETURN(CategoryPtr right, ParseAtom(depth));
      left = MakeFunctor(left, slash, right);
    }
  }

  Result<CategoryPtr> ParseAtom(int depth) {
    if (depth > kMaxDepth) return Fail("category nested too deeply");
    SkipSpace();
    if (pos_ >= text_.size())
      return Fail("category ends early; expected a name or '('");
    if (text_[pos_] == '(') {
      ++pos_;
      ASSIGN_OR_RETURN(CategoryPtr inner, ParseFunctor(depth + 1));
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ')') {
        return Fail("missing ')' in category");
      }
      ++pos_;
      return inner;
    }
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
            text_[pos_] == '_')) {
      ++pos_;
    }
    if (start == pos_) {
      return Fail("unexpected '" + std::string(1, text_[pos_]) +
                  "' in category; expected a name or '('");
    }
    std::string name(text_.substr(start, pos_ - start));
    if (!primitives_.count(name)) {
      pos_ = start;
      return Fail("unknown category '" + name +
                  "'; declare it in the ':-' line of the lexicon");
    }
    return MakePrimitive(name);
  }

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
  const std::set<std::string>& primitives_;
  const SourceLocation& where_;
  size_t pos_ = 0;
};

}  // namespace

CategoryPtr MakePrimitive(std::string name) {
  auto c = std::make_shared<Category>();
  c->text = name;
  c->primitive = std::move(name);
  return c;
}

CategoryPtr MakeFunctor(CategoryPtr result, Slash slash, CategoryPtr argument) {
  auto c = std::make_shared<Category>();
  std::string r =
      result->is_primitive() ? result->text : "(" + result->text + ")";
  std::string a =
      argument->is_primitive() ? argument->text : "(" + argument->text + ")";
  c->text = r + (slash == Slash::kForward ? "/" : "\\") + a;
  c->result = std::move(result);
  c->argument = std::move(argument);
  c->slash = slash;
  return c;
}

bool SameCategory(const CategoryPtr& a, const CategoryPtr& b) {
  return a == b || a->text == b->text;
}

Result<CategoryPtr> ParseCategory(std::string_view text,
                                  const std::set<std::string>& primitives,
                                  const SourceLocation& where) {
  return CategoryParser(text, primitives, where).ParseAll();
}

}  // namespace protolm::spec::ccg
