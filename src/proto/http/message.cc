// Dissection of a framed HTTP/1.x message (see message.h).
#include "proto/http/message.h"

#include <string>

#include "proto/http/body.h"
#include "proto/http/fault.h"
#include "proto/http/field_levels.h"
#include "proto/http/head.h"
#include "proto/http/syntax.h"
#include "util/escaped_text.h"

namespace protolm::http {
namespace {

std::string Shown(ByteView unit, Span span) {
  return EscapedText(unit.subspan(span.offset, span.length), Spaces::kKeep);
}

Field& AddSpan(Field& parent, std::string name, ByteView unit, Span span,
               int level = kLevelHidden) {
  return parent.AddText(std::move(name), Shown(unit, span), span.offset,
                        span.length, level);
}

void AddStartLine(ByteView unit, const Head& h, Field& root) {
  Field& line =
      root.AddText("start_line", "", h.start_line.offset, h.start_line.length);
  if (!h.response) {
    AddSpan(line, "method", unit, h.method, kLevelKind);
    if (h.target.length > 0) AddSpan(line, "request_target", unit, h.target);
    if (h.version.length > 0)
      AddSpan(line, "version", unit, h.version, kLevelKeyFields);
    return;
  }
  AddSpan(line, "version", unit, h.version, kLevelKeyFields);
  if (h.status_code < 0) return;
  line.AddText("status_class", std::to_string(h.status_code / 100) + "xx",
               h.status.offset, 1, kLevelKind);
  line.AddNumber("status_code", h.status_code, h.status.offset, 3,
                 kLevelKeyFields);
  AddSpan(line, "reason", unit, h.reason);
}

void AddHeaders(ByteView unit, const Head& h, Field& root) {
  Field& headers =
      root.AddText("headers", std::to_string(h.fields.size()),
                   h.header_section.offset, h.header_section.length);
  headers.number = static_cast<int64_t>(h.fields.size());
  for (const HeaderLine& line : h.fields) {
    Field& header =
        headers.AddText("header", Shown(unit, line.name), line.line.offset,
                        line.line.length, kLevelKeyFields);
    AddSpan(header, "name", unit, line.name);
    AddSpan(header, "value", unit, line.value);
    if (line.obs_fold)
      header.AddText("obs_fold", "obsolete line folding (RFC 9112 5.2)",
                     line.line.offset, line.line.length);
  }
}

/// The body after a head of `head_size` bytes; its first fault.
Status AddBody(ByteView unit, const Head& h, size_t head_size, Field& root) {
  const BodyKind kind = BodyKindOf(h);
  const size_t available = unit.size() - head_size;
  Field& body = root.AddText("body", BodyKindName(kind), head_size, available,
                             kLevelKeyFields);
  const bool at_limit = unit.size() >= kMaxUnitBytes;
  auto cut = [&] {
    body.AddText("cut_at_unit_limit",
                 "framed up to " + std::to_string(kMaxUnitBytes) + " bytes",
                 unit.size(), 0);
    return Status::Ok();
  };
  auto extra = [&](size_t body_size) {
    return MalformedAt("body",
                       std::to_string(available - body_size) +
                           " bytes after the end of the message",
                       head_size + body_size);
  };
  const bool announced =
      kind == BodyKind::kChunked ||
      (kind == BodyKind::kContentLength && *h.content_length > 0);
  if (h.response && announced && available == 0) {
    body.value = BodyKindName(BodyKind::kNone);
    body.AddText("presumed_head_response",
                 "a body announced and no body bytes: presumed to answer HEAD",
                 head_size, 0);
    return Status::Ok();
  }
  switch (kind) {
    case BodyKind::kNone:
      return available > 0 ? extra(0) : Status::Ok();
    case BodyKind::kContentLength: {
      const uint64_t length = *h.content_length;
      if (length > available) {
        if (at_limit) return cut();
        return FaultAt(StatusCode::kTruncated, "body",
                       "Content-Length " + std::to_string(length) + ", " +
                           std::to_string(available) + " bytes present",
                       head_size);
      }
      if (length < available) return extra(static_cast<size_t>(length));
      return Status::Ok();
    }
    case BodyKind::kChunked: {
      const ChunkScan scan =
          ScanChunked(unit.subspan(head_size), head_size, &body);
      switch (scan.kind) {
        case ChunkScan::Kind::kComplete:
          return scan.size < available ? extra(scan.size) : Status::Ok();
        case ChunkScan::Kind::kInvalid:
          return scan.fault;
        case ChunkScan::Kind::kNeedMore:
          if (at_limit) return cut();
          return FaultAt(StatusCode::kTruncated, "body",
                         "chunked body ends before its last chunk",
                         unit.size());
      }
      return Status::Ok();
    }
    case BodyKind::kCloseDelimited:
      return at_limit ? cut() : Status::Ok();
  }
  return Status::Ok();
}

PduInfo InfoOf(ByteView unit, const Head& h) {
  PduInfo info;
  if (h.response) {
    if (h.status_code < 0) return info;
    info.role = h.status_code < 200 ? PduRole::kEvent : PduRole::kResponse;
    info.function = std::to_string(h.status_code);
    info.exception = h.status_code >= 400;
    return info;
  }
  if (h.method.length == 0) return info;
  info.role = PduRole::kRequest;
  info.function = EscapedText(unit.subspan(h.method.offset, h.method.length),
                              Spaces::kEscape);
  return info;
}

}  // namespace

Dissection DissectMessage(ByteView unit, Direction /*dir*/) {
  Dissection d;
  const HeadScan scan = ScanHead(unit);
  const bool complete = scan.kind == HeadScan::Kind::kComplete;
  const size_t head_size = complete ? scan.size : unit.size();
  const Head head = ReadHead(unit.first(head_size));
  d.tree.name = head.response ? "http.resp" : "http.req";
  d.tree.length = unit.size();
  d.info = InfoOf(unit, head);
  if (unit.empty()) {
    d.status = FaultAt(StatusCode::kTruncated, "start_line", "empty unit", 0);
    return d;
  }
  AddStartLine(unit, head, d.tree);
  d.status = head.fault;
  if (head.version.length == 0) {  // HTTP/0.9: the request line alone
    if (head_size < unit.size())
      KeepFirst(MalformedAt("request_line", "bytes after an HTTP/0.9 request",
                            head_size),
                &d.status);
    return d;
  }
  AddHeaders(unit, head, d.tree);
  if (!complete) {
    KeepFirst(
        scan.kind == HeadScan::Kind::kNeedMore
            ? FaultAt(StatusCode::kTruncated, "headers",
                      "no blank line ends the header section", unit.size())
            : MalformedAt("start_line",
                          "no HTTP/1.x start line, or a head over " +
                              std::to_string(kMaxHeadBytes) + " bytes",
                          0),
        &d.status);
    return d;
  }
  KeepFirst(AddBody(unit, head, head_size, d.tree), &d.status);
  return d;
}

}  // namespace protolm::http
