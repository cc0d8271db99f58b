// Tests for word tokenisation.
#include "spec/analysis/word_tokenizer.h"

#include <gtest/gtest.h>

namespace protolm::spec {
namespace {

using Words = std::vector<std::string>;

TEST(WordTokenizerTest, SplitsWordsPunctuationAndPossessives) {
  EXPECT_EQ(TokenizeWords("The original datagram's data."),
            (Words{"the", "original", "datagram", "'s", "data"}));
  EXPECT_EQ(TokenizeWords("If code = 0, the 16-bit one's complement"),
            (Words{"if", "code", "=", "0", ",", "the", "16-bit", "one", "'s",
                   "complement"}));
  EXPECT_EQ(TokenizeWords("bfd.SessionState is Up (e.g. \"this\")"),
            (Words{"bfd.sessionstate", "is", "up", "(", "e.g.", "this", ")"}));
  EXPECT_EQ(TokenizeWords("Internet Header + 64 bits"),
            (Words{"internet", "header", "+", "64", "bits"}));
  EXPECT_TRUE(TokenizeWords("  ... \"' ").empty());
}

}  // namespace
}  // namespace protolm::spec
