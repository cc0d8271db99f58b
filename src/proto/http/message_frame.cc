// Framing HTTP/1.x messages (see message_frame.h).
#include "proto/http/message_frame.h"

#include <algorithm>

#include "proto/http/body.h"
#include "proto/http/head.h"
#include "proto/http/syntax.h"

namespace protolm::http {

FrameResult FrameMessage(ByteView stream) {
  const HeadScan scan = ScanHead(stream);
  if (scan.kind == HeadScan::Kind::kInvalid) return FrameResult::Invalid();
  if (scan.kind == HeadScan::Kind::kNeedMore) return FrameResult::NeedMore();
  const size_t head_size = scan.size;
  const Head head = ReadHead(stream.first(head_size));
  const ByteView rest = stream.subspan(head_size);
  const size_t room = kMaxUnitBytes - head_size;
  const BodyKind body = BodyKindOf(head);
  if (head.response && body != BodyKind::kNone && StartsWithStatusLine(rest))
    return FrameResult::Complete(head_size);  // presumed answer to HEAD
  switch (body) {
    case BodyKind::kNone:
      return FrameResult::Complete(head_size);
    case BodyKind::kContentLength: {
      const size_t need = head_size + static_cast<size_t>(std::min<uint64_t>(
                                          *head.content_length, room));
      return stream.size() >= need ? FrameResult::Complete(need)
                                   : FrameResult::NeedMore(need);
    }
    case BodyKind::kChunked: {
      const ChunkScan chunks = ScanChunked(
          rest.first(std::min(rest.size(), room)), head_size, nullptr);
      if (chunks.kind == ChunkScan::Kind::kComplete)
        return FrameResult::Complete(head_size + chunks.size);
      if (chunks.kind == ChunkScan::Kind::kInvalid || rest.size() >= room)
        return FrameResult::Complete(std::min(stream.size(), kMaxUnitBytes));
      return FrameResult::NeedMore();
    }
    case BodyKind::kCloseDelimited:
      return FrameResult::Complete(std::min(stream.size(), kMaxUnitBytes));
  }
  return FrameResult::Invalid();
}

bool StartsWithStandardMethod(ByteView bytes) {
  const auto space = std::find(
      bytes.begin(),
      bytes.begin() +
          static_cast<long>(std::min(bytes.size(), kMaxMethodBytes + 1)),
      uint8_t{' '});
  if (space == bytes.end() || *space != ' ') return false;
  return IsStandardMethod(
      AsText(bytes.first(static_cast<size_t>(space - bytes.begin()))));
}

std::optional<size_t> FindMessageStart(ByteView stream) {
  for (size_t at = 0; at < stream.size(); ++at) {
    if (at > 0 && stream[at - 1] != '\n') continue;
    const ByteView rest = stream.subspan(at);
    if (StartsWithStatusLine(rest) || StartsWithStandardMethod(rest)) return at;
  }
  return std::nullopt;
}

}  // namespace protolm::http
