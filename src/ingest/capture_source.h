// CaptureSource: a pcap/pcapng file as traces (trace/trace_source.h).
//
// The capture layer reassembles transport streams; each TCP flow gets a codec
// (the one asked for, or in auto mode by port and then by content) on its
// first data, and becomes a trace then: id "CLIENT_IP:PORT-SERVER_IP:PORT",
// number = the flow's number (flows in order of first packet; flows no codec
// claims leave gaps), protocol = the codec, network = the endpoints,
// first_record = the frame number of the flow's first packet. Its streams are
// framed into PDUs, and every PDU (control units such as COTP connects
// included) is one event: capture time, Direction as actor, the PDU's bytes,
// no fields, `pdu` = the codec's inspection, and with a token depth the
// token of the PDU's field tree. A trace ends with its flow. With key logs
// (key_logs.h), a session of a protocol that reads them has a decryptor
// between framing and inspection (proto/key_log.h): its events are the
// units the decryptor hands back. Lives in ingest/ rather than trace/
// because it needs the framer and the capture layer.
//
// Capture warnings reach the sink as Malformed statuses. Memory per open
// trace: the flow's reassembly and framing buffers. Single-threaded; one Run.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "capture/capture_reader.h"
#include "ingest/key_logs.h"
#include "trace/trace_source.h"

namespace protolm {

struct CaptureSourceOptions {
  /// A codec name ("modbus", "s7comm") or "auto".
  std::string protocol = "auto";
  /// Abstract() depth of the events' tokens; nullopt: no tokens (PDUs are
  /// then only inspected, not dissected: the fast path).
  std::optional<int> token_depth;
  /// Secrets to decrypt sessions with (--keylog); nullptr: none.
  std::shared_ptr<const KeyLogs> key_logs;
  /// Called now and then with the capture file offset reached.
  std::function<void(int64_t file_offset)> on_progress;
};

/// What the source counted, complete once Run has returned.
struct CaptureSourceStats {
  CaptureStats capture;
  uint64_t skipped_bytes = 0;       // stream bytes no PDU could be framed from
  uint64_t resyncs = 0;             // times framing had to resynchronise
  uint64_t decrypted_sessions = 0;  // sessions with a unit decrypted
};

class CaptureSource : public TraceSource {
 public:
  CaptureSource(std::string path, CaptureSourceOptions options);

  /// Errors: InvalidArgument for an unknown protocol name; ReadCapture's
  /// fatal errors (cannot open, not a capture, unsupported link type).
  Status Run(TraceSink& sink) override;

  const CaptureSourceStats& stats() const { return stats_; }

 private:
  std::string path_;
  CaptureSourceOptions options_;
  CaptureSourceStats stats_;
};

}  // namespace protolm
