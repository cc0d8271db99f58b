// SHA-256 against the FIPS 180-4 example digests.
#include "util/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace protolm {
namespace {

ByteView Text(const std::string& s) {
  return ByteView(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

TEST(Sha256Test, KnownDigests) {
  EXPECT_EQ(Sha256Hex(Text("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex(Text("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      Sha256Hex(Text(
          "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, IncrementalEqualsOneShot) {
  std::string text(1000, 'a');
  for (size_t i = 0; i < text.size(); ++i) text[i] = char('a' + i % 26);
  Sha256 hasher;
  for (size_t i = 0; i < text.size(); i += 37)
    hasher.Update(Text(text.substr(i, 37)));
  EXPECT_EQ(hasher.Hex(), Sha256Hex(Text(text)));
}

TEST(Sha256Test, MissingFileIsAnError) {
  auto digest = Sha256OfFile("/nonexistent/dataset.jsonl");
  ASSERT_FALSE(digest.ok());
  EXPECT_NE(digest.status().message().find("/nonexistent/dataset.jsonl"),
            std::string::npos);
}

}  // namespace
}  // namespace protolm
