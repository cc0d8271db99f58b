// A TLS session decrypted unit by unit: RFC 8448's simple 1-RTT handshake
// (TLS_AES_128_GCM_SHA256) with its four traffic secrets as a key log, each
// record of the RFC in the order sent (the server's flight is four messages
// in one record); a handshake message split over two encrypted records;
// then what the decryptor leaves alone and warns of: sessions the key log
// does not name, other secrets, lost bytes, suites it does not decrypt. (Every
// decrypted suite and version on real captures, against tshark:
// ingest/ingest_tls_decryption_test.cc.)
#include "proto/tls/session_decryptor.h"

#include <gtest/gtest.h>

#include <sstream>

#include "proto/tls/record_sealing_test_util.h"
#include "proto/tls/rfc8448_test_util.h"
#include "proto/tls/tls_test_util.h"

namespace protolm::tls {
namespace {

using testing::Hex;
using testing::kClientAlert;
using testing::kClientData;
using testing::kClientFinished;
using testing::kClientHello;
using testing::kServerAlert;
using testing::kServerData;
using testing::kServerFlight;
using testing::kServerHandshakeIv;
using testing::kServerHandshakeKey;
using testing::kServerHello;
using testing::kServerTicket;
using testing::Rfc8448KeyLog;

constexpr Direction kC = Direction::kClientToServer;
constexpr Direction kS = Direction::kServerToClient;

std::shared_ptr<const NssKeyLog> KeyLogOf(const std::string& text) {
  auto log = std::make_shared<NssKeyLog>();
  std::istringstream in(text);
  log->Read(in, "test.keys", nullptr);
  return log;
}

/// A decryptor and everything it emitted and warned of.
struct Session {
  explicit Session(const std::string& key_log)
      : decryptor(NewTlsSessionDecryptor(
            KeyLogOf(key_log),
            [this](const std::string& w) { warnings.push_back(w); })) {}

  /// The units `record` (hex) becomes.
  std::vector<Bytes> Feed(Direction dir, const Bytes& unit) {
    std::vector<Bytes> out;
    decryptor->Decrypt(
        unit, dir, [&](ByteView u) { out.emplace_back(u.begin(), u.end()); });
    return out;
  }
  std::vector<Bytes> Feed(Direction dir, const char* hex) {
    return Feed(dir, Hex(hex));
  }

  std::unique_ptr<SessionDecryptor> decryptor;
  std::vector<std::string> warnings;
};

std::vector<int64_t> MessageTypes(const Bytes& unit, Direction dir) {
  Dissection d = testing::DissectChecked(unit, dir);
  EXPECT_TRUE(d.status.ok()) << d.status.message();
  return testing::Numbers(d.tree, "msg_type");
}

TEST(SessionDecryptor, Rfc8448OneRttSession) {
  Session s(Rfc8448KeyLog());
  // Cleartext hellos pass unchanged.
  EXPECT_EQ(s.Feed(kC, kClientHello), std::vector<Bytes>{Hex(kClientHello)});
  EXPECT_EQ(s.Feed(kS, kServerHello), std::vector<Bytes>{Hex(kServerHello)});
  EXPECT_FALSE(s.decryptor->decrypted());

  std::vector<Bytes> flight = s.Feed(kS, kServerFlight);
  ASSERT_EQ(flight.size(), 1u);
  EXPECT_EQ(flight[0].size(), 5u + 657);
  EXPECT_EQ(Bytes(flight[0].begin(), flight[0].begin() + 5), Hex("1603030291"));
  EXPECT_EQ(MessageTypes(flight[0], kS), (std::vector<int64_t>{8, 11, 15, 20}));
  EXPECT_TRUE(s.decryptor->decrypted());

  std::vector<Bytes> finished = s.Feed(kC, kClientFinished);
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(finished[0],
            Hex("160303002414000020a8ec436d677634ae525ac1fcebe11a039ec17694fa"
                "c6e98527b642f2edd5ce61"));
  std::vector<Bytes> ticket = s.Feed(kS, kServerTicket);
  ASSERT_EQ(ticket.size(), 1u);
  EXPECT_EQ(MessageTypes(ticket[0], kS), std::vector<int64_t>{4});

  // Application data: 50 bytes each way, kept as zeros.
  Bytes data = Hex("1703030032");
  data.resize(5 + 50, 0);
  EXPECT_EQ(s.Feed(kC, kClientData), std::vector<Bytes>{data});
  EXPECT_EQ(s.Feed(kS, kServerData), std::vector<Bytes>{data});
  EXPECT_EQ(s.Feed(kC, kClientAlert), std::vector<Bytes>{Hex("1503030002"
                                                             "0100")});
  EXPECT_EQ(s.Feed(kS, kServerAlert), std::vector<Bytes>{Hex("1503030002"
                                                             "0100")});
  EXPECT_TRUE(s.warnings.empty());
}

TEST(SessionDecryptor, AMessageOverTwoRecordsComesOutWhole) {
  // The server's flight plaintext (EE, Certificate, CertificateVerify,
  // Finished), sealed again in two records that cut the Certificate.
  Session first(Rfc8448KeyLog());
  first.Feed(kC, kClientHello);
  first.Feed(kS, kServerHello);
  const Bytes flight = first.Feed(kS, kServerFlight).at(0);
  const Bytes plaintext(flight.begin() + 5, flight.end());
  const Bytes key = Hex(kServerHandshakeKey);
  const Bytes iv = Hex(kServerHandshakeIv);
  const Bytes part1(plaintext.begin(), plaintext.begin() + 100);
  const Bytes part2(plaintext.begin() + 100, plaintext.end());

  Session s(Rfc8448KeyLog());
  s.Feed(kC, kClientHello);
  s.Feed(kS, kServerHello);
  EXPECT_TRUE(
      s.Feed(kS, testing::SealTls13Record(key, iv, 0, 22, part1)).empty());
  std::vector<Bytes> units =
      s.Feed(kS, testing::SealTls13Record(key, iv, 1, 22, part2));
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].size(), 2 * 5 + plaintext.size());
  EXPECT_EQ(MessageTypes(units[0], kS), (std::vector<int64_t>{8, 11, 15, 20}));
  // The Finished moved the server to its application keys (sequence 0).
  EXPECT_EQ(MessageTypes(s.Feed(kS, kServerTicket).at(0), kS),
            std::vector<int64_t>{4});
  EXPECT_TRUE(s.warnings.empty());
}

TEST(SessionDecryptor, WithoutTheSessionsSecretsEverythingPassesUnchanged) {
  Session s("CLIENT_RANDOM " + std::string(64, '0') + " " +
            std::string(96, '1') + "\n");
  for (auto [dir, record] : {std::pair{kC, kClientHello},
                             {kS, kServerHello},
                             {kS, kServerFlight},
                             {kC, kClientFinished},
                             {kC, kClientData}}) {
    EXPECT_EQ(s.Feed(dir, record), std::vector<Bytes>{Hex(record)});
  }
  EXPECT_FALSE(s.decryptor->decrypted());
  EXPECT_TRUE(s.warnings.empty());
}

TEST(SessionDecryptor, OtherSecretsWarnOncePerDirection) {
  std::string key_log = Rfc8448KeyLog();
  for (size_t at = key_log.find('\n'); at != std::string::npos;
       at = key_log.find('\n', at + 1)) {
    key_log[at - 1] = key_log[at - 1] == '0' ? '1' : '0';
  }
  Session s(key_log);
  s.Feed(kC, kClientHello);
  s.Feed(kS, kServerHello);
  EXPECT_EQ(s.Feed(kS, kServerFlight), std::vector<Bytes>{Hex(kServerFlight)});
  EXPECT_EQ(s.Feed(kC, kClientFinished),
            std::vector<Bytes>{Hex(kClientFinished)});
  EXPECT_EQ(s.Feed(kC, kClientData), std::vector<Bytes>{Hex(kClientData)});
  EXPECT_EQ(s.warnings,
            (std::vector<std::string>{
                "tls: a record from the server does not decrypt with the key "
                "log's secrets (record does not authenticate); records that "
                "do not decrypt stay encrypted",
                "tls: a record from the client does not decrypt with the key "
                "log's secrets (record does not authenticate); records that "
                "do not decrypt stay encrypted"}));
}

TEST(SessionDecryptor, AfterLostBytesRecordsStayEncrypted) {
  Session s(Rfc8448KeyLog());
  s.Feed(kC, kClientHello);
  s.Feed(kS, kServerHello);
  s.decryptor->Gap(kS);
  s.decryptor->Gap(kS);
  EXPECT_EQ(s.Feed(kS, kServerFlight), std::vector<Bytes>{Hex(kServerFlight)});
  EXPECT_EQ(s.warnings,
            std::vector<std::string>{
                "tls: bytes from the server were lost: its later records stay "
                "encrypted"});
  // The client's direction still decrypts.
  EXPECT_EQ(s.Feed(kC, kClientFinished).at(0)[0], 22);
}

TEST(SessionDecryptor, ASuiteItDoesNotDecryptIsOneWarning) {
  using testing::Join;
  using testing::Message;
  using testing::Record;
  using testing::Vec;
  const Bytes random = Hex(std::string(64, '2'));
  const Bytes client_hello =
      Record(22, 0x0303,
             Message(1, Join({Hex("0303"), random, Hex("00"),
                              Vec(2, Hex("0005")), Hex("0100")})));
  const Bytes server_hello =
      Record(22, 0x0303,
             Message(2, Join({Hex("0303"), Bytes(32, 3), Hex("00"), Hex("0005"),
                              Hex("00")})));
  Session s("CLIENT_RANDOM " + std::string(64, '2') + " " +
            std::string(96, '4') + "\n");
  EXPECT_EQ(s.Feed(kC, client_hello), std::vector<Bytes>{client_hello});
  EXPECT_EQ(s.Feed(kS, server_hello), std::vector<Bytes>{server_hello});
  const Bytes ccs = Record(20, 0x0303, Hex("01"));
  const Bytes encrypted = Record(22, 0x0303, Bytes(40, 0x99));
  EXPECT_EQ(s.Feed(kC, ccs), std::vector<Bytes>{ccs});
  EXPECT_EQ(s.Feed(kC, encrypted), std::vector<Bytes>{encrypted});
  EXPECT_EQ(s.warnings,
            std::vector<std::string>{
                "tls: TLS_RSA_WITH_RC4_128_SHA is not decrypted (AES-GCM, "
                "ChaCha20-Poly1305 and AES-CBC suites are)"});
}

}  // namespace
}  // namespace protolm::tls
