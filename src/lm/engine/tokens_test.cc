// Token encoding: layout, offsets, clamping, context dropping, length errors.
#include "lm/engine/tokens.h"

#include <gtest/gtest.h>

namespace protolm::lm {
namespace {

TEST(EncodeExampleTest, LaysOutTokensAndOffsets) {
  Example example{{{{0xAA}, {0xBB, 0xCC}}}, {1, 2}, {3}};
  auto seq = EncodeExample(example, 100);
  ASSERT_TRUE(seq.ok()) << seq.status().message();
  EXPECT_EQ(seq->tokens,
            (std::vector<int32_t>{kBegin, kClientToServer, 0xAA,
                                  kServerToClient, 0xBB, 0xCC, kClientToServer,
                                  1, 2, kServerToClient, 3, kEnd}));
  EXPECT_EQ(seq->offsets,
            (std::vector<int32_t>{0, 0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2}));
  EXPECT_EQ(seq->prompt_length, 10u);
}

TEST(EncodeExampleTest, EmptyResponseEndsAtOffsetOne) {
  auto seq = EncodeExample(Example{{}, {7}, {}}, 10);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(seq->tokens, (std::vector<int32_t>{kBegin, kClientToServer, 7,
                                               kServerToClient, kEnd}));
  EXPECT_EQ(seq->offsets, (std::vector<int32_t>{0, 0, 1, 0, 1}));
  EXPECT_EQ(seq->prompt_length, 4u);
}

TEST(EncodeExampleTest, ClampsOffsets) {
  Example example{{}, Bytes(6, 0x11), Bytes(2, 0x22)};
  auto seq = EncodeExample(example, 100, /*max_offset=*/4);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(seq->offsets,
            (std::vector<int32_t>{0, 0, 1, 2, 3, 3, 3, 3, 0, 1, 2, 3}));
}

TEST(EncodeExampleTest, DropsOldestContextFirst) {
  Example example;
  example.context = {{{1}, {1}}, {{2}, {2}}, {{3}, {3}}};  // 4 tokens each
  example.request = {9};
  example.response = {8};
  // Without context: 6 tokens. Room for two exchanges in 14.
  auto seq = EncodeExample(example, 14);
  ASSERT_TRUE(seq.ok());
  ASSERT_EQ(seq->tokens.size(), 14u);
  EXPECT_EQ(seq->tokens[2], 2);  // exchange 1 was dropped, 2 and 3 kept
  auto none = EncodeExample(example, 9);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->tokens.size(), 6u);
}

TEST(EncodeExampleTest, TooLongIsAnError) {
  Example example{{}, Bytes(600, 0), Bytes(96, 0)};
  auto seq = EncodeExample(example, 512);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(seq.status().message(),
            "example needs 700 positions; the model has 512");
  EXPECT_TRUE(EncodeExample(example, 700).ok());
}

TEST(EncodePromptTest, EndsWithServerMarkerAndLeavesRoom) {
  std::vector<ByteExchange> context = {{{1}, {2}}};
  auto seq = EncodePrompt(context, Bytes{5, 6}, 100);
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(seq->tokens,
            (std::vector<int32_t>{kBegin, kClientToServer, 1, kServerToClient,
                                  2, kClientToServer, 5, 6, kServerToClient}));
  EXPECT_EQ(seq->prompt_length, seq->tokens.size());
  // 9 tokens and one to answer need 10; with 9 the context goes.
  auto dropped = EncodePrompt(context, Bytes{5, 6}, 9);
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(dropped->tokens.size(), 5u);
  auto none = EncodePrompt({}, Bytes{5, 6}, 5);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(),
            "prompt needs 5 positions (and one to answer); the model has 5");
}

}  // namespace
}  // namespace protolm::lm
