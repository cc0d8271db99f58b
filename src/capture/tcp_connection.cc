// TcpConnection (see tcp_connection.h).
#include "capture/tcp_connection.h"

namespace protolm {

TcpConnection::TcpConnection(const FlowInfo& info,
                             const TcpReassemblyLimits& limits,
                             TcpReassemblyStats& stats, CaptureSink& sink)
    : info_(info),
      sink_(sink),
      streams_{TcpStreamReassembler(limits, stats),
               TcpStreamReassembler(limits, stats)},
      outputs_{DirectionOutput(*this, Direction::kClientToServer),
               DirectionOutput(*this, Direction::kServerToClient)} {}

void TcpConnection::DirectionOutput::Data(int64_t ts_us, ByteView bytes) {
  connection_.sink_.OnStreamData(connection_.info_, dir_, ts_us, bytes);
}

void TcpConnection::DirectionOutput::Gap(int64_t ts_us,
                                         uint64_t missing_bytes) {
  connection_.sink_.OnStreamGap(connection_.info_, dir_, ts_us, missing_bytes);
}

void TcpConnection::OnSegment(Direction dir, int64_t ts_us,
                              const TcpSegment& segment) {
  size_t self = Index(dir);
  size_t peer = 1 - self;
  streams_[self].AddSegment(ts_us, segment.seq, segment.has(TcpSegment::kSyn),
                            segment.has(TcpSegment::kFin), segment.payload,
                            outputs_[self]);
  if (segment.has(TcpSegment::kAck)) {
    streams_[peer].OnPeerAck(ts_us, segment.ack, outputs_[peer]);
  }
  if (segment.has(TcpSegment::kRst)) reset_ = true;
}

void TcpConnection::Flush(int64_t ts_us) {
  for (size_t i = 0; i < 2; ++i) streams_[i].Flush(ts_us, outputs_[i]);
}

bool TcpConnection::closed() const {
  return reset_ || (streams_[0].finished() && streams_[1].finished());
}

bool TcpConnection::IsOwnSyn(uint32_t seq) const {
  auto syn = streams_[Index(Direction::kClientToServer)].syn_seq();
  return syn && *syn == seq;
}

}  // namespace protolm
