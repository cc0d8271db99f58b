// Malformed messages: each fault is one line naming the field and the unit
// offset of the field or the offending byte, the tree keeps what was read,
// and the codec never reads past the unit (the fields stay inside it).
#include <gtest/gtest.h>

#include <string>

#include "proto/http/http_codec.h"
#include "proto/http/http_test_util.h"
#include "util/escaped_text.h"

namespace protolm::http {
namespace {

using testing::DissectText;

struct Case {
  const char* name;
  std::string_view message;
  StatusCode code;
  const char* fault;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class HttpMalformed : public ::testing::TestWithParam<Case> {};

TEST_P(HttpMalformed, NamesTheFieldAndOffset) {
  const Case& c = GetParam();
  const Direction dir = c.message.substr(0, 5) == "HTTP/"
                            ? Direction::kServerToClient
                            : Direction::kClientToServer;
  Dissection d = DissectText(c.message, dir);
  EXPECT_EQ(d.status.code(), c.code) << d.status.ToString();
  EXPECT_EQ(d.status.message(), c.fault);
  EXPECT_FALSE(d.tree.children.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Faults, HttpMalformed,
    ::testing::Values(
        Case{"bad_method_token", "G@T / HTTP/1.1\r\nHost: h\r\n\r\n",
             StatusCode::kMalformed,
             "http: method: byte 0x40 is no token character at offset 1"},
        Case{"control_byte_in_target", "GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n",
             StatusCode::kMalformed,
             "http: request_target: byte 0x01 is not allowed at offset 6"},
        Case{"bad_version", "GET / HTTP/1.x\r\nHost: h\r\n\r\n",
             StatusCode::kMalformed,
             "http: version: \"HTTP/1.x\" is no HTTP-version at offset 6"},
        Case{"version_2", "GET / HTTP/2.0\r\n\r\n", StatusCode::kMalformed,
             "http: version: \"HTTP/2.0\" is not HTTP/1.x at offset 6"},
        Case{"missing_target", "GET HTTP/1.1\r\nHost: h\r\n\r\n",
             StatusCode::kMalformed,
             "http: request_target: missing at offset 4"},
        Case{"lower_case_version", "http/1.1 200 OK\r\n\r\n",
             StatusCode::kMalformed,
             "http: version: \"http/1.1\" is no HTTP-version at offset 0"},
        Case{"http_09", "GET /\r\n", StatusCode::kMalformed,
             "http: version: missing (an HTTP/0.9 request line) at offset 5"},
        Case{"status_not_digits", "HTTP/1.1 2x0 OK\r\n\r\n",
             StatusCode::kMalformed,
             "http: status_code: not three digits at offset 9"},
        Case{"space_before_colon", "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
             StatusCode::kMalformed,
             "http: header.name: byte 0x20 is no token character at offset 20"},
        Case{"no_colon", "GET / HTTP/1.1\r\nHost: h\r\nBroken\r\n\r\n",
             StatusCode::kMalformed,
             "http: header: no colon in a header line at offset 25"},
        Case{"control_byte_in_value", "GET / HTTP/1.1\r\nHost: h\x7f\r\n\r\n",
             StatusCode::kMalformed,
             "http: header.value: byte 0x7f is a control byte at offset 23"},
        Case{"leading_fold", "GET / HTTP/1.1\r\n Host: h\r\n\r\n",
             StatusCode::kMalformed,
             "http: header: white space before the first header line at "
             "offset 16"},
        Case{"conflicting_content_length",
             "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
             "Content-Length: 4\r\n\r\nabc",
             StatusCode::kMalformed,
             "http: content_length: 4 disagrees with 3 at offset 61"},
        Case{"content_length_not_a_number",
             "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
             StatusCode::kMalformed,
             "http: content_length: \"-1\" is not a length at offset 42"},
        Case{"content_length_with_chunked",
             "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
             "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             StatusCode::kMalformed,
             "http: content_length: sent with Transfer-Encoding (RFC 9112 "
             "section 6.1) at offset 26"},
        Case{"request_coding_not_chunked",
             "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n",
             StatusCode::kMalformed,
             "http: transfer_encoding: the final coding of a request is not "
             "chunked at offset 26"},
        Case{"missing_host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n",
             StatusCode::kMalformed,
             "http: host: HTTP/1.1 request without a Host header at offset 29"},
        Case{"two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
             StatusCode::kMalformed,
             "http: host: a second Host header at offset 25"},
        Case{"bad_chunk_size",
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
             StatusCode::kMalformed,
             "http: chunk_size: not a hex number at offset 47"},
        Case{"chunk_data_without_line_end",
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
             "2\r\nabc\r\n0\r\n\r\n",
             StatusCode::kMalformed,
             "http: chunk_data: not followed by a line end at offset 52"},
        Case{"chunked_without_last_chunk",
             "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
             "2\r\nab\r\n",
             StatusCode::kTruncated,
             "http: body: chunked body ends before its last chunk at offset "
             "54"},
        Case{"body_shorter_than_content_length",
             "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc",
             StatusCode::kTruncated,
             "http: body: Content-Length 10, 3 bytes present at offset 48"},
        Case{"bytes_after_the_body",
             "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nabc",
             StatusCode::kMalformed,
             "http: body: 2 bytes after the end of the message at offset 48"},
        Case{"no_blank_line", "GET / HTTP/1.1\r\nHost: h\r\n",
             StatusCode::kTruncated,
             "http: headers: no blank line ends the header section at offset "
             "25"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(HttpMalformedInput, GarbageHasNoRoleAndStaysInBounds) {
  for (std::string_view text :
       {std::string_view("\x16\x03\x01\x00\x05hello", 10), std::string_view(""),
        std::string_view("HTTP/"), std::string_view("HTTP/1.1 2"),
        std::string_view("\r\n\r\n"), std::string_view(":\r\n\r\n")}) {
    Dissection d = DissectText(text);
    EXPECT_FALSE(d.status.ok()) << QuotedForMessage(text);
    EXPECT_EQ(d.status.message().find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace protolm::http
