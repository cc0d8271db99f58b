// Tests for CCG categories: notation, canonical text, errors.
#include "spec/ccg/category.h"

#include <gtest/gtest.h>

namespace protolm::spec::ccg {
namespace {

const std::set<std::string> kPrimitives = {"S", "NP"};
const SourceLocation kAt{"lex.ccg", 3, 10};

TEST(CategoryTest, ParsesFunctorsLeftAssociatively) {
  Result<CategoryPtr> c = ParseCategory("S\\NP/NP", kPrimitives, kAt);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ((*c)->text, "(S\\NP)/NP");
  EXPECT_EQ((*c)->slash, Slash::kForward);
  EXPECT_EQ((*c)->result->text, "S\\NP");
  EXPECT_EQ((*c)->argument->text, "NP");
  Result<CategoryPtr> nested =
      ParseCategory("((S\\NP)\\(S\\NP))/NP", kPrimitives, kAt);
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ((*nested)->text, "((S\\NP)\\(S\\NP))/NP");
  EXPECT_TRUE(SameCategory(
      *c, MakeFunctor(MakeFunctor(MakePrimitive("S"), Slash::kBackward,
                                  MakePrimitive("NP")),
                      Slash::kForward, MakePrimitive("NP"))));
}

TEST(CategoryTest, UnknownPrimitiveIsReportedWithItsColumn) {
  Result<CategoryPtr> c = ParseCategory("(S\\N)/NP", kPrimitives, kAt);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(
      c.status().message(),
      "lex.ccg:3:13: unknown category 'N'; declare it in the ':-' line of "
      "the lexicon");
}

TEST(CategoryTest, RejectsMalformedText) {
  EXPECT_FALSE(ParseCategory("(S\\NP", kPrimitives, kAt).ok());
  EXPECT_FALSE(ParseCategory("S/", kPrimitives, kAt).ok());
  EXPECT_FALSE(ParseCategory("S NP", kPrimitives, kAt).ok());
  EXPECT_FALSE(
      ParseCategory(std::string(100, '(') + "S", kPrimitives, kAt).ok());
}

}  // namespace
}  // namespace protolm::spec::ccg
