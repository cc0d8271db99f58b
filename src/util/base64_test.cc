// Base64: RFC 4648's test vectors, binary round trips and refusals.
#include "util/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace protolm {
namespace {

Bytes Text(std::string_view s) { return Bytes(s.begin(), s.end()); }

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(EncodeBase64(Text(plain)), encoded);
    EXPECT_EQ(*DecodeBase64(encoded), Text(plain));
  }
}

TEST(Base64Test, EveryByteValueRoundTrips) {
  Bytes bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<uint8_t>(255 - i));
  for (size_t n = 0; n < 8; ++n) {
    Bytes part(bytes.begin(), bytes.begin() + 250 + n % 6);
    EXPECT_EQ(*DecodeBase64(EncodeBase64(part)), part);
  }
}

TEST(Base64Test, RefusesWhatIsNotBase64) {
  EXPECT_EQ(DecodeBase64("Zm9").status().message(),
            "base64: length 3 is not a multiple of 4");
  EXPECT_EQ(DecodeBase64("Zm9v!A==").status().message(),
            "base64: character 4 is not in the alphabet");
  EXPECT_EQ(DecodeBase64("Zg==Zm9v").status().message(),
            "base64: character 2 is not in the alphabet");
  EXPECT_EQ(DecodeBase64("Z===").status().message(),
            "base64: character 1 is not in the alphabet");
  EXPECT_EQ(DecodeBase64("Zm 9").status().code(), StatusCode::kMalformed);
}

}  // namespace
}  // namespace protolm
