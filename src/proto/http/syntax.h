// The character classes and limits of HTTP/1.x message syntax (RFC 9110
// section 5.6, RFC 9112 sections 2-7), shared by framing and dissection.
//
// Lines end in CRLF; a bare LF is accepted as a line end too (RFC 9112
// section 2.2 allows it), and the CR is then not part of the line. The
// limits bound what one framed unit may hold: a head (start line and header
// section) of at most kMaxHeadBytes, and a whole unit of at most
// kMaxUnitBytes, which is also ingest's bound on one PDU (ingest/pdu_framer.h).
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "util/bytes.h"

namespace protolm::http {

/// The longest head (start line, header section, blank line) framed.
inline constexpr size_t kMaxHeadBytes = 64 * 1024;
/// The longest unit framed: a message whose body runs past it is framed up
/// to here and its remaining bytes are left to the caller (docs/http.md).
inline constexpr size_t kMaxUnitBytes = 1 << 20;
/// The longest method token a start line may begin with.
inline constexpr size_t kMaxMethodBytes = 24;

/// tchar: the characters of a token (method, header name).
bool IsTokenChar(uint8_t c);
/// A byte a field value may hold: VCHAR, SP, HTAB or obs-text (>= 0x80).
bool IsFieldValueChar(uint8_t c);
/// A byte of a request-target: VCHAR (no control byte, space or obs-text).
inline bool IsTargetChar(uint8_t c) { return c > 0x20 && c < 0x7f; }

/// The bytes as text (a view of the same memory).
inline std::string_view AsText(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
/// ASCII case-insensitive equality.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);
/// One of the methods RFC 9110 and RFC 5789 define (GET, HEAD, POST, PUT,
/// DELETE, CONNECT, OPTIONS, TRACE, PATCH); case-sensitive.
bool IsStandardMethod(std::string_view method);

/// A line of `bytes` starting at `from`: where its content ends (a CR
/// before the LF excluded) and where the next line starts; nullopt when
/// no LF follows yet.
struct Line {
  size_t offset = 0;
  size_t length = 0;  // content only
  size_t next = 0;    // after the LF
};
std::optional<Line> NextLine(ByteView bytes, size_t from);

/// The status line prefix "HTTP/1.x DDD" at the start of `bytes` (a whole
/// one: 12 bytes, digits where digits belong).
bool StartsWithStatusLine(ByteView bytes);

}  // namespace protolm::http
