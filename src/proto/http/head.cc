// Scanning and reading message heads (see head.h).
#include "proto/http/head.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "proto/http/fault.h"
#include "proto/http/syntax.h"
#include "util/escaped_text.h"

namespace protolm::http {
namespace {

enum class Shape : uint8_t { kYes, kMaybe, kNo };

/// Bytes of the empty lines (CRLF or LF) at the start of `s`.
size_t EmptyLinesBefore(ByteView s) {
  size_t at = 0;
  while (at < s.size()) {
    if (s[at] == '\n') {
      ++at;
    } else if (s[at] == '\r' && at + 1 < s.size() && s[at + 1] == '\n') {
      at += 2;
    } else {
      break;
    }
  }
  return at;
}

/// Whether `s` starts like a start line: visible bytes, then a space.
Shape StartShape(ByteView s) {
  for (size_t n = 0; n < s.size() && n <= kMaxMethodBytes; ++n) {
    if (s[n] == ' ') return n > 0 ? Shape::kYes : Shape::kNo;
    if (s[n] < 0x21 || s[n] > 0x7e) return Shape::kNo;
  }
  return s.size() <= kMaxMethodBytes ? Shape::kMaybe : Shape::kNo;
}

/// "HTTP/" in any case: a status line (a lower-case one is a version fault).
bool StartsWithHttpSlash(ByteView s) {
  return s.size() >= 5 && EqualsIgnoringCase(AsText(s.first(5)), "HTTP/");
}

/// A request line with one space: method and target, no version (and not
/// a method and a version without a target).
bool IsHttp09RequestLine(ByteView line) {
  if (StartsWithHttpSlash(line) ||
      std::count(line.begin(), line.end(), uint8_t{' '}) != 1)
    return false;
  const auto space = std::find(line.begin(), line.end(), uint8_t{' '});
  return !StartsWithHttpSlash(
      line.subspan(static_cast<size_t>(space - line.begin()) + 1));
}

/// The line at `from`, or the rest of `b` when no LF ends it.
Line LineAt(ByteView b, size_t from) {
  if (std::optional<Line> line = NextLine(b, from)) return *line;
  return Line{from, b.size() - from, b.size()};
}

std::string ByteFault(uint8_t c, std::string_view what) {
  return "byte 0x" + ToHex(ByteView(&c, 1)) + " " + std::string(what);
}

/// The first byte of `span` that `ok` rejects, as a fault of `field`.
template <typename Ok>
Status CheckBytes(ByteView b, Span span, std::string_view field,
                  std::string_view what, Ok ok) {
  for (size_t i = span.offset; i < span.offset + span.length; ++i)
    if (!ok(b[i])) return MalformedAt(field, ByteFault(b[i], what), i);
  return Status::Ok();
}

/// "HTTP/1.x" at `span`: sets the minor version or states the fault.
Status ReadVersion(ByteView b, Span span, Head& h) {
  const ByteView v = b.subspan(span.offset, span.length);
  auto digit = [&](size_t i) { return v[i] >= '0' && v[i] <= '9'; };
  if (v.size() != 8 || AsText(v.first(5)) != "HTTP/" || !digit(5) ||
      v[6] != '.' || !digit(7))
    return MalformedAt("version",
                       QuotedForMessage(AsText(v)) + " is no HTTP-version",
                       span.offset);
  if (v[5] != '1')
    return MalformedAt("version",
                       QuotedForMessage(AsText(v)) + " is not HTTP/1.x",
                       span.offset);
  h.minor_version = v[7] - '0';
  return Status::Ok();
}

void ReadRequestLine(ByteView b, const Line& line, Head& h) {
  const ByteView text = b.subspan(line.offset, line.length);
  const auto sp1 = std::find(text.begin(), text.end(), uint8_t{' '});
  const size_t method_end = static_cast<size_t>(sp1 - text.begin());
  h.method = {line.offset, method_end};
  if (method_end == 0)
    KeepFirst(MalformedAt("method", "empty", line.offset), &h.fault);
  KeepFirst(
      CheckBytes(b, h.method, "method", "is no token character", IsTokenChar),
      &h.fault);
  if (sp1 == text.end()) {
    KeepFirst(MalformedAt("request_line", "no space after the method",
                          line.offset + line.length),
              &h.fault);
    return;
  }
  const auto sp2 = std::find(sp1 + 1, text.end(), uint8_t{' '});
  const size_t target_at = method_end + 1;
  if (sp2 == text.end() &&
      StartsWithHttpSlash(text.subspan(target_at))) {  // "GET HTTP/1.1"
    h.target = {line.offset + target_at, 0};
    KeepFirst(MalformedAt("request_target", "missing", h.target.offset),
              &h.fault);
    h.version = {line.offset + target_at, line.length - target_at};
    KeepFirst(ReadVersion(b, h.version, h), &h.fault);
    return;
  }
  const size_t target_end = static_cast<size_t>(sp2 - text.begin());
  h.target = {line.offset + target_at, target_end - target_at};
  if (h.target.length == 0)
    KeepFirst(MalformedAt("request_target", "empty", h.target.offset),
              &h.fault);
  KeepFirst(
      CheckBytes(b, h.target, "request_target", "is not allowed", IsTargetChar),
      &h.fault);
  if (sp2 == text.end()) {
    h.version = {line.offset + line.length, 0};
    KeepFirst(MalformedAt("version", "missing (an HTTP/0.9 request line)",
                          h.version.offset),
              &h.fault);
    return;
  }
  h.version = {line.offset + target_end + 1, line.length - target_end - 1};
  KeepFirst(ReadVersion(b, h.version, h), &h.fault);
}

void ReadStatusLine(ByteView b, const Line& line, Head& h) {
  const ByteView text = b.subspan(line.offset, line.length);
  const auto sp = std::find(text.begin(), text.end(), uint8_t{' '});
  const size_t version_end = static_cast<size_t>(sp - text.begin());
  h.version = {line.offset, version_end};
  KeepFirst(ReadVersion(b, h.version, h), &h.fault);
  const size_t status_at = std::min(version_end + 1, text.size());
  const size_t status_end = std::min(status_at + 3, text.size());
  h.status = {line.offset + status_at, status_end - status_at};
  const ByteView code = text.subspan(status_at, status_end - status_at);
  const bool digits =
      code.size() == 3 && std::all_of(code.begin(), code.end(), [](uint8_t c) {
        return c >= '0' && c <= '9';
      });
  const bool ends = status_end == text.size() || text[status_end] == ' ';
  if (!digits || !ends) {
    KeepFirst(MalformedAt("status_code", "not three digits", h.status.offset),
              &h.fault);
    return;
  }
  h.status_code =
      (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  const size_t reason_at = std::min(status_end + 1, text.size());
  h.reason = {line.offset + reason_at, text.size() - reason_at};
  KeepFirst(
      CheckBytes(b, h.reason, "reason", "is a control byte", IsFieldValueChar),
      &h.fault);
}

bool IsSpaceOrTab(uint8_t c) { return c == ' ' || c == '\t'; }

/// `span` without the white space at either end.
Span Trimmed(ByteView b, Span span) {
  while (span.length > 0 && IsSpaceOrTab(b[span.offset])) {
    ++span.offset;
    --span.length;
  }
  while (span.length > 0 && IsSpaceOrTab(b[span.offset + span.length - 1]))
    --span.length;
  return span;
}

/// A line starting with white space: continues the field above.
void ReadContinuation(ByteView b, const Line& line, Head& h) {
  if (h.fields.empty()) {
    KeepFirst(MalformedAt("header", "white space before the first header line",
                          line.offset),
              &h.fault);
    return;
  }
  HeaderLine& field = h.fields.back();
  field.obs_fold = true;
  const Span more = Trimmed(b, {line.offset, line.length});
  KeepFirst(CheckBytes(b, more, "header.value", "is a control byte",
                       IsFieldValueChar),
            &h.fault);
  field.line.length = line.offset + line.length - field.line.offset;
  if (more.length == 0) return;
  if (field.value.length == 0) field.value.offset = more.offset;
  field.value.length = more.offset + more.length - field.value.offset;
}

void ReadFieldLine(ByteView b, const Line& line, Head& h) {
  const ByteView text = b.subspan(line.offset, line.length);
  HeaderLine field;
  field.line = {line.offset, line.length};
  const auto colon = std::find(text.begin(), text.end(), uint8_t{':'});
  const size_t name_end = static_cast<size_t>(colon - text.begin());
  field.name = {line.offset, name_end};
  if (colon == text.end()) {
    KeepFirst(MalformedAt("header", "no colon in a header line", line.offset),
              &h.fault);
  } else {
    if (name_end == 0)
      KeepFirst(MalformedAt("header.name", "empty", line.offset), &h.fault);
    KeepFirst(CheckBytes(b, field.name, "header.name", "is no token character",
                         IsTokenChar),
              &h.fault);
    field.value =
        Trimmed(b, {line.offset + name_end + 1, line.length - name_end - 1});
    KeepFirst(CheckBytes(b, field.value, "header.value", "is a control byte",
                         IsFieldValueChar),
              &h.fault);
  }
  h.fields.push_back(field);
}

void ReadFields(ByteView b, size_t at, Head& h) {
  h.header_section = {at, 0};
  while (at < b.size()) {
    const Line line = LineAt(b, at);
    if (line.length == 0) break;
    if (IsSpaceOrTab(b[line.offset])) {
      ReadContinuation(b, line, h);
    } else {
      ReadFieldLine(b, line, h);
    }
    h.header_section.length = line.next - h.header_section.offset;
    at = line.next;
  }
}

std::string_view TextOf(ByteView b, Span span) {
  return AsText(b.subspan(span.offset, span.length));
}

/// A Content-Length value: digits, or a list of equal numbers (RFC 9110
/// section 8.6); nullopt after stating the fault.
std::optional<uint64_t> ReadContentLength(ByteView b, Span value, Head& h) {
  std::optional<uint64_t> out;
  size_t at = value.offset;
  const size_t end = value.offset + value.length;
  while (true) {
    const auto comma =
        std::find(b.begin() + static_cast<long>(at),
                  b.begin() + static_cast<long>(end), uint8_t{','});
    const size_t item_end = static_cast<size_t>(comma - b.begin());
    const Span item = Trimmed(b, {at, item_end - at});
    const std::string_view digits = TextOf(b, item);
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(),
                     [](char c) { return c >= '0' && c <= '9'; })) {
      KeepFirst(
          MalformedAt("content_length",
                      QuotedForMessage(TextOf(b, value)) + " is not a length",
                      value.offset),
          &h.fault);
      return std::nullopt;
    }
    const uint64_t n = std::stoull(std::string(digits));
    if (out && *out != n) {
      KeepFirst(MalformedAt("content_length",
                            "list " + QuotedForMessage(TextOf(b, value)) +
                                " holds different lengths",
                            value.offset),
                &h.fault);
      return std::nullopt;
    }
    out = n;
    if (item_end >= end) return out;
    at = item_end + 1;
  }
}

/// Content-Length and Transfer-Encoding: how the body is delimited.
void ReadFramingFields(ByteView b, Head& h) {
  const HeaderLine* length_field = nullptr;
  const HeaderLine* coding_field = nullptr;
  bool bad_length = false;
  for (const HeaderLine& field : h.fields) {
    const std::string_view name = TextOf(b, field.name);
    if (EqualsIgnoringCase(name, "content-length")) {
      std::optional<uint64_t> n = ReadContentLength(b, field.value, h);
      if (!n) {
        bad_length = true;
      } else if (h.content_length && *h.content_length != *n) {
        KeepFirst(MalformedAt("content_length",
                              std::to_string(*n) + " disagrees with " +
                                  std::to_string(*h.content_length),
                              field.value.offset),
                  &h.fault);
        bad_length = true;
      } else {
        h.content_length = n;
      }
      length_field = &field;
    } else if (EqualsIgnoringCase(name, "transfer-encoding")) {
      h.transfer_encoding = true;
      coding_field = &field;
      const std::string_view codings = TextOf(b, field.value);
      const size_t comma = codings.rfind(',');
      const size_t last_at = comma == std::string_view::npos ? 0 : comma + 1;
      const Span last = Trimmed(
          b, {field.value.offset + last_at, field.value.length - last_at});
      h.chunked = EqualsIgnoringCase(TextOf(b, last), "chunked");
    }
  }
  if (bad_length) h.content_length.reset();
  if (h.transfer_encoding && length_field != nullptr)
    KeepFirst(MalformedAt("content_length",
                          "sent with Transfer-Encoding (RFC 9112 section 6.1)",
                          length_field->line.offset),
              &h.fault);
  if (!h.response && h.transfer_encoding && !h.chunked)
    KeepFirst(MalformedAt("transfer_encoding",
                          "the final coding of a request is not chunked",
                          coding_field->line.offset),
              &h.fault);
}

/// An HTTP/1.1 request names its host exactly once (RFC 9112 section 3.2).
void CheckHost(ByteView b, Head& h) {
  size_t hosts = 0;
  for (const HeaderLine& field : h.fields) {
    if (!EqualsIgnoringCase(TextOf(b, field.name), "host")) continue;
    if (++hosts == 2)
      KeepFirst(MalformedAt("host", "a second Host header", field.line.offset),
                &h.fault);
  }
  if (hosts == 0)
    KeepFirst(MalformedAt("host", "HTTP/1.1 request without a Host header",
                          h.header_section.offset + h.header_section.length),
              &h.fault);
}

}  // namespace

HeadScan ScanHead(ByteView stream) {
  using Kind = HeadScan::Kind;
  const size_t start = EmptyLinesBefore(stream);
  if (start >= kMaxHeadBytes) return {Kind::kInvalid, 0};
  switch (StartShape(stream.subspan(start))) {
    case Shape::kNo:
      return {Kind::kInvalid, 0};
    case Shape::kMaybe:
      return {Kind::kNeedMore, 0};
    case Shape::kYes:
      break;
  }
  size_t at = start;
  for (bool first = true;; first = false) {
    std::optional<Line> line = NextLine(stream, at);
    if (!line)
      return {stream.size() >= kMaxHeadBytes ? Kind::kInvalid : Kind::kNeedMore,
              0};
    if (line->next > kMaxHeadBytes) return {Kind::kInvalid, 0};
    if (line->length == 0) return {Kind::kComplete, line->next};
    if (first &&
        IsHttp09RequestLine(stream.subspan(line->offset, line->length)))
      return {Kind::kComplete, line->next};
    at = line->next;
  }
}

Head ReadHead(ByteView b) {
  Head h;
  h.size = b.size();
  const Line start = LineAt(b, EmptyLinesBefore(b));
  h.start_line = {start.offset, start.length};
  h.response = StartsWithHttpSlash(b.subspan(start.offset, start.length));
  if (h.response) {
    ReadStatusLine(b, start, h);
  } else {
    ReadRequestLine(b, start, h);
  }
  if (!h.version.length) return h;  // HTTP/0.9: a request line alone
  ReadFields(b, start.next, h);
  ReadFramingFields(b, h);
  if (!h.response && h.minor_version == 1) CheckHost(b, h);
  return h;
}

}  // namespace protolm::http
