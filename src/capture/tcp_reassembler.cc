// TcpStreamReassembler (see tcp_reassembler.h).
#include "capture/tcp_reassembler.h"

#include <algorithm>
#include <iterator>

namespace protolm {

TcpStreamReassembler::~TcpStreamReassembler() {
  stats_.buffered_bytes -= buffered_bytes_;
}

int64_t TcpStreamReassembler::OffsetOf(uint32_t seq) const {
  uint32_t next_seq = base_seq_ + static_cast<uint32_t>(next_);
  return next_ + static_cast<int32_t>(seq - next_seq);
}

void TcpStreamReassembler::Deliver(int64_t ts_us, ByteView bytes, Output& out) {
  next_ += static_cast<int64_t>(bytes.size());
  out.Data(ts_us, bytes);
}

void TcpStreamReassembler::Store(int64_t start, int64_t ts_us, ByteView bytes) {
  if (bytes.empty()) return;
  buffer_.emplace(start, Piece{ts_us, Bytes(bytes.begin(), bytes.end())});
  size_t charge = bytes.size() + kPieceOverhead;
  buffered_bytes_ += charge;
  stats_.buffered_bytes += charge;
}

void TcpStreamReassembler::Insert(int64_t start, int64_t ts_us,
                                  ByteView bytes) {
  int64_t end = start + static_cast<int64_t>(bytes.size());
  int64_t cursor = start;
  auto it = buffer_.upper_bound(start);
  if (it != buffer_.begin()) {
    auto before = std::prev(it);
    int64_t before_end =
        before->first + static_cast<int64_t>(before->second.data.size());
    if (before_end > cursor) {
      stats_.retransmitted_bytes += std::min(before_end, end) - cursor;
      cursor = std::min(before_end, end);
    }
  }
  for (; it != buffer_.end() && it->first < end && cursor < end; ++it) {
    int64_t piece_end =
        it->first + static_cast<int64_t>(it->second.data.size());
    if (it->first > cursor) {
      Store(cursor, ts_us, bytes.subspan(cursor - start, it->first - cursor));
    }
    int64_t covered_to = std::min(piece_end, end);
    int64_t overlap_from = std::max(it->first, cursor);
    if (covered_to > overlap_from) {
      stats_.retransmitted_bytes += covered_to - overlap_from;
    }
    cursor = std::max(cursor, covered_to);
  }
  if (cursor < end) Store(cursor, ts_us, bytes.subspan(cursor - start));
}

void TcpStreamReassembler::Drain(Output& out) {
  while (!buffer_.empty() && buffer_.begin()->first <= next_) {
    auto node = buffer_.extract(buffer_.begin());
    Piece& piece = node.mapped();
    size_t charge = piece.data.size() + kPieceOverhead;
    buffered_bytes_ -= charge;
    stats_.buffered_bytes -= charge;
    // Pieces never overlap and start past every byte delivered when
    // stored, so the head to skip is empty unless a gap jumped into it.
    ByteView bytes(piece.data);
    size_t skip = static_cast<size_t>(next_ - node.key());
    if (skip < bytes.size()) Deliver(piece.ts_us, bytes.subspan(skip), out);
  }
}

void TcpStreamReassembler::GiveUpFirstHole(int64_t ts_us, Output& out) {
  if (buffer_.empty()) return;
  int64_t first = buffer_.begin()->first;
  if (first > next_) {
    uint64_t missing = static_cast<uint64_t>(first - next_);
    stats_.lost_bytes += missing;
    next_ = first;
    out.Gap(ts_us, missing);
  }
  Drain(out);
}

bool TcpStreamReassembler::OverBudget() const {
  return buffered_bytes_ > limits_.max_buffered_bytes ||
         stats_.buffered_bytes > limits_.max_total_buffered_bytes;
}

void TcpStreamReassembler::AddSegment(int64_t ts_us, uint32_t seq, bool syn,
                                      bool fin, ByteView payload, Output& out) {
  uint32_t data_seq = syn ? seq + 1 : seq;
  if (!started_) {
    if (payload.empty() && !syn && !fin) return;  // nothing to anchor on
    started_ = true;
    base_seq_ = data_seq;
  }
  if (syn && !syn_seq_) syn_seq_ = seq;
  int64_t start = OffsetOf(data_seq);
  int64_t end = start + static_cast<int64_t>(payload.size());
  if (fin && !fin_offset_) fin_offset_ = end;
  if (payload.empty()) return;

  if (end <= next_) {  // everything was delivered (or given up) already
    stats_.retransmitted_bytes += payload.size();
    return;
  }
  if (start < next_) {  // the head overlaps delivered bytes
    stats_.retransmitted_bytes += static_cast<uint64_t>(next_ - start);
    payload = payload.subspan(static_cast<size_t>(next_ - start));
    start = next_;
  }
  if (start == next_ && buffer_.empty()) {
    Deliver(ts_us, payload, out);
    return;
  }
  if (start > next_) stats_.out_of_order_segments++;
  Insert(start, ts_us, payload);
  if (start - next_ > static_cast<int64_t>(limits_.reorder_window)) {
    while (!buffer_.empty() && buffer_.begin()->first <= start) {
      GiveUpFirstHole(ts_us, out);
    }
  }
  Drain(out);
  while (!buffer_.empty() && OverBudget()) GiveUpFirstHole(ts_us, out);
}

void TcpStreamReassembler::OnPeerAck(int64_t ts_us, uint32_t ack, Output& out) {
  if (!started_ || buffer_.empty()) return;
  int64_t acked = OffsetOf(ack);
  const auto& last = *buffer_.rbegin();
  int64_t furthest = last.first + static_cast<int64_t>(last.second.data.size());
  // An acknowledgement far beyond anything seen is corrupt, not evidence.
  if (acked > furthest + static_cast<int64_t>(limits_.reorder_window)) return;
  while (!buffer_.empty() && buffer_.begin()->first <= acked) {
    GiveUpFirstHole(ts_us, out);
  }
}

void TcpStreamReassembler::Flush(int64_t ts_us, Output& out) {
  while (!buffer_.empty()) GiveUpFirstHole(ts_us, out);
}

}  // namespace protolm
