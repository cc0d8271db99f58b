// TcpStreamReassembler: one direction of a TCP connection as an ordered
// byte stream.
//
// Segments are placed by sequence number (32-bit, wrapping) on a 64-bit
// stream offset. In-order bytes are delivered at once; bytes ahead of a hole
// wait in a bounded buffer until the hole fills. Bytes that arrive twice
// (retransmissions, overlaps) keep the first copy and are counted. A hole is
// given up — a gap event with the number of missing bytes, then the bytes
// after it — when:
//   * the peer acknowledges bytes past the hole (the receiver got them, so
//     the capture missed them and they will not come),
//   * a segment arrives more than `reorder_window` bytes past the hole (a
//     capture that lost packets, or a corrupt sequence number: real
//     reordering is much shorter),
//   * the direction's buffer exceeds `max_buffered_bytes`, or all
//     directions together exceed `max_total_buffered_bytes`,
//   * the flow ends (Flush).
// Bytes that arrive after their place was given up are dropped as
// retransmissions. This matches how Wireshark treats such segments: it
// dissects the new data after a gap at once and ignores data below the
// highest sequence number it has seen.
//
// A direction starts at its SYN (data at ISN+1) or, mid-stream, at the
// first sequence number that carries data. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "util/bytes.h"

namespace protolm {

struct TcpReassemblyLimits {
  /// Bytes one direction may hold ahead of a hole.
  size_t max_buffered_bytes = 1u << 20;
  /// Bytes all directions of all flows may hold ahead of holes.
  size_t max_total_buffered_bytes = 256u << 20;
  /// How far past a hole a segment may start before the hole is given up.
  uint32_t reorder_window = 64u << 10;
};

/// Counters shared by every direction of every flow (owned by the caller).
struct TcpReassemblyStats {
  uint64_t retransmitted_bytes = 0;    // bytes that arrived again
  uint64_t out_of_order_segments = 0;  // segments that started past a hole
  uint64_t lost_bytes = 0;             // bytes reported in gap events
  size_t buffered_bytes = 0;           // held now, all directions
};

class TcpStreamReassembler {
 public:
  /// Receives the stream. Data views are valid only during the call.
  class Output {
   public:
    virtual ~Output() = default;
    /// `ts_us`: capture time of the segment that carried the bytes.
    virtual void Data(int64_t ts_us, ByteView bytes) = 0;
    /// `ts_us`: capture time of the packet that made the hole be given up.
    virtual void Gap(int64_t ts_us, uint64_t missing_bytes) = 0;
  };

  /// `limits` and `stats` must outlive the reassembler.
  TcpStreamReassembler(const TcpReassemblyLimits& limits,
                       TcpReassemblyStats& stats)
      : limits_(limits), stats_(stats) {}
  ~TcpStreamReassembler();
  TcpStreamReassembler(const TcpStreamReassembler&) = delete;
  TcpStreamReassembler& operator=(const TcpStreamReassembler&) = delete;

  /// Offers one segment sent in this direction.
  void AddSegment(int64_t ts_us, uint32_t seq, bool syn, bool fin,
                  ByteView payload, Output& out);
  /// The other direction acknowledged everything before `ack`.
  void OnPeerAck(int64_t ts_us, uint32_t ack, Output& out);
  /// Gives up every hole, delivering all buffered bytes (flow end).
  void Flush(int64_t ts_us, Output& out);

  bool started() const { return started_; }
  /// The stream is complete up to a FIN.
  bool finished() const { return fin_offset_ && next_ >= *fin_offset_; }
  /// The sequence number of the SYN that started the direction, if any.
  std::optional<uint32_t> syn_seq() const { return syn_seq_; }
  size_t buffered_bytes() const { return buffered_bytes_; }

 private:
  struct Piece {
    int64_t ts_us = 0;
    Bytes data;
  };
  /// Memory charged per buffered piece beyond its bytes (map node, vector).
  static constexpr size_t kPieceOverhead = 64;

  /// Stream offset of sequence number `seq`, taken as the nearest one to
  /// the next expected byte (RFC 1982 serial number arithmetic).
  int64_t OffsetOf(uint32_t seq) const;
  void Deliver(int64_t ts_us, ByteView bytes, Output& out);
  /// Stores [start, start + bytes.size()) minus what is already buffered.
  void Insert(int64_t start, int64_t ts_us, ByteView bytes);
  void Store(int64_t start, int64_t ts_us, ByteView bytes);
  /// Delivers buffered pieces that start at or before the next offset.
  void Drain(Output& out);
  /// Reports the hole before the first buffered piece as a gap, then drains.
  void GiveUpFirstHole(int64_t ts_us, Output& out);
  bool OverBudget() const;

  const TcpReassemblyLimits& limits_;
  TcpReassemblyStats& stats_;
  bool started_ = false;
  uint32_t base_seq_ = 0;  // sequence number of stream offset 0
  int64_t next_ = 0;       // stream offset of the next byte to deliver
  std::optional<int64_t> fin_offset_;
  std::optional<uint32_t> syn_seq_;
  std::map<int64_t, Piece> buffer_;  // by stream offset, non-overlapping
  size_t buffered_bytes_ = 0;
};

}  // namespace protolm
