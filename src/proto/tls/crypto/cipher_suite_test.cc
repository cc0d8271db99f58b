// Cipher suites from their IANA names: what each decrypted suite takes, and
// the suites that are not decrypted.
#include "proto/tls/crypto/cipher_suite.h"

#include <gtest/gtest.h>

namespace protolm::tls {
namespace {

TEST(CipherSuite, Tls13SuitesNameTheirHkdfHash) {
  std::optional<CipherSuite> s = CipherSuiteFromName("TLS_AES_256_GCM_SHA384");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->tls13);
  EXPECT_EQ(s->cipher, BulkCipher::kAes256Gcm);
  EXPECT_EQ(s->hash, Digest::kSha384);
  s = CipherSuiteFromName("TLS_CHACHA20_POLY1305_SHA256");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->cipher, BulkCipher::kChacha20Poly1305);
  EXPECT_EQ(s->hash, Digest::kSha256);
  EXPECT_EQ(KeySize(s->cipher), 32u);
}

TEST(CipherSuite, Tls12SuitesSkipTheKeyExchange) {
  std::optional<CipherSuite> s =
      CipherSuiteFromName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->tls13);
  EXPECT_EQ(s->cipher, BulkCipher::kAes128Gcm);
  EXPECT_EQ(PrfDigest(*s, 0x0303), Digest::kSha256);
  s = CipherSuiteFromName("TLS_PSK_WITH_AES_256_CBC_SHA384");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->cipher, BulkCipher::kAes256Cbc);
  EXPECT_EQ(s->hash, Digest::kSha384);  // the HMAC
  EXPECT_EQ(PrfDigest(*s, 0x0303), Digest::kSha384);
  s = CipherSuiteFromName("TLS_RSA_WITH_AES_128_CBC_SHA");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->hash, Digest::kSha1);
  EXPECT_EQ(DigestSize(s->hash), 20u);
  EXPECT_EQ(PrfDigest(*s, 0x0303), Digest::kSha256);
  EXPECT_EQ(PrfDigest(*s, 0x0301), Digest::kMd5Sha1);  // TLS 1.0 and 1.1
  s = CipherSuiteFromName("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
  ASSERT_TRUE(s);
  EXPECT_TRUE(IsAead(s->cipher));
  EXPECT_FALSE(IsAead(BulkCipher::kAes256Cbc));
}

TEST(CipherSuite, OthersAreNotDecrypted) {
  for (const char* name :
       {"TLS_AES_128_CCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
        "TLS_RSA_WITH_NULL_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        "TLS_RSA_WITH_AES_128_CCM", "TLS_AES_128_GCM_SHA", "0x1234", "", "TLS_",
        "TLS_X_WITH_AES_128_GCM", "TLS_AES_128_CBC_SHA256"}) {
    EXPECT_FALSE(CipherSuiteFromName(name)) << name;
  }
}

}  // namespace
}  // namespace protolm::tls
