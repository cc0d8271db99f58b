// Tests for the term dictionary.
#include "spec/analysis/term_dictionary.h"

#include <gtest/gtest.h>

namespace protolm::spec {
namespace {

TEST(TermDictionaryTest, LongestMatchWins) {
  Result<TermDictionary> d = TermDictionary::Parse(
      "# terms\necho\necho reply message\nTime to Live\n", "t.txt");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->size(), 3u);
  std::vector<std::string> words = {"the",  "echo", "reply", "message",
                                    "time", "to",   "live"};
  EXPECT_EQ(d->LongestMatch(words, 0), 0u);
  EXPECT_EQ(d->LongestMatch(words, 1), 3u);
  EXPECT_EQ(d->LongestMatch(words, 4), 3u);
  EXPECT_EQ(d->LongestMatch(words, 7), 0u);
  d->Add("Sequence  NUMBER");
  EXPECT_EQ(d->LongestMatch({"sequence", "number", "is"}, 0), 2u);
}

TEST(TermDictionaryTest, RejectsALineWithoutWords) {
  Result<TermDictionary> d = TermDictionary::Parse("echo\n  ...\n", "t.txt");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "t.txt:2:3: a term needs at least one letter or digit");
}

}  // namespace
}  // namespace protolm::spec
