// Construction, comparison and parsing of CCG categories (see category.h).
#include "spec/ccg/category.h"

#include "spec/ccg/text_cursor.h"

namespace protolm::spec::ccg {
namespace {

constexpr int kMaxDepth = 32;

class CategoryParser {
 public:
  CategoryParser(std::string_view text, const std::set<std::string>& primitives,
                 const SourceLocation& where)
      : in_(text, where), primitives_(primitives) {}

  Result<CategoryPtr> ParseAll() {
    ASSIGN_OR_RETURN(CategoryPtr c, ParseFunctor(0));
    in_.SkipSpace();
    if (!in_.AtEnd()) {
      return in_.FailUnexpected(
          "after the category; expected '/', '\\' or the end");
    }
    return c;
  }

 private:
  Result<CategoryPtr> ParseFunctor(int depth) {
    ASSIGN_OR_RETURN(CategoryPtr left, ParseAtom(depth));
    while (true) {
      Slash slash;
      if (in_.Accept('/')) {
        slash = Slash::kForward;
      } else if (in_.Accept('\\')) {
        slash = Slash::kBackward;
      } else {
        return left;
      }
      ASSIGN_OR_RETURN(CategoryPtr right, ParseAtom(depth));
      left = MakeFunctor(left, slash, right);
    }
  }

  Result<CategoryPtr> ParseAtom(int depth) {
    if (depth > kMaxDepth) return in_.Fail("category nested too deeply");
    in_.SkipSpace();
    if (in_.AtEnd())
      return in_.Fail("category ends early; expected a name or '('");
    if (in_.Accept('(')) {
      ASSIGN_OR_RETURN(CategoryPtr inner, ParseFunctor(depth + 1));
      RETURN_IF_ERROR(in_.Expect(')', "missing ')' in category"));
      return inner;
    }
    size_t start = in_.pos();
    std::string name = in_.ReadName();
    if (name.empty()) {
      return in_.FailUnexpected("in category; expected a name or '('");
    }
    if (!primitives_.count(name)) {
      return in_.FailAt(start, "unknown category '" + name +
                                   "'; declare it in the ':-' line of the "
                                   "lexicon");
    }
    return MakePrimitive(name);
  }

  TextCursor in_;
  const std::set<std::string>& primitives_;
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
