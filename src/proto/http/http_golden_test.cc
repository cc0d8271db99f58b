// Golden messages: requests and responses as browsers, curl, Apache and
// nginx send them, dissected into the expected fields, byte ranges,
// tokens at each depth and pipeline facts (role, function, exception, no
// pair key: HTTP/1.x pairs in order).
#include <gtest/gtest.h>

#include "proto/http/http_codec.h"
#include "proto/http/http_test_util.h"

namespace protolm::http {
namespace {

using testing::Covered;
using testing::DissectText;

constexpr std::string_view kGet =
    "GET /index.html HTTP/1.1\r\n"
    "Host: 127.0.0.1:8081\r\n"
    "User-Agent: curl/7.88.1\r\n"
    "Accept: */*\r\n"
    "\r\n";

TEST(HttpGolden, CurlGetRequest) {
  Dissection d = DissectText(kGet);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.role, PduRole::kRequest);
  EXPECT_EQ(d.info.function, "GET");
  EXPECT_FALSE(d.info.exception);
  EXPECT_FALSE(d.info.pair_key.has_value());
  EXPECT_EQ(Abstract(d.tree, 1), "http.req");
  EXPECT_EQ(Abstract(d.tree, 2), "http.req method=GET");
  EXPECT_EQ(Abstract(d.tree, 3),
            "http.req method=GET version=HTTP/1.1 header=Host "
            "header=User-Agent header=Accept body=none");
  const Field* target = d.tree.Find("start_line.request_target");
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->value, "/index.html");
  EXPECT_EQ(target->offset, 4u);
  EXPECT_EQ(target->length, 11u);
  const Field* host = d.tree.Find("headers.header");
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(Covered(kGet, *host), "Host: 127.0.0.1:8081");
  EXPECT_EQ(host->Find("value")->value, "127.0.0.1:8081");
  EXPECT_EQ(Covered(kGet, *host->Find("value")), "127.0.0.1:8081");
  EXPECT_EQ(d.tree.NumberAt("headers"), 3);
}

constexpr std::string_view kApache200 =
    "HTTP/1.1 200 OK\r\n"
    "Date: Sun, 06 Dec 2026 21:05:11 GMT\r\n"
    "Server: Apache/2.4.62 (Debian)\r\n"
    "Last-Modified: Sun, 06 Dec 2026 21:05:10 GMT\r\n"
    "ETag: \"d-60b0f2a7b5c80\"\r\n"
    "Accept-Ranges: bytes\r\n"
    "Content-Length: 13\r\n"
    "Content-Type: text/html\r\n"
    "\r\n"
    "<h1>foo</h1>\n";

TEST(HttpGolden, ApacheOkResponse) {
  Dissection d = DissectText(kApache200, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.role, PduRole::kResponse);
  EXPECT_EQ(d.info.function, "200");
  EXPECT_FALSE(d.info.exception);
  EXPECT_EQ(Abstract(d.tree, 2), "http.resp status_class=2xx");
  EXPECT_EQ(Abstract(d.tree, 3),
            "http.resp version=HTTP/1.1 status_class=2xx status_code=200 "
            "header=Date header=Server header=Last-Modified header=ETag "
            "header=Accept-Ranges header=Content-Length header=Content-Type "
            "body=content_length");
  const Field* body = d.tree.Find("body");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(Covered(kApache200, *body), "<h1>foo</h1>\n");
  const Field* reason = d.tree.Find("start_line.reason");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->value, "OK");
  EXPECT_EQ(reason->offset, 13u);
  EXPECT_EQ(d.tree.NumberAt("start_line.status_code"), 200);
}

TEST(HttpGolden, NotImplementedIsAnException) {
  Dissection d =
      DissectText("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n",
                  Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "501");
  EXPECT_TRUE(d.info.exception);
  EXPECT_EQ(Abstract(d.tree, 2), "http.resp status_class=5xx");
}

TEST(HttpGolden, UnknownMethodIsWellFormed) {
  // Apache answers HAE with 501 and nginx with 405: the method is a token,
  // only not one the server implements.
  Dissection d =
      DissectText("HAE /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n");
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.function, "HAE");
  EXPECT_EQ(Abstract(d.tree, 2), "http.req method=HAE");
}

TEST(HttpGolden, ChunkedResponseWithExtensionAndTrailer) {
  constexpr std::string_view kChunked =
      "HTTP/1.1 200 OK\r\n"
      "Transfer-Encoding: chunked\r\n"
      "\r\n"
      "5;name=value\r\nhello\r\n"
      "6\r\n world\r\n"
      "0\r\n"
      "Expires: never\r\n"
      "\r\n";
  Dissection d = DissectText(kChunked, Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const Field* body = d.tree.Find("body");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->value, "chunked");
  ASSERT_EQ(body->children.size(), 4u);
  EXPECT_EQ(body->children[0].name, "chunk");
  EXPECT_EQ(body->children[0].number, 5);
  EXPECT_EQ(Covered(kChunked, body->children[0]), "5;name=value\r\nhello\r\n");
  EXPECT_EQ(body->children[0].Find("extension")->value, "name=value");
  EXPECT_EQ(Covered(kChunked, *body->children[0].Find("data")), "hello");
  EXPECT_EQ(Covered(kChunked, *body->children[1].Find("data")), " world");
  EXPECT_EQ(body->children[2].name, "last_chunk");
  EXPECT_EQ(body->children[3].name, "trailer");
  EXPECT_EQ(body->children[3].value, "Expires: never");
}

TEST(HttpGolden, Http10RequestNeedsNoHost) {
  Dissection d = DissectText("GET / HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(d.status.ok()) << d.status.ToString();
}

TEST(HttpGolden, ObsFoldIsFlaggedNotFaulted) {
  constexpr std::string_view kFolded =
      "GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n  two\r\n\r\n";
  Dissection d = DissectText(kFolded);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const Field* folded = d.tree.Find("headers")->children.data() + 1;
  EXPECT_EQ(folded->value, "X-Long");
  ASSERT_NE(folded->Find("obs_fold"), nullptr);
  EXPECT_EQ(Covered(kFolded, *folded->Find("value")), "one\r\n  two");
}

TEST(HttpGolden, DuplicateHeadersAreKept) {
  Dissection d = DissectText(
      "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
      "Content-Length: 0\r\n\r\n",
      Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.tree.NumberAt("headers"), 3);
}

TEST(HttpGolden, InterimResponseIsAnEvent) {
  Dissection d =
      DissectText("HTTP/1.1 100 Continue\r\n\r\n", Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.info.role, PduRole::kEvent);
  EXPECT_EQ(d.info.function, "100");
}

TEST(HttpGolden, AnswerToHeadHasNoBody) {
  Dissection d = DissectText("HTTP/1.1 200 OK\r\nContent-Length: 5120\r\n\r\n",
                             Direction::kServerToClient);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const Field* body = d.tree.Find("body");
  EXPECT_EQ(body->value, "none");
  EXPECT_NE(body->Find("presumed_head_response"), nullptr);
}

TEST(HttpGolden, BodylessStatuses) {
  for (std::string_view text : {"HTTP/1.1 204 No Content\r\n\r\n",
                                "HTTP/1.1 304 Not Modified\r\n\r\n"}) {
    Dissection d = DissectText(text, Direction::kServerToClient);
    EXPECT_TRUE(d.status.ok()) << d.status.ToString();
    EXPECT_EQ(d.tree.Find("body")->value, "none");
  }
}

TEST(HttpGolden, CodecFacts) {
  const Codec& codec = HttpCodec();
  EXPECT_EQ(codec.name(), "http");
  EXPECT_EQ(std::vector<uint16_t>(codec.well_known_ports().begin(),
                                  codec.well_known_ports().end()),
            (std::vector<uint16_t>{80, 8080}));
  EXPECT_EQ(codec.DetectScore(testing::Text("GET / HTTP/1.1\r\n")), 95);
  EXPECT_EQ(codec.DetectScore(testing::Text("HTTP/1.0 404 Not")), 95);
  EXPECT_EQ(codec.DetectScore(testing::Text("HAE /x")), 60);
  EXPECT_EQ(codec.DetectScore(testing::Text("G@T /x")), 50);
  EXPECT_EQ(codec.DetectScore(testing::Text("GE")), 10);
  EXPECT_EQ(codec.DetectScore(testing::Text("HTTP/1.1 2")), 10);
  EXPECT_EQ(codec.DetectScore(testing::Text("\x16\x03\x01\x02")), 0);
  EXPECT_EQ(codec.DetectScore(Bytes{0x00, 0x01, 0x00, 0x00, 0x00, 0x06}), 0);
}

}  // namespace
}  // namespace protolm::http
