// Framing of HTTP/1.x streams: pipelined requests in one segment, a
// message split over many segments, Content-Length and chunked bodies,
// close-delimited bodies, answers to HEAD, bodyless statuses, the unit
// limit, resynchronising after lost bytes.
#include <gtest/gtest.h>

#include <string>

#include "proto/http/http_codec.h"
#include "proto/http/http_test_util.h"
#include "proto/http/syntax.h"
#include "util/escaped_text.h"

namespace protolm::http {
namespace {

using testing::DissectText;
using testing::FrameAll;
using testing::Text;

const Codec& codec = HttpCodec();

constexpr std::string_view kGetA = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
constexpr std::string_view kPost =
    "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\nx=1&y=2";
constexpr std::string_view kChunkedPut =
    "PUT /f HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
    "3\r\nabc\r\n0\r\n\r\n";

TEST(HttpFraming, PipelinedRequestsInOneSegment) {
  const std::string stream =
      std::string(kGetA) + std::string(kPost) + std::string(kChunkedPut);
  std::string rest;
  std::vector<std::string> units = FrameAll(stream, &rest);
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0], kGetA);
  EXPECT_EQ(units[1], kPost);
  EXPECT_EQ(units[2], kChunkedPut);
  EXPECT_TRUE(rest.empty());
  for (const std::string& unit : units)
    EXPECT_TRUE(DissectText(unit).status.ok()) << unit;
}

TEST(HttpFraming, EveryPrefixOfAMessageWaitsForMore) {
  for (std::string_view message : {kGetA, kPost, kChunkedPut}) {
    for (size_t n = 0; n < message.size(); ++n) {
      const Bytes prefix = Text(message.substr(0, n));
      EXPECT_EQ(codec.Frame(prefix).kind, FrameResult::Kind::kNeedMore)
          << QuotedForMessage(message.substr(0, n));
    }
    const FrameResult whole = codec.Frame(Text(message));
    EXPECT_EQ(whole.kind, FrameResult::Kind::kFrame);
    EXPECT_EQ(whole.length, message.size());
  }
}

TEST(HttpFraming, ContentLengthGivesTheNeededSize) {
  const FrameResult f = codec.Frame(Text(kPost.substr(0, kPost.size() - 3)));
  EXPECT_EQ(f.kind, FrameResult::Kind::kNeedMore);
  EXPECT_EQ(f.length, kPost.size());
}

TEST(HttpFraming, CloseDelimitedBodyTakesTheBytesAtHand) {
  const std::string stream = "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nsome body";
  std::vector<std::string> units = FrameAll(stream);
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0], stream);
  Dissection d = DissectText(stream, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.Find("body")->value, "close_delimited");
  EXPECT_EQ(d.tree.Find("body")->length, 9u);
}

TEST(HttpFraming, PipelinedResponsesToHead) {
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 5120\r\n\r\n";
  const std::string not_found =
      "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope";
  const std::string chunked_head =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::vector<std::string> units =
      FrameAll(head + head + chunked_head + not_found);
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0], head);
  EXPECT_EQ(units[1], head);
  EXPECT_EQ(units[2], chunked_head);
  EXPECT_EQ(units[3], not_found);
  Dissection d = DissectText(chunked_head, Direction::kServerToClient);
  EXPECT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_NE(d.tree.Find("body.presumed_head_response"), nullptr);
}

TEST(HttpFraming, BodylessStatusesEndAtTheHead) {
  const std::string stream =
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 204 No Content\r\n\r\n"
      "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n";
  EXPECT_EQ(FrameAll(stream).size(), 3u);
}

TEST(HttpFraming, EmptyLinesBeforeARequestBelongToIt) {
  const std::string stream = "\r\n" + std::string(kGetA);
  std::vector<std::string> units = FrameAll(stream);
  ASSERT_EQ(units.size(), 1u);
  Dissection d = DissectText(units[0]);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.Find("start_line.method")->offset, 2u);
}

TEST(HttpFraming, MessageSplitOverManySegmentsIsOneUnit) {
  // What the ingest framer does: bytes arrive one segment at a time and
  // Frame is asked again on the buffered bytes.
  const std::string stream = std::string(kChunkedPut) + std::string(kGetA);
  std::string buffer;
  std::vector<std::string> units;
  for (char byte : stream) {
    buffer += byte;
    const FrameResult f = codec.Frame(Text(buffer));
    ASSERT_NE(f.kind, FrameResult::Kind::kInvalid) << buffer;
    if (f.kind == FrameResult::Kind::kFrame) {
      units.push_back(buffer.substr(0, f.length));
      buffer.erase(0, f.length);
    }
  }
  EXPECT_EQ(units, (std::vector<std::string>{std::string(kChunkedPut),
                                             std::string(kGetA)}));
}

TEST(HttpFraming, BodyOverTheUnitLimitIsCut) {
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n";
  const std::string stream = head + std::string(kMaxUnitBytes, 'x');
  const FrameResult f = codec.Frame(Text(stream));
  ASSERT_EQ(f.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(f.length, kMaxUnitBytes);
  Dissection d = testing::DissectChecked(Text(stream.substr(0, f.length)),
                                         Direction::kServerToClient);
  EXPECT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_NE(d.tree.Find("body.cut_at_unit_limit"), nullptr);
}

TEST(HttpFraming, CloseDelimitedBodyOverTheUnitLimitIsCut) {
  const std::string stream =
      "HTTP/1.0 200 OK\r\n\r\n" + std::string(kMaxUnitBytes, 'x');
  const FrameResult f = codec.Frame(Text(stream));
  ASSERT_EQ(f.kind, FrameResult::Kind::kFrame);
  EXPECT_EQ(f.length, kMaxUnitBytes);
  Dissection d = testing::DissectChecked(Text(stream.substr(0, f.length)),
                                         Direction::kServerToClient);
  EXPECT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_NE(d.tree.Find("body.cut_at_unit_limit"), nullptr);
}

TEST(HttpFraming, NonHttpBytesAreInvalid) {
  EXPECT_EQ(codec.Frame(Bytes{0x16, 0x03, 0x01, 0x00}).kind,
            FrameResult::Kind::kInvalid);
  EXPECT_EQ(codec.Frame(Text(" GET / HTTP/1.1\r\n")).kind,
            FrameResult::Kind::kInvalid);
  EXPECT_EQ(codec.Frame(Text(std::string(kMaxMethodBytes + 1, 'A'))).kind,
            FrameResult::Kind::kInvalid);
}

TEST(HttpFraming, HeadOverTheLimitIsInvalid) {
  const std::string stream =
      "GET / HTTP/1.1\r\nX: " + std::string(kMaxHeadBytes, 'a') + "\r\n\r\n";
  EXPECT_EQ(codec.Frame(Text(stream)).kind, FrameResult::Kind::kInvalid);
}

TEST(HttpFraming, ResyncFindsTheNextMessageStart) {
  const std::string stream =
      "tail of a lost body, then GET / mid-line\r\n" + std::string(kGetA);
  std::optional<size_t> at = codec.Resync(Text(stream));
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(stream.substr(*at), kGetA);
  EXPECT_FALSE(codec.Resync(Text("no message here\r\n")).has_value());
  const std::string response = "xx\nHTTP/1.1 200 OK\r\n";
  EXPECT_EQ(codec.Resync(Text(response)), 3u);
}

}  // namespace
}  // namespace protolm::http
