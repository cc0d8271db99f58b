// Opening records of each suite protolm decrypts, golden: TLS 1.3
// AES-128-GCM records of RFC 8448, and for the other suites records from
// recorded sessions with the keys and plaintext tshark derived for them
// (tls.debug_file; testdata/ and shared/data's recordings), so neither the
// keys nor the plaintext come from this code. Then what must fail without
// changing anything: other keys, damage, short records, bad padding.
#include "proto/tls/crypto/record_cipher.h"

#include <gtest/gtest.h>

#include "testing/hex_bytes.h"

namespace protolm::tls {
namespace {

using testing::HexBytes;

constexpr uint8_t kHandshake = 22;
constexpr uint8_t kApplicationData = 23;
constexpr uint8_t kAlert = 21;

std::unique_ptr<RecordCipher> Make(const char* suite_name, uint16_t version,
                                   const char* key, const char* iv,
                                   const char* mac_key = "",
                                   bool encrypt_then_mac = false) {
  std::optional<CipherSuite> suite = CipherSuiteFromName(suite_name);
  EXPECT_TRUE(suite) << suite_name;
  if (!suite) return nullptr;
  Result<std::unique_ptr<RecordCipher>> cipher = NewRecordCipher(
      *suite, version,
      TrafficKeys{HexBytes(key), HexBytes(iv), HexBytes(mac_key)},
      encrypt_then_mac);
  EXPECT_TRUE(cipher.ok()) << cipher.status().message();
  return cipher.ok() ? std::move(cipher).value() : nullptr;
}

struct Opened {
  uint8_t type = 0;
  Bytes plaintext;
  bool operator==(const Opened&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Opened& o) {
  return os << int{o.type} << ":" << ToHex(o.plaintext);
}

/// The record with header `type`/`version` and body `body`, opened as
/// number `seq`; type 0 and the error when it does not open.
Opened Open(RecordCipher& cipher, uint8_t type, uint16_t version, uint64_t seq,
            const Bytes& body) {
  Bytes out;
  Result<uint8_t> opened = cipher.Open(type, version, body, seq, out);
  if (!opened.ok()) {
    const std::string& m = opened.status().message();
    return Opened{0, Bytes(m.begin(), m.end())};
  }
  return Opened{*opened, out};
}

Opened Plain(uint8_t type, const Bytes& plaintext) {
  return Opened{type, plaintext};
}

Bytes Counting(size_t n) {
  Bytes out(n);
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(i);
  return out;
}

TEST(RecordCipher, Tls13Aes128GcmRfc8448) {
  // {client} Finished under the handshake keys; application data (0..49)
  // and close_notify under the application keys.
  auto handshake =
      Make("TLS_AES_128_GCM_SHA256", 0x0304, "dbfaa693d1762c5b666af5d950258d01",
           "5bd3c71b836e0b76bb73265f");
  ASSERT_NE(handshake, nullptr);
  EXPECT_EQ(Open(*handshake, kApplicationData, 0x0303, 0,
                 HexBytes("75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a"
                          "4bfc44d87f38f80338ac98fc46deb384bd1caeacab6867d726"
                          "c40546")),
            Plain(kHandshake,
                  HexBytes("14000020a8ec436d677634ae525ac1fcebe11a039ec17694fa"
                           "c6e98527b642f2edd5ce61")));
  auto application =
      Make("TLS_AES_128_GCM_SHA256", 0x0304, "17422dda596ed5d9acd890e3c63f5051",
           "5b78923dee08579033e523d9");
  ASSERT_NE(application, nullptr);
  EXPECT_EQ(Open(*application, kApplicationData, 0x0303, 0,
                 HexBytes("a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bc"
                          "ab3f2b9819a8a5b46b395bd54a9a20441e2b62974e1f5a6292"
                          "a2977014bd1e3deae63aeebb21694915e4")),
            Plain(kApplicationData, Counting(50)));
  EXPECT_EQ(Open(*application, kApplicationData, 0x0303, 1,
                 HexBytes("c9872760655666b74d7ff1153efd6db6d0b0e3")),
            Plain(kAlert, HexBytes("0100")));
}

TEST(RecordCipher, Tls13Aes256GcmAndChaCha) {
  auto aes = Make(  // illustrated TLS 1.3: EncryptedExtensions
      "TLS_AES_256_GCM_SHA384", 0x0304,
      "9f13575ce3f8cfc1df64a77ceaffe89700b492ad31b4fab01c4792be1b266b7f",
      "9563bc8b590f671f488d2da3");
  ASSERT_NE(aes, nullptr);
  EXPECT_EQ(Open(*aes, kApplicationData, 0x0303, 0,
                 HexBytes("6be02f9da7c2dc9ddef56f2468b90adfa25101ab0344ae")),
            Plain(kHandshake, HexBytes("080000020000")));
  auto chacha = Make(  // testdata/c13ku: the server's Finished, record 3
      "TLS_CHACHA20_POLY1305_SHA256", 0x0304,
      "a4d3259ac4ffce66fb12fae4742a5e801f403f50dfcccf436dc7015906689be4",
      "ab43a5af59be95cf5f6e26e2");
  ASSERT_NE(chacha, nullptr);
  EXPECT_EQ(Open(*chacha, kApplicationData, 0x0303, 3,
                 HexBytes("5ca253290b8ffa658902eb96c89a2d794446aab8fd7ba5f450"
                          "c65c245f5028d029960e645197cdd4b4b3e0fcda28aa5c94e2"
                          "276c4c")),
            Plain(kHandshake,
                  HexBytes("14000020d28c2d1f7bbb0500d02ba09dc308ac42a2e45ef0e8"
                           "4eeae0b9d71f18653805c7")));
}

TEST(RecordCipher, Tls12Gcm) {
  auto aes128 = Make(  // testdata/c12reneg: the client's Finished
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0x0303,
      "87dc21868420787daee402391787e0d7", "3b95da21");
  ASSERT_NE(aes128, nullptr);
  EXPECT_EQ(Open(*aes128, kHandshake, 0x0303, 0,
                 HexBytes("04f08f66517971d04793cb8ccf8ab67e0f1f168fa2687f80d7"
                          "072847d9f497962003590bfdfaee52")),
            Plain(kHandshake, HexBytes("1400000c0bfe9e7c3189be048df1fc56")));
  auto aes256 = Make(  // recorded/g12 (GnuTLS): the client's Finished
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0x0303,
      "961a0645d74b921bea0afdc9122bc7ea6ea8fd937d8b0d86f66ad2fc538f90c6",
      "0ff1a08f");
  ASSERT_NE(aes256, nullptr);
  EXPECT_EQ(Open(*aes256, kHandshake, 0x0303, 0,
                 HexBytes("000000000000000005a5f14891a6eac80d875602c0f522e65f"
                          "f65b7b85af5eb4ac9f7b893d898781")),
            Plain(kHandshake, HexBytes("1400000c3543124a7051b71625fbe416")));
}

TEST(RecordCipher, Tls12ChaCha) {  // testdata/c12chacha
  auto client =
      Make("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0x0303,
           "d4fb7e0db474ffba5e1f348178d68c10926262713984ce0abaaaed724d0fe7f0",
           "24e534111f2d4d66ac7c857d");
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Open(*client, kHandshake, 0x0303, 0,
                 HexBytes("7bc624500b0e2209b0810bafc3f01969a0abf59858bdf29987"
                          "44166a5a54ee86")),
            Plain(kHandshake, HexBytes("1400000c6ca7512a617f2c485d94316f")));
  auto server =
      Make("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0x0303,
           "a384444e248cf82ea2e2670e67fd1246f970e0e0ef0f35351751105880188b58",
           "50cc9fbe60ea09d1076b2c9d");
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Open(*server, kApplicationData, 0x0303, 1,
                 HexBytes("55f75de4815751692497faf83b485010ffff4405127a4b30c8"
                          "9c577e")),
            Plain(kApplicationData, HexBytes("7365727665722d646174610a")));
}

TEST(RecordCipher, Tls12CbcMacThenEncrypt) {
  auto sha384 = Make(  // testdata/c12cbc384
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0x0303,
      "ab50c17b88ba3d4d98b286948e9ad3ca947562456153eeae7f047c3f8d33624c", "",
      "88598e1fba1bd2b1ed147bfd1eac9b7288fcb8ebab154bfd44af92f66354f35d006b"
      "17752aef44be9309a1bc29127560");
  ASSERT_NE(sha384, nullptr);
  EXPECT_EQ(Open(*sha384, kHandshake, 0x0303, 0,
                 HexBytes("c9869316562d62dac6853afff8fc2863f2b639b978ba53a15e"
                          "6b5aca84d22b284ac081a55816c9a86d415823caaa92042451"
                          "226a38d9bddfd0aa655a7cfb764afb6e5c75a4e4e6ad5f9513"
                          "d928c9f09bc63288b4b0de27f88ab899e12d19add8")),
            Plain(kHandshake, HexBytes("1400000c6879b8e205334d9b0d0ce173")));
  auto sha1 = Make(  // illustrated TLS 1.2
      "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0x0303,
      "f656d037b173ef3e11169f27231a84b6", "",
      "1b7d117c7d5f690bc263cae8ef60af0f1878acc2");
  ASSERT_NE(sha1, nullptr);
  EXPECT_EQ(Open(*sha1, kHandshake, 0x0303, 0,
                 HexBytes("404142434445464748494a4b4c4d4e4f227bc9ba81ef30f2a8"
                          "a78ff1df50844d5804b7eeb2e214c32b6892aca3db7b78077f"
                          "dd90067c516bacb3ba90dedf720f")),
            Plain(kHandshake, HexBytes("1400000ccf919626f1360c536aaad73a")));
}

TEST(RecordCipher, Tls12CbcEncryptThenMac) {  // testdata/c12cbc256
  auto cipher = Make(
      "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0x0303,
      "f99b452c648537db393386673a9337a2", "",
      "f62d528f58440b6ca7e1f09e45cbfd43a118c8e43cbf64a41b1be2cff14cf4bb", true);
  ASSERT_NE(cipher, nullptr);
  EXPECT_EQ(Open(*cipher, kHandshake, 0x0303, 0,
                 HexBytes("e93ba2f2eff667c0f91ae1824080994e22cef5b9cdde80dbbf"
                          "24fe4120f716bdd58b9c4bc5ff4ee9b7e503089eceb7e2b3f1"
                          "46c6423050438a25f918bb588b0dd8ddf0a25b27907c4877a8"
                          "0445f63ad1")),
            Plain(kHandshake, HexBytes("1400000cc6a2a54530e1f702905341ec")));
}

TEST(RecordCipher, Tls10ChainsTheIvAcrossRecords) {
  // recorded/o10 (OpenSSL, TLS 1.0, encrypt-then-MAC): the client's
  // Finished, an empty record (the 0/n split) and the request.
  auto cipher =
      Make("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 0x0301,
           "51f0b6d68fba2dc8d55613494ae3cc602b71de0691a093577de3dfa6c0f1d8cd",
           "63db6ae98d6e8cb26da31b6563187bf1",
           "99cae59155e9c99f183ebe62c10241b706b809a3", true);
  ASSERT_NE(cipher, nullptr);
  const Bytes finished = HexBytes(
      "b36c862ba36cb44291ed68b773e5fa1d3f6f63589074e9769838611d3b0e9b72eab120"
      "83c3af1f8043dffb7124094589ad015327");
  const Bytes empty = HexBytes(
      "7005bfa4e1b48e9970d16a100277073341d06a424050b0abc8631db1c62ff9b06ee2d4"
      "9d");
  const Bytes request = HexBytes(
      "f6f38bd123870822882753f50c5109f0f1ffcb9efdb100bc0413f8561dc271f6aeebde"
      "8d7d786a90d57c991f57b2f34c325307fb");
  EXPECT_EQ(Open(*cipher, kHandshake, 0x0301, 0, finished),
            Plain(kHandshake, HexBytes("1400000ce7e1005fc73963d2dd48b42b")));
  // A record that does not open leaves the chained IV as it was.
  EXPECT_EQ(Open(*cipher, kApplicationData, 0x0301, 7, empty).type, 0);
  EXPECT_EQ(Open(*cipher, kApplicationData, 0x0301, 1, empty),
            Plain(kApplicationData, {}));
  EXPECT_EQ(Open(*cipher, kApplicationData, 0x0301, 2, request),
            Plain(kApplicationData,
                  HexBytes("474554202f20485454502f312e300d0a0d0a")));
}

TEST(RecordCipher, WhatDoesNotOpen) {
  auto aead =
      Make("TLS_AES_128_GCM_SHA256", 0x0304, "dbfaa693d1762c5b666af5d950258d01",
           "5bd3c71b836e0b76bb73265f");
  ASSERT_NE(aead, nullptr);
  Bytes record = HexBytes(
      "75ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac"
      "98fc46deb384bd1caeacab6867d726c40546");
  const std::string unauthentic = "record does not authenticate";
  auto message = [](const Opened& o) {
    return std::string(o.plaintext.begin(), o.plaintext.end());
  };
  EXPECT_EQ(message(Open(*aead, kApplicationData, 0x0303, 1, record)),
            unauthentic);  // another sequence number
  EXPECT_EQ(message(Open(*aead, kHandshake, 0x0303, 0, record)),
            unauthentic);  // another header
  Bytes damaged = record;
  damaged[3] ^= 1;
  EXPECT_EQ(message(Open(*aead, kApplicationData, 0x0303, 0, damaged)),
            unauthentic);
  EXPECT_EQ(message(Open(*aead, kApplicationData, 0x0303, 0, Bytes(15, 0))),
            "record of 15 bytes is shorter than its nonce and tag");
  EXPECT_EQ(Open(*aead, kApplicationData, 0x0303, 0, record).type, kHandshake);

  auto cbc = Make("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 0x0303,
                  "f99b452c648537db393386673a9337a2", "",
                  "f62d528f58440b6ca7e1f09e45cbfd43a118c8e43cbf64a41b1be2cff1"
                  "4cf4bb");
  ASSERT_NE(cbc, nullptr);
  for (size_t size : {0, 15, 16, 17, 31, 33}) {
    EXPECT_EQ(message(Open(*cbc, kHandshake, 0x0303, 0, Bytes(size, 0x41))),
              unauthentic)
        << size;
  }
}

TEST(RecordCipher, KeysOfTheWrongSizeAreRefused) {
  std::optional<CipherSuite> suite =
      CipherSuiteFromName("TLS_AES_128_GCM_SHA256");
  ASSERT_TRUE(suite);
  EXPECT_FALSE(NewRecordCipher(*suite, 0x0304,
                               TrafficKeys{Bytes(32), Bytes(12), {}}, false)
                   .ok());
  EXPECT_FALSE(NewRecordCipher(*suite, 0x0304,
                               TrafficKeys{Bytes(16), Bytes(4), {}}, false)
                   .ok());
}

}  // namespace
}  // namespace protolm::tls
