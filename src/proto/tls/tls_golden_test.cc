// Golden tests: hand-written TLS records (bytes in this file, the layers'
// lengths computed by the helpers) dissect to the expected trees, tokens and
// PduInfo: a ClientHello with most extensions of the IANA registry, a TLS
// 1.3 ServerHello, a HelloRetryRequest, the other handshake messages in
// their version forms, alerts, ChangeCipherSpec, heartbeats, application
// data and an SSLv2-compatible ClientHello.
#include <gtest/gtest.h>

#include <string>

#include "proto/tls/tls_codec.h"
#include "proto/tls/tls_test_util.h"

namespace protolm::tls {
namespace {

using testing::DissectChecked;
using testing::Extension;
using testing::Hex;
using testing::Join;
using testing::Message;
using testing::Numbers;
using testing::Record;
using testing::Vec;

constexpr Direction kC2s = Direction::kClientToServer;
constexpr Direction kS2c = Direction::kServerToClient;

const Bytes kRandom =
    Hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const Bytes kKey32 =
    Hex("1111111111111111111111111111111111111111111111111111111111111111");

Bytes ClientHelloBody() {
  return Join({
      Hex("0303"), kRandom, Vec(1, kKey32),
      Vec(2, Hex("13011302c02f0a0a00ff")),  // 4 suites, GREASE, SCSV
      Vec(1, Hex("00")),
      Vec(2, Join({
                 Extension(0x0000, Hex("000e00000b6578616d706c652e636f6d")),
                 Extension(0x000a, Hex("0006001d00170a0a")),
                 Extension(0x000b, Hex("0100")),
                 Extension(0x000d, Hex("0006040308043a3a")),
                 Extension(0x0010, Hex("000c02683208687474702f312e31")),
                 Extension(0x0005, Hex("0100000000")),
                 Extension(0x0012, {}),
                 Extension(0x0016, {}),
                 Extension(0x0017, {}),
                 Extension(0x0023, {}),
                 Extension(0x002b, Hex("0403040303")),
                 Extension(0x002c, Hex("0002abcd")),
                 Extension(0x002d, Hex("0101")),
                 Extension(0x002f, Hex("000500033031ff")),
                 Extension(0x0031, {}),
                 Extension(0x0032, Hex("00020807")),
                 Extension(0x0033, Join({Hex("0024001d0020"), kKey32})),
                 Extension(0xff01, Hex("00")),
                 Extension(0x1a1a, {}),
                 Extension(0xfe0d, Hex("0000010001070004aabbccdd0002eeff")),
                 Extension(0xabcd, Hex("00")),
                 Extension(0x0015, Hex("000000")),
                 Extension(0x002a, {}),
                 Extension(0x0029, Join({Hex("000a000401020304000000010021"),
                                         Hex("20"), kKey32})),
             })),
  });
}

TEST(TlsGolden, ClientHelloWithEveryCommonExtension) {
  const Bytes record = Record(22, 0x0301, Message(1, ClientHelloBody()));
  EXPECT_EQ(TlsCodec().DetectScore(record), 95);
  FrameResult frame = TlsCodec().Frame(record);
  ASSERT_EQ(frame.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(frame.length, record.size());
  Dissection d = DissectChecked(record, kC2s);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString() << "\n" << RenderTree(d.tree);
  EXPECT_EQ(d.info.role, PduRole::kEvent);
  EXPECT_EQ(d.info.function, "client_hello");
  EXPECT_FALSE(d.info.pair_key.has_value());
  EXPECT_EQ(Abstract(d.tree, 2), "tls content_type=handshake msg_type=client_hello");
  EXPECT_EQ(
      Abstract(d.tree, 3),
      "tls content_type=handshake msg_type=client_hello version=TLSv1.2 "
      "extension_type=server_name extension_type=supported_groups "
      "extension_type=ec_point_formats extension_type=signature_algorithms "
      "extension_type=application_layer_protocol_negotiation "
      "extension_type=status_request "
      "extension_type=signed_certificate_timestamp "
      "extension_type=encrypt_then_mac extension_type=extended_master_secret "
      "extension_type=session_ticket extension_type=supported_versions "
      "version=TLSv1.3 version=TLSv1.2 extension_type=cookie "
      "extension_type=psk_key_exchange_modes "
      "extension_type=certificate_authorities "
      "extension_type=post_handshake_auth "
      "extension_type=signature_algorithms_cert extension_type=key_share "
      "extension_type=renegotiation_info extension_type=grease_0x1a1a "
      "extension_type=encrypted_client_hello extension_type=43981 "
      "extension_type=padding extension_type=early_data "
      "extension_type=pre_shared_key");
  const Field& hello = d.tree.children.at(1);
  EXPECT_EQ(hello.name, "handshake");
  EXPECT_EQ(hello.offset, 5u);
  EXPECT_EQ(hello.length, record.size() - 5);
  EXPECT_EQ(hello.Find("host_name")->value, "example.com");
  const Field* suites = hello.Find("cipher_suites");
  ASSERT_EQ(suites->children.size(), 5u);
  EXPECT_EQ(suites->children[0].value, "TLS_AES_128_GCM_SHA256");
  EXPECT_EQ(suites->children[2].value, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(suites->children[3].value, "grease_0x0a0a");
  EXPECT_EQ(suites->children[4].value, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  // The first suite's bytes: header 5 + 4, version 2, random 32, id 1 + 32,
  // suites length 2.
  EXPECT_EQ(suites->children[0].offset, 5u + 4 + 2 + 32 + 33 + 2);
  const Field* groups = hello.Find("named_group_list");
  ASSERT_EQ(groups->children.size(), 3u);
  EXPECT_EQ(groups->children[0].value, "x25519");
  EXPECT_EQ(groups->children[1].value, "secp256r1");
  EXPECT_EQ(groups->children[2].value, "grease_0x0a0a");
  const Field* schemes = hello.Find("supported_signature_algorithms");
  EXPECT_EQ(schemes->children[0].value, "ecdsa_secp256r1_sha256");
  EXPECT_EQ(schemes->children[1].value, "rsa_pss_rsae_sha256");
  EXPECT_EQ(schemes->children[2].value, "grease_0x3a3a");
  EXPECT_EQ(hello.Find("protocol")->value, "h2");
  EXPECT_EQ(hello.Find("ke_mode")->value, "psk_dhe_ke");
  EXPECT_EQ(hello.Find("group")->value, "x25519");
  EXPECT_EQ(hello.Find("ech_client_hello_type")->value, "outer");
  EXPECT_EQ(hello.NumberAt("padding_length"), 3);
  EXPECT_EQ(hello.NumberAt("obfuscated_ticket_age"), 1);
  EXPECT_EQ(hello.Find("identity")->value, "0x01020304");
}

Bytes ServerHelloBody(const Bytes& random, const Bytes& extensions) {
  return Join({Hex("0303"), random, Vec(1, kKey32), Hex("1301"), Hex("00"),
               Vec(2, extensions)});
}

TEST(TlsGolden, Tls13ServerHello) {
  const Bytes record = Record(
      22, 0x0303,
      Message(2, ServerHelloBody(
                     kRandom, Join({Extension(0x002b, Hex("0304")),
                                    Extension(0x0033, Join({Hex("001d0020"),
                                                            kKey32}))}))));
  EXPECT_EQ(TlsCodec().DetectScore(record), 95);
  Dissection d = DissectChecked(record, kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.role, PduRole::kEvent);
  EXPECT_EQ(d.info.function, "server_hello");
  EXPECT_EQ(Abstract(d.tree, 3),
            "tls content_type=handshake msg_type=server_hello version=TLSv1.2 "
            "cipher_suite=TLS_AES_128_GCM_SHA256 "
            "extension_type=supported_versions selected_version=TLSv1.3 "
            "extension_type=key_share");
  EXPECT_EQ(d.tree.Find("key_exchange")->length, 32u);
}

TEST(TlsGolden, HelloRetryRequestIsAServerHelloWithTheSpecialRandom) {
  const Bytes hrr_random = Hex(
      "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
  const Bytes record = Record(
      22, 0x0303,
      Message(2, ServerHelloBody(hrr_random,
                                 Join({Extension(0x002b, Hex("0304")),
                                       Extension(0x0033, Hex("0017")),
                                       Extension(0x002c, Hex("0004deadbeef"))}))));
  Dissection d = DissectChecked(record, kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "hello_retry_request");
  EXPECT_EQ(d.tree.Find("handshake.msg_type")->value, "hello_retry_request");
  EXPECT_EQ(d.tree.NumberAt("handshake.msg_type"), 2);
  EXPECT_EQ(d.tree.Find("selected_group")->value, "secp256r1");
  EXPECT_EQ(d.tree.Find("cookie")->value, "0xdeadbeef");
}

TEST(TlsGolden, DraftServerHelloHasNoSessionIdNorCompression) {
  const Bytes body = Join({Hex("7f17"), kRandom, Hex("1301"),
                           Vec(2, Extension(0x0033, Join({Hex("001d0020"), kKey32})))});
  Dissection d = DissectChecked(Record(22, 0x0301, Message(2, body)), kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.Find("handshake.version")->value, "TLSv1.3-draft23");
}

struct MessageCase {
  const char* name;
  uint8_t type;
  const char* body_hex;
  const char* expected_field;  // a field the body must have ("" for none)
  const char* expected_value;
};

void PrintTo(const MessageCase& c, std::ostream* os) { *os << c.name; }

class TlsHandshakeMessages : public ::testing::TestWithParam<MessageCase> {};

TEST_P(TlsHandshakeMessages, DissectWhole) {
  const MessageCase& c = GetParam();
  const Bytes record = Record(22, 0x0303, Message(c.type, Hex(c.body_hex)));
  Dissection d = DissectChecked(record, kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString() << "\n" << RenderTree(d.tree);
  EXPECT_EQ(d.info.function, c.name);
  EXPECT_EQ(d.tree.Find("handshake.msg_type")->value, c.name);
  if (*c.expected_field != '\0') {
    const Field* field = d.tree.Find(c.expected_field);
    ASSERT_NE(field, nullptr) << RenderTree(d.tree);
    EXPECT_EQ(field->value, c.expected_value);
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryType, TlsHandshakeMessages,
    ::testing::Values(
        MessageCase{"hello_request", 0, "", "", ""},
        MessageCase{"end_of_early_data", 5, "", "", ""},
        MessageCase{"server_hello_done", 14, "", "", ""},
        // TLS 1.2: lifetime hint, ticket.
        MessageCase{"new_session_ticket", 4, "0000012c0003aabbcc", "ticket",
                    "0xaabbcc"},
        // TLS 1.3: lifetime, age_add, nonce, ticket, early_data extension.
        MessageCase{"new_session_ticket", 4,
                    "00001c200102030401000002aabb0008002a000400004000",
                    "max_early_data_size", "16384"},
        MessageCase{"encrypted_extensions", 8,
                    "0009001000050003026832", "protocol", "h2"},
        // TLS 1.2: one certificate of 3 bytes.
        MessageCase{"certificate", 11, "000006000003308201", "certificates", "1"},
        // TLS 1.3: empty context, one entry with a status_request extension.
        MessageCase{"certificate", 11,
                    "0000001000000330820100080005000401000000",
                    "certificates", "1"},
        MessageCase{"server_key_exchange", 12, "03001d04aabbccdd", "key_exchange",
                    "0x03001d04aabbccdd"},
        // TLS 1.2: types rsa_sign, ecdsa_sign; two schemes; no authorities.
        MessageCase{"certificate_request", 13, "020140000404030804" "0000",
                    "signature_scheme", "ecdsa_secp256r1_sha256"},
        // TLS 1.3: empty context, signature_algorithms extension.
        MessageCase{"certificate_request", 13, "000008000d000400020807",
                    "signature_scheme", "ed25519"},
        // TLS 1.0/1.1: types, authorities.
        MessageCase{"certificate_request", 13, "0101000403000130",
                    "certificate_authorities", "0x03000130"},
        MessageCase{"certificate_verify", 15, "08040003aabbcc", "signature_scheme",
                    "rsa_pss_rsae_sha256"},
        MessageCase{"certificate_verify", 15, "0003aabbcc", "signature", "0xaabbcc"},
        MessageCase{"client_key_exchange", 16, "20aabb", "key_exchange", "0x20aabb"},
        MessageCase{"finished", 20, "0102030405060708090a0b0c", "verify_data",
                    "0x0102030405060708090a0b0c"},
        MessageCase{"certificate_status", 22, "01000002aabb", "status_type",
                    "ocsp"},
        MessageCase{"key_update", 24, "01", "request_update", "update_requested"}),
    [](const ::testing::TestParamInfo<MessageCase>& info) {
      return std::string(info.param.name) + "_" + std::to_string(info.index);
    });

TEST(TlsGolden, FatalAlert) {
  const Bytes record = Hex("1503030002" "0228");
  EXPECT_EQ(TlsCodec().DetectScore(record), 50);
  Dissection d = DissectChecked(record, kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "alert");
  EXPECT_TRUE(d.info.exception);
  EXPECT_EQ(Abstract(d.tree, 2), "tls content_type=alert description=handshake_failure");
  EXPECT_EQ(Abstract(d.tree, 3),
            "tls content_type=alert level=fatal description=handshake_failure");
  EXPECT_EQ(d.tree.Find("record.description")->offset, 6u);
}

TEST(TlsGolden, WarningAlertAndEncryptedAlert) {
  Dissection close = DissectChecked(Hex("1503030002" "0100"), kC2s);
  ASSERT_TRUE(close.status.ok());
  EXPECT_FALSE(close.info.exception);
  EXPECT_EQ(Abstract(close.tree, 2), "tls content_type=alert description=close_notify");
  Dissection encrypted = DissectChecked(
      Hex("150303001a" "0000000000000001" "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2"),
      kC2s);
  ASSERT_TRUE(encrypted.status.ok()) << encrypted.status.ToString();
  EXPECT_EQ(Abstract(encrypted.tree, 2), "tls content_type=alert description=encrypted");
}

TEST(TlsGolden, ChangeCipherSpec) {
  Dissection d = DissectChecked(Hex("140303000101"), kC2s);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(d.info.function, "change_cipher_spec");
  EXPECT_EQ(Abstract(d.tree, 3), "tls content_type=change_cipher_spec");
  EXPECT_EQ(d.tree.NumberAt("record.change_cipher_spec"), 1);
}

TEST(TlsGolden, HeartbeatRequestWithItsPadding) {
  const Bytes record = Join({Hex("1803020017" "010004" "cafebabe"), Bytes(16, 0x5a)});
  Dissection d = DissectChecked(record, kC2s);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "heartbeat_request");
  EXPECT_EQ(Abstract(d.tree, 2),
            "tls content_type=heartbeat heartbeat_type=heartbeat_request");
  EXPECT_EQ(d.tree.Find("record.payload")->value, "0xcafebabe");
  EXPECT_EQ(d.tree.Find("record.padding")->length, 16u);
}

TEST(TlsGolden, ApplicationDataShowsItsLengthOnly) {
  const Bytes record = Join({Hex("1703030020"), Bytes(32, 0x77)});
  Dissection d = DissectChecked(record, kS2c);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(d.info.function, "application_data");
  EXPECT_EQ(Abstract(d.tree, 3), "tls content_type=application_data");
  EXPECT_EQ(d.tree.Find("encrypted_data")->value, "32 bytes");
}

TEST(TlsGolden, EncryptedFinishedAfterChangeCipherSpec) {
  // AES-GCM: an explicit nonce of 0 (reads as empty hello_requests), then
  // ciphertext and tag.
  const Bytes record = Join({Hex("1603030028" "0000000000000000"),
                             Hex("9c1d4a7be2f03a11c6e58d2b7f4e6a90"
                                 "5b3e8d7c1a2f4e6b8d0c2e4f6a8b0c1d")});
  EXPECT_EQ(TlsCodec().Frame(record).length, record.size());
  Dissection d = DissectChecked(record, kC2s);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "encrypted_handshake_message");
  EXPECT_EQ(Abstract(d.tree, 2),
            "tls content_type=handshake msg_type=encrypted_handshake_message");
}

TEST(TlsGolden, Sslv2CompatibleClientHello) {
  const Bytes hello = Hex(
      "802e0103010015000000100000390000380000350000160000130000" "0a010080"
      "000102030405060708090a0b0c0d0e0f");
  EXPECT_EQ(TlsCodec().DetectScore(hello), 70);
  FrameResult frame = TlsCodec().Frame(hello);
  ASSERT_EQ(frame.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(frame.length, hello.size());
  Dissection d = DissectChecked(hello, kC2s);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "client_hello");
  EXPECT_EQ(Abstract(d.tree, 3),
            "tls content_type=sslv2 msg_type=client_hello version=TLSv1.0");
  const Field* specs = d.tree.Find("cipher_specs");
  ASSERT_EQ(specs->children.size(), 7u);
  EXPECT_EQ(specs->children[0].value, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
  EXPECT_EQ(specs->children[6].value, "sslv2_0x010080");
}

TEST(TlsGolden, NamesOfVersionsAndUnknownCodes) {
  Dissection d = DissectChecked(
      Record(22, 0x0301,
             Message(2, Join({Hex("7e02"), kRandom, Hex("00"), Hex("cafe"),
                              Hex("00")}))),
      kS2c);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.Find("handshake.version")->value, "0x7e02");
  EXPECT_EQ(d.tree.Find("cipher_suite")->value, "0xcafe");
  EXPECT_EQ(Numbers(d.tree, "msg_type"), std::vector<int64_t>{2});
}

}  // namespace
}  // namespace protolm::tls
