// Cuts one direction of a reassembled stream into application PDUs.
//
// Bytes arrive in order (from the TCP reassembler) in chunks of any size; the
// codec's Frame says where each PDU ends, so several PDUs in one chunk and one
// PDU over several chunks both come out whole. When the codec rejects a
// header, the bytes at hand are dropped and framing starts afresh with the
// next chunk (a TCP segment), as Wireshark does. After lost bytes (a gap) the
// framer resynchronises: it asks the codec for the next plausible PDU start.
// Skipped bytes are counted. Memory is bounded by max_pdu_bytes. Not
// thread-safe; one framer per flow direction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "proto/codec.h"
#include "util/bytes.h"

namespace protolm {

class PduFramer {
 public:
  using OnPdu = std::function<void(ByteView pdu)>;

  /// `codec` must outlive the framer.
  explicit PduFramer(const Codec& codec, size_t max_pdu_bytes = 1 << 20);

  /// Appends stream bytes and emits every PDU they complete.
  void Feed(ByteView data, const OnPdu& on_pdu);
  /// Bytes were lost before the next Feed: drop the partial PDU and resync.
  void Gap();

  /// Stream bytes discarded because they could not be framed.
  uint64_t skipped_bytes() const { return skipped_bytes_; }
  /// Times framing was lost: gaps and rejected headers.
  uint64_t resyncs() const { return resyncs_; }

 private:
  /// Frames PDUs from the start of `view`; returns how many bytes were used
  /// up (emitted or skipped). The rest must be kept for the next call.
  size_t Consume(ByteView view, const OnPdu& on_pdu);

  const Codec& codec_;
  size_t max_pdu_bytes_;
  Bytes buffer_;            // bytes of an incomplete PDU (or resync tail)
  bool resyncing_ = false;  // looking for a PDU start
  uint64_t skipped_bytes_ = 0;
  uint64_t resyncs_ = 0;
};

}  // namespace protolm
