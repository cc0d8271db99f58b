// Vocabulary: ids in order of first appearance, <unk>, freezing, JSON.
#include "detect/vocabulary.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace protolm::detect {
namespace {

TEST(Vocabulary, IdsInOrderOfFirstAppearance) {
  Vocabulary v;
  EXPECT_EQ(v.size(), 1u);
  EXPECT_EQ(v.Add("open"), 1u);
  EXPECT_EQ(v.Add("read"), 2u);
  EXPECT_EQ(v.Add("open"), 1u);
  EXPECT_EQ(v.Find("write"), kUnknownToken);
  EXPECT_EQ(v.Find("<unk>"), kUnknownToken);
  EXPECT_EQ(v.Text(2), "read");
  EXPECT_EQ(v.Text(3), "<end>");  // the boundary id, one past the last
  EXPECT_EQ(v.Text(99), "<unk>");
  v.Freeze();
  EXPECT_EQ(v.Add("write"), kUnknownToken);
  EXPECT_EQ(v.size(), 3u);
  std::vector<std::string> tokens = {"read", "exec", "open"};
  EXPECT_EQ(v.Encode(tokens), (std::vector<TokenId>{2, 0, 1}));
}

TEST(Vocabulary, JsonRoundTripIsFrozen) {
  Vocabulary v;
  v.Add("open");
  v.Add("");
  auto back = Vocabulary::FromJson(v.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->frozen());
  EXPECT_EQ(back->ToJson(), v.ToJson());
  EXPECT_EQ(back->Find(""), 2u);
  EXPECT_FALSE(Vocabulary::FromJson(nlohmann::json{{"tokens", {"a"}}}).ok());
  EXPECT_FALSE(
      Vocabulary::FromJson(nlohmann::json{{"tokens", {"<unk>", "a", "a"}}})
          .ok());
  EXPECT_FALSE(
      Vocabulary::FromJson(nlohmann::json{{"tokens", {"<unk>", 3}}}).ok());
}

TEST(Vocabulary, TokensThatAreNotUtf8KeepTheirBytes) {
  Vocabulary v;
  v.Add("caf\xc3\xa9");               // UTF-8: stays a string
  v.Add(std::string("\xff\x00", 2));  // two binary tokens that a lossy
  v.Add("\xfe");                      // UTF-8 repair would merge
  v.Add("\xed\xa0\x80");              // an encoded surrogate is not UTF-8
  nlohmann::json json = v.ToJson();
  EXPECT_EQ(json["tokens"][1], "caf\xc3\xa9");
  EXPECT_EQ(json["tokens"][2], (nlohmann::json{{"hex", "ff00"}}));
  EXPECT_EQ(json["tokens"][4], (nlohmann::json{{"hex", "eda080"}}));
  auto back = Vocabulary::FromJson(nlohmann::json::parse(json.dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->Find(std::string("\xff\x00", 2)), 2u);
  EXPECT_EQ(back->Find("\xfe"), 3u);
  EXPECT_FALSE(Vocabulary::FromJson(
                   nlohmann::json{{"tokens", {"<unk>", {{"hex", "zz"}}}}})
                   .ok());
}

}  // namespace
}  // namespace protolm::detect
