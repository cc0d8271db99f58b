// HKDF-Expand-Label against RFC 8448's simple 1-RTT handshake, and the TLS
// 1.2 PRF against the test vectors circulated on the IETF TLS list
// (msg03416).
#include "proto/tls/crypto/kdf.h"

#include <gtest/gtest.h>

#include "testing/hex_bytes.h"

namespace protolm::tls {
namespace {

using testing::HexBytes;

TEST(HkdfExpandLabel, Rfc8448TrafficKeyAndIv) {
  // {server} derive write traffic keys for handshake data.
  const Bytes secret = HexBytes(
      "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
  Result<Bytes> key = HkdfExpandLabel(Digest::kSha256, secret, "key", {}, 16);
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(*key, HexBytes("3fce516009c21727d0f2e4e86ee403bc"));
  Result<Bytes> iv = HkdfExpandLabel(Digest::kSha256, secret, "iv", {}, 12);
  ASSERT_TRUE(iv.ok());
  EXPECT_EQ(*iv, HexBytes("5d313eb2671276ee13000b30"));
}

TEST(HkdfExpandLabel, Rfc8448DerivedSecretWithAContext) {
  // Derive-Secret(early secret, "derived", "") = HKDF-Expand-Label with
  // the hash of no messages as the context.
  const Bytes early = HexBytes(
      "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
  const Bytes empty_hash = HexBytes(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Result<Bytes> derived =
      HkdfExpandLabel(Digest::kSha256, early, "derived", empty_hash, 32);
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(*derived, HexBytes("6f2615a108c702c5678f54fc9dbab69716c076189c48"
                               "250cebeac3576c3611ba"));
}

TEST(HkdfExpandLabel, RefusesWhatTheLabelStructCannotHold) {
  const Bytes secret(32, 1);
  EXPECT_FALSE(
      HkdfExpandLabel(Digest::kSha256, secret, std::string(250, 'x'), {}, 16)
          .ok());
  EXPECT_FALSE(
      HkdfExpandLabel(Digest::kSha256, secret, "key", Bytes(256, 0), 16).ok());
}

TEST(TlsPrf, Sha256AndSha384TestVectors) {
  Result<Bytes> sha256 =
      TlsPrf(Digest::kSha256, HexBytes("9bbe436ba940f017b17652849a71db35"),
             "test label", HexBytes("a0ba9f936cda311827a6f796ffd5198c"), 100);
  ASSERT_TRUE(sha256.ok()) << sha256.status().message();
  EXPECT_EQ(*sha256,
            HexBytes("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4"
                     "e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17"
                     "abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d1"
                     "22ee42c5a72e5a5110fff70187347b66"));
  Result<Bytes> sha384 =
      TlsPrf(Digest::kSha384, HexBytes("b80b733d6ceefcdc71566ea48e5567df"),
             "test label", HexBytes("cd665cf6a8447dd6ff8b27555edb7465"), 32);
  ASSERT_TRUE(sha384.ok());
  EXPECT_EQ(*sha384, HexBytes("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb"
                              "5fd7942107e81c83cd"));
}

}  // namespace
}  // namespace protolm::tls
