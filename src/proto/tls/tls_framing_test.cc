// Framing of TLS streams: one unit per record; coalesced handshake messages
// in one record stay one unit; a message in pieces over several records
// (its header split too) is one unit whose dissection shows it whole, with
// fields located in the unit; partial streams ask for more; resynchronising
// after lost bytes; content detection.
#include <gtest/gtest.h>

#include "proto/tls/record.h"
#include "proto/tls/tls_codec.h"
#include "proto/tls/tls_test_util.h"

namespace protolm::tls {
namespace {

using testing::DissectChecked;
using testing::Hex;
using testing::Join;
using testing::Message;
using testing::Numbers;
using testing::Record;
using testing::Vec;

const Codec& codec = TlsCodec();

Bytes ServerHello() {
  return Message(2, Join({Hex("0303"), Bytes(32, 0x42), Hex("00" "c02f" "00")}));
}
Bytes Certificate12(size_t certificate_size) {
  return Message(11, Vec(3, Vec(3, Bytes(certificate_size, 0x30))));
}
Bytes ServerHelloDone() { return Message(14, {}); }

/// `stream` framed unit by unit; fails on anything but whole units.
std::vector<Bytes> FrameAll(const Bytes& stream) {
  std::vector<Bytes> units;
  ByteView rest(stream);
  while (!rest.empty()) {
    FrameResult f = codec.Frame(rest);
    EXPECT_EQ(f.kind, FrameResult::Kind::kFrame)
        << "at " << stream.size() - rest.size();
    if (f.kind != FrameResult::Kind::kFrame) break;
    units.emplace_back(rest.begin(), rest.begin() + f.length);
    rest = rest.subspan(f.length);
  }
  return units;
}

TEST(TlsFraming, CoalescedMessagesAreOneUnit) {
  const Bytes flight = Record(
      22, 0x0303, Join({ServerHello(), Certificate12(20), ServerHelloDone()}));
  const Bytes stream = Join({flight, Hex("140303000101")});
  std::vector<Bytes> units = FrameAll(stream);
  ASSERT_EQ(units.size(), 2u);
  Dissection d = DissectChecked(units[0], Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(Numbers(d.tree, "msg_type"), (std::vector<int64_t>{2, 11, 14}));
  EXPECT_EQ(d.info.function, "server_hello");
  EXPECT_EQ(Abstract(d.tree, 2),
            "tls content_type=handshake msg_type=server_hello "
            "msg_type=certificate msg_type=server_hello_done");
}

TEST(TlsFraming, MessageInPiecesIsJoinedAndLocatedInTheUnit) {
  const Bytes certificate = Certificate12(40);  // 4 + 3 + 3 + 40 bytes
  // Three records: 2 bytes of the header, 20 bytes, the rest and a
  // ServerHelloDone.
  const Bytes stream = Join({
      Record(22, 0x0303, Bytes(certificate.begin(), certificate.begin() + 2)),
      Record(22, 0x0303,
             Bytes(certificate.begin() + 2, certificate.begin() + 22)),
      Record(22, 0x0303,
             Join({Bytes(certificate.begin() + 22, certificate.end()),
                   ServerHelloDone()})),
      Hex("1503030002" "0100"),
  });
  std::vector<Bytes> units = FrameAll(stream);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].size(), 3 * 5 + certificate.size() + 4);
  Dissection d = DissectChecked(units[0], Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString() << "\n" << RenderTree(d.tree);
  EXPECT_EQ(Numbers(d.tree, "msg_type"), (std::vector<int64_t>{11, 14}));
  EXPECT_EQ(Abstract(d.tree, 1), "tls content_type=handshake");
  // Three records, then the two messages.
  ASSERT_EQ(d.tree.children.size(), 5u);
  const Field& message = d.tree.children[3];
  EXPECT_EQ(message.offset, 5u);  // the first piece
  EXPECT_EQ(message.length, 2 + 5 + 20 + 5 + 28u);  // headers between
  const Field* cert = message.Find("certificate");
  ASSERT_NE(cert, nullptr);
  // The certificate's bytes start 10 bytes into the message, 8 bytes into
  // the second record's body: unit offset 5 + 2 + 5 + 8.
  EXPECT_EQ(cert->offset, 20u);
  EXPECT_EQ(cert->length, 40u + 5);  // covers the third record's header
  const Field* length = message.Find("length");
  EXPECT_EQ(length->offset, 6u);  // straddles the second record's header
  EXPECT_EQ(length->length, 3u + 5);
}

TEST(TlsFraming, PartialStreamsAskForMore) {
  const Bytes record = Record(22, 0x0303, ServerHello());
  for (size_t n = 0; n < record.size(); ++n) {
    FrameResult f = codec.Frame(ByteView(record).first(n));
    EXPECT_EQ(f.kind, FrameResult::Kind::kNeedMore) << n;
    if (n >= 5) EXPECT_EQ(f.length, record.size()) << n;
  }
  // A message announced in the first record waits for the next one.
  const Bytes certificate = Certificate12(10);
  const Bytes first =
      Record(22, 0x0303, Bytes(certificate.begin(), certificate.begin() + 8));
  FrameResult f = codec.Frame(first);
  ASSERT_EQ(f.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(f.length, first.size() + 5);
}

TEST(TlsFraming, PiecesNotFollowedByHandshakeRecordsAreFramedAlone) {
  const Bytes certificate = Certificate12(10);
  const Bytes stream =
      Join({Record(22, 0x0303, Bytes(certificate.begin(), certificate.begin() + 8)),
            Hex("1503030002" "0100")});
  std::vector<Bytes> units = FrameAll(stream);
  ASSERT_EQ(units.size(), 2u);
  Dissection d = DissectChecked(units[0], Direction::kServerToClient);
  EXPECT_EQ(d.status.code(), StatusCode::kTruncated);
  EXPECT_EQ(d.status.message(),
            "tls: certificate.length: length 16 runs past the 4 bytes left at "
            "offset 6");
  EXPECT_EQ(d.info.function, "certificate");
}

TEST(TlsFraming, NotTlsIsInvalid) {
  EXPECT_EQ(codec.Frame(Hex("0300001611e0")).kind, FrameResult::Kind::kInvalid);
  EXPECT_EQ(codec.Frame(Hex("00010000000603")).kind,
            FrameResult::Kind::kInvalid);
  EXPECT_EQ(codec.Frame(Hex("1604")).kind, FrameResult::Kind::kInvalid);
  EXPECT_EQ(codec.Frame(Hex("16")).kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(codec.Frame(Hex("802e01")).kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(codec.Frame(Hex("ffffffff")).kind, FrameResult::Kind::kInvalid);
}

TEST(TlsFraming, ResyncFindsTheNextPlausibleRecord) {
  const Bytes stream = Join({Hex("deadbeef17"), Hex("1703030003aabbcc"),
                             Hex("1503030002" "0100")});
  std::optional<size_t> start = codec.Resync(stream);
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(*start, 5u);
  // A plausible header whose record is followed by no plausible header is
  // passed over.
  start = codec.Resync(Hex("1603030001aa" "ff" "1503030002" "0100"));
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(*start, 7u);
  EXPECT_FALSE(codec.Resync(Hex("0102030405060708")).has_value());
}

TEST(TlsFraming, DetectionTellsTlsFromOtherProtocols) {
  EXPECT_EQ(codec.DetectScore(Record(22, 0x0301, ServerHello())), 95);
  EXPECT_EQ(codec.DetectScore(Hex("1703030003aabbcc")), 50);
  EXPECT_EQ(codec.DetectScore(Hex("16")), 10);
  EXPECT_EQ(codec.DetectScore(Hex("000100000006010300000002")), 0);  // Modbus
  EXPECT_EQ(codec.DetectScore(Hex("0300001611e00000000100")), 0);   // TPKT
  EXPECT_EQ(codec.DetectScore(Hex("474554202f20485454502f312e31")), 0);  // HTTP
  EXPECT_EQ(codec.DetectScore(Hex("ffffffff")), 0);
}

}  // namespace
}  // namespace protolm::tls
