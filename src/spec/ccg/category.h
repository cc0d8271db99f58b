// CCG syntactic categories: primitives (S, NP, N) and functors X/Y (looks
// for a Y to its right) and X\Y (looks for a Y to its left).
//
// Categories are immutable and shared (CategoryPtr). ParseCategory reads the
// lexicon notation, left-associative and with parentheses: (S\NP)/NP. Only
// primitives declared by the lexicon are accepted, so a typo is an error with
// its line:col rather than a category that never combines. Thread safety:
// immutable values, safe to share.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "spec/ccg/source_location.h"
#include "util/status.h"

namespace protolm::spec::ccg {

enum class Slash { kForward, kBackward };  // '/' and '\'

struct Category;
using CategoryPtr = std::shared_ptr<const Category>;

struct Category {
  std::string primitive;  // non-empty for a primitive category
  CategoryPtr result;     // functor: X in X/Y
  CategoryPtr argument;   // functor: Y in X/Y
  Slash slash = Slash::kForward;
  std::string text;  // canonical text, computed once at construction

  bool is_primitive() const { return !primitive.empty(); }
  bool is_functor() const { return primitive.empty(); }
};

CategoryPtr MakePrimitive(std::string name);
CategoryPtr MakeFunctor(CategoryPtr result, Slash slash, CategoryPtr argument);

/// Structural equality (compares canonical text).
bool SameCategory(const CategoryPtr& a, const CategoryPtr& b);

/// Parses `text` (e.g. "(S\NP)/NP"); `where` locates text[0] for errors.
/// Nesting deeper than 32 levels is refused (hostile input).
Result<CategoryPtr> ParseCategory(std::string_view text,
                                  const std::set<std::string>& primitives,
                                  const SourceLocation& where);

}  // namespace protolm::spec::ccg
