// The head of an HTTP/1.x message: start line and header section (RFC 9112
// sections 3-5), located byte by byte, with what framing needs to know of
// the body.
//
// ScanHead finds where a head ends in a stream (the blank line; for an
// HTTP/0.9 request line without a version, the line itself) and rejects
// bytes that cannot start a message: a start line begins with "HTTP/" or
// with up to kMaxMethodBytes visible bytes and a space. Empty lines before
// a start line (RFC 9112 section 2.2) belong to the head that follows them.
// ReadHead splits a delimited head into its parts and states the first
// fault: a method that is no token, a bad request-target, a version that is
// not HTTP/1.x, a status code that is not three digits, a header line
// without a colon or with a name that is no token (white space before the
// colon included), a control byte in a value, a Content-Length that is not
// a number or disagrees with another, a Content-Length beside a
// Transfer-Encoding, a request whose final transfer coding is not chunked,
// an HTTP/1.1 request without exactly one Host. Obsolete line folding (a
// line starting with white space continues the field above) is accepted and
// flagged on the field, not a fault. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm::http {

/// A byte range of the unit.
struct Span {
  size_t offset = 0;
  size_t length = 0;
};

struct HeaderLine {
  Span line;  // the name to the end of the field's last line
  Span name;
  Span value;  // white space around it excluded; continuations included
  bool obs_fold = false;
};

struct Head {
  bool response = false;  // the start line begins with "HTTP/" (any case)
  Span start_line;
  Span method, target;     // requests
  Span status, reason;     // responses
  Span version;            // empty for an HTTP/0.9 request line
  int minor_version = -1;  // x of a well-formed "HTTP/1.x", else -1
  int status_code = -1;    // a well-formed status code, else -1
  std::vector<HeaderLine> fields;
  Span header_section;  // the header lines, blank line excluded
  size_t size = 0;      // the whole head, blank line included

  std::optional<uint64_t> content_length;  // a well-formed value
  bool transfer_encoding = false;
  bool chunked = false;  // the final transfer coding is chunked
  Status fault;          // the first fault, located
};

struct HeadScan {
  enum class Kind : uint8_t { kComplete, kNeedMore, kInvalid };
  Kind kind = Kind::kInvalid;
  size_t size = 0;  // kComplete: bytes of the head
};

/// Where the head at the start of `stream` ends.
HeadScan ScanHead(ByteView stream);

/// The parts of `head` (the bytes ScanHead delimited, or a prefix of a
/// unit that long).
Head ReadHead(ByteView head);

}  // namespace protolm::http
