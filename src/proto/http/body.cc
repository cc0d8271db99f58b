// Body delimitation and the chunked coding (see body.h).
#include "proto/http/body.h"

#include <string>

#include "proto/http/fault.h"
#include "proto/http/syntax.h"
#include "util/escaped_text.h"

namespace protolm::http {
namespace {

/// The longest chunk-size line (size, extensions) or trailer line read.
constexpr size_t kMaxChunkLine = 4096;
/// Hex digits of a chunk size: up to 2^60 - 1, no overflow.
constexpr size_t kMaxSizeDigits = 15;

std::optional<int> HexValue(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

ChunkScan NeedMore() { return {ChunkScan::Kind::kNeedMore, 0, Status::Ok()}; }
ChunkScan Invalid(Status fault) {
  return {ChunkScan::Kind::kInvalid, 0, std::move(fault)};
}

/// The next line of `body` from `at`; nullopt when it has no end yet or is
/// too long (then `scan` says which).
std::optional<Line> ChunkLine(ByteView body, size_t at, size_t body_at,
                              std::string_view field, ChunkScan* scan) {
  std::optional<Line> line = NextLine(body, at);
  if (line && line->length <= kMaxChunkLine) return line;
  if (line || body.size() - at > kMaxChunkLine) {
    *scan = Invalid(MalformedAt(
        field, "line longer than " + std::to_string(kMaxChunkLine) + " bytes",
        body_at + at));
  } else {
    *scan = NeedMore();
  }
  return std::nullopt;
}

/// The trailer lines from `at` to the blank line.
ChunkScan ScanTrailers(ByteView body, size_t at, size_t body_at, Field* into) {
  while (true) {
    ChunkScan scan;
    std::optional<Line> line = ChunkLine(body, at, body_at, "trailer", &scan);
    if (!line) return scan;
    if (line->length == 0) return {ChunkScan::Kind::kComplete, line->next, {}};
    if (into != nullptr)
      into->AddText(
          "trailer",
          EscapedText(body.subspan(line->offset, line->length), Spaces::kKeep),
          body_at + line->offset, line->length);
    at = line->next;
  }
}

}  // namespace

BodyKind BodyKindOf(const Head& h) {
  if (h.version.length == 0) return BodyKind::kNone;  // HTTP/0.9 request
  if (h.response) {
    if (h.status_code < 0) return BodyKind::kNone;
    if (h.status_code < 200 || h.status_code == 204 || h.status_code == 304)
      return BodyKind::kNone;
    if (h.transfer_encoding)
      return h.chunked ? BodyKind::kChunked : BodyKind::kCloseDelimited;
    return h.content_length ? BodyKind::kContentLength
                            : BodyKind::kCloseDelimited;
  }
  if (h.transfer_encoding)
    return h.chunked ? BodyKind::kChunked : BodyKind::kNone;
  return h.content_length ? BodyKind::kContentLength : BodyKind::kNone;
}

const char* BodyKindName(BodyKind kind) {
  switch (kind) {
    case BodyKind::kNone:
      return "none";
    case BodyKind::kContentLength:
      return "content_length";
    case BodyKind::kChunked:
      return "chunked";
    case BodyKind::kCloseDelimited:
      return "close_delimited";
  }
  return "none";
}

ChunkScan ScanChunked(ByteView body, size_t body_at, Field* into) {
  size_t at = 0;
  while (true) {
    ChunkScan scan;
    std::optional<Line> line =
        ChunkLine(body, at, body_at, "chunk_size", &scan);
    if (!line) return scan;
    const ByteView text = body.subspan(line->offset, line->length);
    uint64_t size = 0;
    size_t digits = 0;
    for (; digits < text.size(); ++digits) {
      std::optional<int> v = HexValue(text[digits]);
      if (!v) break;
      size = size << 4 | static_cast<uint64_t>(*v);
    }
    const size_t size_at = body_at + line->offset;
    if (digits == 0)
      return Invalid(MalformedAt("chunk_size", "not a hex number", size_at));
    if (digits > kMaxSizeDigits)
      return Invalid(MalformedAt(
          "chunk_size",
          "more than " + std::to_string(kMaxSizeDigits) + " hex digits",
          size_at));
    size_t ext = digits;
    while (ext < text.size() && (text[ext] == ' ' || text[ext] == '\t')) ++ext;
    if (ext < text.size() && text[ext] != ';')
      return Invalid(MalformedAt("chunk_size", "unexpected byte after the size",
                                 size_at + ext));
    Field* chunk = nullptr;
    if (into != nullptr) {
      chunk = &into->AddNumber(size == 0 ? "last_chunk" : "chunk",
                               static_cast<int64_t>(size), size_at,
                               line->next - line->offset);
      chunk->AddNumber("size", static_cast<int64_t>(size), size_at, digits);
      if (ext < text.size())
        chunk->AddText("extension",
                       EscapedText(text.subspan(ext + 1), Spaces::kKeep),
                       size_at + ext, text.size() - ext);
    }
    if (size == 0) return ScanTrailers(body, line->next, body_at, into);
    const size_t data_at = line->next;
    if (size > body.size() - data_at) return NeedMore();
    const size_t data_end = data_at + static_cast<size_t>(size);
    if (data_end >= body.size()) return NeedMore();
    size_t next = 0;
    if (body[data_end] == '\n') {
      next = data_end + 1;
    } else if (body[data_end] == '\r') {
      if (data_end + 1 >= body.size()) return NeedMore();
      if (body[data_end + 1] != '\n')
        return Invalid(MalformedAt("chunk_data", "not followed by a line end",
                                   body_at + data_end));
      next = data_end + 2;
    } else {
      return Invalid(MalformedAt("chunk_data", "not followed by a line end",
                                 body_at + data_end));
    }
    if (chunk != nullptr) {
      chunk->length = next - line->offset;
      chunk->AddText("data", std::to_string(size) + " bytes", body_at + data_at,
                     static_cast<size_t>(size));
    }
    at = next;
  }
}

}  // namespace protolm::http
