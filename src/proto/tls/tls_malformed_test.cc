// Malformed TLS units: every fault is a status naming the field and the unit
// offset where it starts, with the tree of what was read; nothing crashes on
// cut or hostile bytes (every prefix of valid units, every single-byte
// corruption of them).
#include <gtest/gtest.h>

#include "proto/tls/tls_codec.h"
#include "proto/tls/tls_test_util.h"

namespace protolm::tls {
namespace {

using testing::DissectChecked;
using testing::Extension;
using testing::Hex;
using testing::Join;
using testing::Message;
using testing::Record;
using testing::Vec;

constexpr Direction kC2s = Direction::kClientToServer;

Bytes ClientHello(const Bytes& extensions) {
  return Message(1, Join({Hex("0303"), Bytes(32, 7), Hex("00"), Hex("00021301"),
                          Hex("0100"), Vec(2, extensions)}));
}

void ExpectFault(const Bytes& unit, StatusCode code, const std::string& message) {
  Dissection d = DissectChecked(unit, kC2s);
  EXPECT_EQ(d.status.code(), code) << d.status.ToString();
  EXPECT_EQ(d.status.message(), message);
  EXPECT_EQ(d.tree.name, "tls");
}

TEST(TlsMalformed, OversizedRecord) {
  Bytes record = Join({Hex("1703034801"), Bytes(18433, 0)});
  EXPECT_EQ(TlsCodec().Frame(record).length, record.size());  // as tshark
  ExpectFault(record, StatusCode::kMalformed,
              "tls: record.length: 18433 exceeds 18432 at offset 3");
}

TEST(TlsMalformed, TruncatedRecord) {
  ExpectFault(Hex("1503030002" "02"), StatusCode::kTruncated,
              "tls: record.length: 2 runs past the 1 bytes left at offset 3");
  ExpectFault(Hex("150303"), StatusCode::kTruncated,
              "tls: record: header needs 5 bytes, 3 left at offset 0");
}

TEST(TlsMalformed, UnknownContentTypeAndVersion) {
  ExpectFault(Hex("1903030001" "00"), StatusCode::kMalformed,
              "tls: record.content_type: unknown content type 25 at offset 0");
  ExpectFault(Hex("1502000002" "0100"), StatusCode::kMalformed,
              "tls: record.version: 0x0200 is no TLS record version at offset 1");
}

TEST(TlsMalformed, HeartbeatPayloadLengthOverItsMessage) {
  // CVE-2014-0160: asks for 16384 bytes and sends none.
  const Bytes heartbleed = Hex("1803020003" "014000");
  Dissection d = DissectChecked(heartbleed, kC2s);
  EXPECT_EQ(d.status.message(),
            "tls: heartbeat.payload_length: 16384 exceeds the 0 bytes the "
            "message holds at offset 6");
  EXPECT_EQ(d.info.function, "heartbeat_request");
  EXPECT_EQ(d.tree.NumberAt("record.payload_length"), 16384);
  ExpectFault(Join({Hex("1803030013" "020004" "01020304"), Bytes(12, 0)}),
              StatusCode::kMalformed,
              "tls: heartbeat.padding: 12 bytes, fewer than 16 at offset 12");
}

TEST(TlsMalformed, AlertChangeCipherSpecAndEmptyHandshake) {
  ExpectFault(Hex("1503030001" "02"), StatusCode::kTruncated,
              "tls: alert: needs 2 bytes, 1 left at offset 5");
  ExpectFault(Hex("1503030002" "0928"), StatusCode::kMalformed,
              "tls: alert.level: unknown level 9 at offset 5");
  ExpectFault(Hex("1403030001" "02"), StatusCode::kMalformed,
              "tls: change_cipher_spec: value 2 is not 1 at offset 5");
  ExpectFault(Hex("1403030002" "0101"), StatusCode::kMalformed,
              "tls: change_cipher_spec: 1 bytes left over at offset 6");
  ExpectFault(Hex("1603030000"), StatusCode::kMalformed,
              "tls: handshake: empty handshake record at offset 5");
}

TEST(TlsMalformed, LengthMismatchesNameTheField) {
  // server_name data says 14 bytes of list, has 3.
  ExpectFault(Record(22, 0x0303, ClientHello(Extension(0, Hex("000e000000")))),
              StatusCode::kTruncated,
              "tls: server_name_list: length 14 runs past the 3 bytes left at "
              "offset 56");
  // supported_groups: an odd list.
  ExpectFault(Record(22, 0x0303, ClientHello(Extension(10, Hex("0003001d00")))),
              StatusCode::kTruncated,
              "tls: named_group: needs 2 bytes, 1 left at offset 60");
  // extended_master_secret must be empty.
  ExpectFault(Record(22, 0x0303, ClientHello(Extension(23, Hex("00")))),
              StatusCode::kMalformed,
              "tls: extension extended_master_secret: 1 bytes left over at "
              "offset 56");
  // The message says 6 more bytes than the record holds.
  Bytes hello = ClientHello({});
  hello[3] += 6;
  ExpectFault(Record(22, 0x0303, hello), StatusCode::kTruncated,
              "tls: client_hello.length: length 49 runs past the 43 bytes left "
              "at offset 6");
  // The ServerHelloDone has a body.
  ExpectFault(Record(22, 0x0303, Message(14, Hex("00"))), StatusCode::kMalformed,
              "tls: server_hello_done: 1 bytes left over at offset 9");
}

/// Every prefix and every one-byte change of `unit` dissects without a crash,
/// with fields inside the bytes, and Inspect agrees with Dissect.
void Hammer(const Bytes& unit) {
  auto check = [](const Bytes& bytes) {
    Dissection d = DissectChecked(bytes, kC2s);
    std::vector<const Field*> todo = {&d.tree};
    while (!todo.empty()) {
      const Field* f = todo.back();
      todo.pop_back();
      ASSERT_LE(f->offset + f->length, bytes.size()) << f->name;
      for (const Field& child : f->children) todo.push_back(&child);
    }
    TlsCodec().Frame(bytes);
    TlsCodec().Resync(bytes);
    TlsCodec().DetectScore(bytes);
  };
  for (size_t n = 0; n <= unit.size(); ++n)
    check(Bytes(unit.begin(), unit.begin() + n));
  for (size_t i = 0; i < unit.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      Bytes changed = unit;
      changed[i] ^= flip;
      check(changed);
    }
  }
}

TEST(TlsMalformed, CutAndCorruptedUnitsNeverCrash) {
  Hammer(Record(22, 0x0303,
                ClientHello(Join({Extension(0, Hex("000600000365" "7878")),
                                  Extension(43, Hex("020304")),
                                  Extension(51, Hex("0006001d00020102"))}))));
  Hammer(Hex("802e0103010015000000100000390000380000350000160000130000"
             "0a010080000102030405060708090a0b0c0d0e0f"));
  Hammer(Join({Hex("1803020017" "010004" "cafebabe"), Bytes(16, 0x5a)}));
}

}  // namespace
}  // namespace protolm::tls
