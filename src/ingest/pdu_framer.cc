// Stream-to-PDU framing with resynchronisation (see pdu_framer.h).
#include "ingest/pdu_framer.h"

#include <algorithm>

namespace protolm {

namespace {
// Bytes kept while no PDU start is found: enough for any codec's header.
constexpr size_t kResyncTail = 32;
}  // namespace

PduFramer::PduFramer(const Codec& codec, size_t max_pdu_bytes)
    : codec_(codec), max_pdu_bytes_(max_pdu_bytes) {}

void PduFramer::Gap() {
  skipped_bytes_ += buffer_.size();
  buffer_.clear();
  if (!resyncing_) ++resyncs_;
  resyncing_ = true;
}

size_t PduFramer::Consume(ByteView view, const OnPdu& on_pdu) {
  size_t pos = 0;
  while (pos < view.size()) {
    ByteView rest = view.subspan(pos);
    if (resyncing_) {
      std::optional<size_t> at = codec_.Resync(rest);
      if (!at || *at >= rest.size()) {
        // No start yet: keep only a tail that may hold the next header.
        size_t drop = rest.size() > kResyncTail ? rest.size() - kResyncTail : 0;
        skipped_bytes_ += drop;
        return pos + drop;
      }
      skipped_bytes_ += *at;
      pos += *at;
      rest = view.subspan(pos);
      resyncing_ = false;
    }
    FrameResult frame = codec_.Frame(rest);
    if (frame.kind == FrameResult::Kind::kFrame && frame.length > 0 &&
        frame.length <= rest.size()) {
      on_pdu(rest.first(frame.length));
      pos += frame.length;
      continue;
    }
    if (frame.kind == FrameResult::Kind::kNeedMore &&
        std::max(frame.length, rest.size()) <= max_pdu_bytes_) {
      return pos;
    }
    // Rejected (or absurdly long): like Wireshark, give up on the bytes at
    // hand and frame again from the start of the next chunk.
    skipped_bytes_ += rest.size();
    ++resyncs_;
    return view.size();
  }
  return pos;
}

void PduFramer::Feed(ByteView data, const OnPdu& on_pdu) {
  if (buffer_.empty()) {
    // The common case: frame straight from the caller's bytes and keep only
    // an incomplete tail.
    size_t used = Consume(data, on_pdu);
    buffer_.assign(data.begin() + static_cast<long>(used), data.end());
    return;
  }
  buffer_.insert(buffer_.end(), data.begin(), data.end());
  size_t used = Consume(buffer_, on_pdu);
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<long>(used));
}

}  // namespace protolm
