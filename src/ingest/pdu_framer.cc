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

void PduFramer::Drop(size_t n) {
  start_ += n;
  skipped_bytes_ += n;
}

void PduFramer::Gap() {
  if (start_ < buffer_.size()) skipped_bytes_ += buffer_.size() - start_;
  buffer_.clear();
  start_ = 0;
  if (!resyncing_) ++resyncs_;
  resyncing_ = true;
}

void PduFramer::Resync() {
  ByteView rest(buffer_.data() + start_, buffer_.size() - start_);
  std::optional<size_t> at = codec_.Resync(rest);
  if (at && *at < rest.size()) {
    Drop(*at);
    resyncing_ = false;
  } else if (rest.size() > kResyncTail) {
    Drop(rest.size() - kResyncTail);
  }
}

void PduFramer::Feed(ByteView data, const OnPdu& on_pdu) {
  buffer_.insert(buffer_.end(), data.begin(), data.end());
  while (start_ < buffer_.size()) {
    if (resyncing_) {
      Resync();
      if (resyncing_) break;  // no start yet: wait for more bytes
    }
    ByteView rest(buffer_.data() + start_, buffer_.size() - start_);
    FrameResult frame = codec_.Frame(rest);
    if (frame.kind == FrameResult::Kind::kFrame && frame.length > 0 &&
        frame.length <= rest.size()) {
      on_pdu(rest.first(frame.length));
      start_ += frame.length;
      continue;
    }
    if (frame.kind == FrameResult::Kind::kNeedMore &&
        std::max(frame.length, rest.size()) <= max_pdu_bytes_) {
      break;
    }
    // Rejected (or absurdly long): like Wireshark, give up on the bytes at
    // hand and frame again from the start of the next chunk.
    Drop(rest.size());
    ++resyncs_;
    break;
  }
  // Compact so the buffer holds only what is not consumed.
  if (start_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<long>(start_));
    start_ = 0;
  }
}

}  // namespace protolm
