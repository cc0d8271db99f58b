// TcpConnection: both directions of one TCP flow and when the flow ends.
//
// Feeds each segment to its direction's reassembler, passes acknowledgement
// numbers to the other direction (so holes the receiver has acknowledged are
// given up), and forwards the reassembled bytes and gaps to the CaptureSink.
// The connection is closed by a RST or once both directions are complete up
// to their FIN. Data after a FIN is still delivered: captures (and the fuzzed
// ones in particular) carry such segments and Wireshark dissects them.
// Not thread-safe.
#pragma once

#include <array>
#include <cstdint>

#include "capture/capture_sink.h"
#include "capture/tcp_reassembler.h"
#include "capture/transport_headers.h"

namespace protolm {

class TcpConnection {
 public:
  /// `info` is copied; `limits`, `stats` and `sink` must outlive this.
  TcpConnection(const FlowInfo& info, const TcpReassemblyLimits& limits,
                TcpReassemblyStats& stats, CaptureSink& sink);
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  const FlowInfo& info() const { return info_; }

  void OnSegment(Direction dir, int64_t ts_us, const TcpSegment& segment);
  /// Delivers everything still buffered (holes become gaps). The caller
  /// calls the sink's OnFlowEnd afterwards.
  void Flush(int64_t ts_us);

  /// A RST was seen, or both directions reached their FIN.
  bool closed() const;
  /// A SYN from the client with this sequence number is a retransmission of
  /// the one that opened this connection.
  bool IsOwnSyn(uint32_t seq) const;

 private:
  class DirectionOutput : public TcpStreamReassembler::Output {
   public:
    DirectionOutput(TcpConnection& connection, Direction dir)
        : connection_(connection), dir_(dir) {}
    void Data(int64_t ts_us, ByteView bytes) override;
    void Gap(int64_t ts_us, uint64_t missing_bytes) override;

   private:
    TcpConnection& connection_;
    Direction dir_;
  };

  static size_t Index(Direction dir) { return static_cast<size_t>(dir); }

  FlowInfo info_;
  CaptureSink& sink_;
  std::array<TcpStreamReassembler, 2> streams_;
  std::array<DirectionOutput, 2> outputs_;
  bool reset_ = false;
};

}  // namespace protolm
