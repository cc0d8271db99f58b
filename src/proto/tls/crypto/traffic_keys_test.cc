// Traffic keys from key log secrets: TLS 1.3 keys and IVs against RFC
// 8448 and against what tshark derived from the committed recordings'
// key logs (tls.debug_file), the KeyUpdate secret chain against the
// updated secrets OpenSSL itself logged (CLIENT_TRAFFIC_SECRET_N), and TLS
// 1.0/1.2 key blocks against tshark's key expansion.
#include "proto/tls/crypto/traffic_keys.h"

#include <gtest/gtest.h>

#include "testing/hex_bytes.h"

namespace protolm::tls {
namespace {

using testing::HexBytes;

CipherSuite Suite(const char* name) {
  std::optional<CipherSuite> suite = CipherSuiteFromName(name);
  EXPECT_TRUE(suite) << name;
  return suite.value_or(CipherSuite{});
}

void ExpectKeys(const CipherSuite& suite, const char* secret, const char* key,
                const char* iv) {
  Result<TrafficKeys> keys = Tls13TrafficKeys(suite, HexBytes(secret));
  ASSERT_TRUE(keys.ok()) << keys.status().message();
  EXPECT_EQ(keys->key, HexBytes(key)) << secret;
  EXPECT_EQ(keys->iv, HexBytes(iv)) << secret;
  EXPECT_TRUE(keys->mac_key.empty());
}

TEST(Tls13TrafficKeys, Rfc8448AllFourSecrets) {
  const CipherSuite suite = Suite("TLS_AES_128_GCM_SHA256");
  ExpectKeys(suite,
             "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38",
             "3fce516009c21727d0f2e4e86ee403bc", "5d313eb2671276ee13000b30");
  ExpectKeys(suite,
             "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21",
             "dbfaa693d1762c5b666af5d950258d01", "5bd3c71b836e0b76bb73265f");
  ExpectKeys(suite,
             "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643",
             "9f02283b6c9c07efc26bb9f2ac92e356", "cf782b88dd83549aadf1e984");
  ExpectKeys(suite,
             "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5",
             "17422dda596ed5d9acd890e3c63f5051", "5b78923dee08579033e523d9");
}

TEST(Tls13TrafficKeys, ChaChaAndAes256AsTsharkDerivesThem) {
  ExpectKeys(Suite("TLS_CHACHA20_POLY1305_SHA256"),  // testdata/c13ku
             "940e11b2138602e8cfd1a487e399cfb4d309304b82d37c503f83685a3d5bf7bc",
             "60b0a149381074e0ffadbddbfb9eb408587182ab483d5911893a23eb2ebe7dd1",
             "a62c4d1958bc196da530c4c5");
  ExpectKeys(Suite("TLS_AES_256_GCM_SHA384"),  // illustrated TLS 1.3
             "23323da031634b241dd37d61032b62a4f450584d1f7f47983ba2f7cc0cdcc39a"
             "68f481f2b019f9403a3051908a5d1622",
             "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f",
             "9563bc8b590f671f488d2da3");
}

TEST(Tls13TrafficKeys, ASecretOfAnotherHashIsMalformed) {
  Result<TrafficKeys> keys =
      Tls13TrafficKeys(Suite("TLS_AES_256_GCM_SHA384"), Bytes(32, 7));
  ASSERT_FALSE(keys.ok());
  EXPECT_EQ(keys.status().code(), StatusCode::kMalformed);
  EXPECT_EQ(keys.status().message(),
            "a 32-byte traffic secret for a suite hashing with SHA384");
}

TEST(NextTrafficSecret, TheChainOpenSslLogged) {
  // testdata/c13ku.keys: CLIENT_TRAFFIC_SECRET_0, then the two
  // CLIENT_TRAFFIC_SECRET_N lines after the client's KeyUpdates, and the
  // server's first SERVER_TRAFFIC_SECRET_N after its own.
  const CipherSuite suite = Suite("TLS_CHACHA20_POLY1305_SHA256");
  Result<Bytes> first = NextTrafficSecret(
      suite, HexBytes("9132e23c7fd46438c9e7f5fe48ec51330b05f54b174e67458885da"
                      "11e818d6f7"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, HexBytes("e6edc7637004262a24c7cc13745c75aac2aaa036810f10"
                             "3d774a256a34a1dd01"));
  Result<Bytes> second = NextTrafficSecret(suite, *first);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, HexBytes("98226cf796801c417baaa95c1fe60079025b224f7582"
                              "390fb44ef5900f46ebb8"));
  Result<Bytes> server = NextTrafficSecret(
      suite, HexBytes("d2ae712e3353ac32c944dc390757d577279bf92c99fad8a374a822"
                      "2e41512f91"));
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(*server, HexBytes("fb03432716ce73ab34fdcda7a07f19782ee60eea77dea1"
                              "a69b012838f2986195"));
}

TEST(Tls12KeyBlock, ChaChaKeysAndTwelveByteIvs) {  // testdata/c12chacha
  Result<KeyBlock> block = Tls12KeyBlock(
      Suite("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), 0x0303,
      HexBytes("531ba3c14fb0744c7fd39cb29152ef43a0c6296fd57fa948f1928e06cdb3cf"
               "6a1d4f21258797da78d39112fd2420db45"),
      HexBytes("d9ce0a55dc2227b41a1cc0b8724f999ad496f0b2a15cdd6986fa32f6585709"
               "a1"),
      HexBytes("4e3a09b9bae479543ce6f1b6769d34636d56f738df599d00444f574e475244"
               "01"));
  ASSERT_TRUE(block.ok()) << block.status().message();
  EXPECT_EQ(block->client.key, HexBytes("d4fb7e0db474ffba5e1f348178d68c109262"
                                        "62713984ce0abaaaed724d0fe7f0"));
  EXPECT_EQ(block->server.key, HexBytes("a384444e248cf82ea2e2670e67fd1246f970"
                                        "e0e0ef0f35351751105880188b58"));
  EXPECT_EQ(block->client.iv, HexBytes("24e534111f2d4d66ac7c857d"));
  EXPECT_EQ(block->server.iv, HexBytes("50cc9fbe60ea09d1076b2c9d"));
  EXPECT_TRUE(block->client.mac_key.empty());
}

TEST(Tls12KeyBlock, CbcMacKeysAndNoIvSinceTls11) {  // testdata/c12cbc256
  Result<KeyBlock> block = Tls12KeyBlock(
      Suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), 0x0303,
      HexBytes("8b3bf7757a4f528a30961c4056376a12a8a55c4c125056aba711bfffe959b9"
               "1b636fcc241490d5fbc19d1224efee21c3"),
      HexBytes("60103501ff423e33218c596aa1ab5272a8df02fd163b0b610740a7781f1222"
               "41"),
      HexBytes("18fe73c4de806f6ffc8ed102f99dc4bd7893bb1407b24b63444f574e475244"
               "01"));
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(block->client.mac_key,
            HexBytes("f62d528f58440b6ca7e1f09e45cbfd43"
                     "a118c8e43cbf64a41b1be2cff14cf4bb"));
  EXPECT_EQ(block->server.mac_key,
            HexBytes("bf1772074eb3bf2712e0053b44d1d11d"
                     "37f23ae7c8df8adbc837700befe0619c"));
  EXPECT_EQ(block->client.key, HexBytes("f99b452c648537db393386673a9337a2"));
  EXPECT_EQ(block->server.key, HexBytes("1ee87afa88cb2c19be24b1f1813894a8"));
  EXPECT_TRUE(block->client.iv.empty());
}

TEST(Tls12KeyBlock, Tls10UsesMd5Sha1AndAnIv) {  // shared recorded/o10
  Result<KeyBlock> block = Tls12KeyBlock(
      Suite("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"), 0x0301,
      HexBytes("f32117e25a2ecef10de5a9a0da293792149e04ada970a8aa2092b4de9574ed"
               "447f9f9319947f8e1fc42468a720cadab8"),
      HexBytes("945e9f957e9e1777f9585f8d6fcdafb1177729f7e14eb81ee094d4a8e83ce5"
               "a9"),
      HexBytes("c6d2b9f60cdd10aaca1792f6d7f21c465ca9d6f8f928a227444f574e475244"
               "00"));
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(block->client.mac_key,
            HexBytes("99cae59155e9c99f183ebe62c10241b706b809a3"));
  EXPECT_EQ(block->server.mac_key,
            HexBytes("3a27074cdc0272b91447db997d11ceb800c4edd6"));
  EXPECT_EQ(block->client.key, HexBytes("51f0b6d68fba2dc8d55613494ae3cc602b71"
                                        "de0691a093577de3dfa6c0f1d8cd"));
  EXPECT_EQ(block->server.key, HexBytes("8e184996bf692ffdf62ed371ca3774ba576f"
                                        "edd36961e06c9f2b9eafe5ef3683"));
  EXPECT_EQ(block->client.iv, HexBytes("63db6ae98d6e8cb26da31b6563187bf1"));
  EXPECT_EQ(block->server.iv, HexBytes("7fb7692add884ff636d2b52825c719df"));
}

}  // namespace
}  // namespace protolm::tls
