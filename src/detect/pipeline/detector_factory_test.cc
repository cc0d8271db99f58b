// The detector factory: every listed architecture, and the errors.
#include "detect/pipeline/detector_factory.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protolm::detect {
namespace {

TEST(DetectorFactoryTest, MakesTheBaselinesWithTheirOrder) {
  auto ngram = MakeDetector("ngram", {.order = 4});
  ASSERT_TRUE(ngram.ok());
  EXPECT_EQ((*ngram)->kind(), "ngram");
  auto stide = MakeDetector("stide");
  ASSERT_TRUE(stide.ok());
  EXPECT_EQ((*stide)->kind(), "stide");
  auto counts = MakeDetector("count");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ((*counts)->kind(), "counts");
  std::vector<std::vector<TokenId>> traces{{1, 2, 1, 2}};
  ASSERT_TRUE((*ngram)->Train(traces, 3).ok());
  EXPECT_EQ((*ngram)->ToJson()["order"], 4);
}

TEST(DetectorFactoryTest, LearnedArchitecturesAreLearnedDetectors) {
  for (const char* arch : {"lstm", "transformer"}) {
    auto made = MakeDetector(arch);
    ASSERT_TRUE(made.ok()) << made.status().message();
    EXPECT_EQ((*made)->kind(), "learned") << arch;
  }
}

TEST(DetectorFactoryTest, UnknownNamesTheChoices) {
  auto made = MakeDetector("svm");
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().message(),
            "unknown --arch \"svm\" (choose "
            "ngram|stide|count|lstm|transformer)");
}

}  // namespace
}  // namespace protolm::detect
