// Records what the prober sees: one dataset record per exchange, in the
// ingest record format (trace/exchange_writer.h: session, index, protocol,
// function, status, control, malformed, client, server, request, response,
// request_time_us, response_time_us) plus `id` (the record's number from 1)
// and, with a context of K > 0, `context`: the K previous application
// exchanges of the probe as [{"request": hex, "response": hex}, ...], oldest
// first (LLMPot's context-sensitive datasets). Optionally the traffic as a
// pcap through TcpConversationWriter: one synthetic TCP conversation between
// the first connection's endpoints that carries every byte sent and
// received, reconnections included. Owns its files; not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "capture/tcp_conversation_writer.h"
#include "proto/codec.h"
#include "trace/exchange.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::probe {

struct ProbeTally {
  size_t exchanges = 0;   // application exchanges recorded
  size_t exceptions = 0;  // answered with an exception / S7 error
  size_t unanswered = 0;  // no (whole) answer
  size_t control = 0;     // connection setup exchanges (COTP connect)
};

class ProbeRecorder {
 public:
  /// Opens `dataset_path` ("-" = stdout); `pcap_path` empty = no pcap.
  /// Errors: IoError when a file cannot be created.
  static Result<std::unique_ptr<ProbeRecorder>> Open(
      const Codec& codec, const std::string& dataset_path,
      const std::string& pcap_path, size_t context);
  ~ProbeRecorder();

  /// A new connection from `client` to `server` begins (session ids 1, 2, ...).
  Status BeginSession(const TcpEndpoint& client, const TcpEndpoint& server);
  /// Records one exchange (response empty = no answer) with its times.
  Status Record(ByteView request, int64_t request_us, ByteView response,
                int64_t response_us);
  /// Flushes and closes the dataset and the pcap.
  Status Close(int64_t now_us);

  const ProbeTally& tally() const { return tally_; }

 private:
  ProbeRecorder(const Codec& codec, std::FILE* out, bool owned, size_t context);
  Message MessageOf(ByteView bytes, Direction dir, int64_t time_us) const;

  const Codec& codec_;
  std::FILE* out_;
  bool owned_;
  size_t context_;
  std::string dataset_path_;
  std::optional<TcpConversationWriter> pcap_;
  std::string pcap_path_;
  Session session_;
  size_t index_in_session_ = 0;
  size_t next_id_ = 1;
  std::deque<std::pair<std::string, std::string>> history_;
  ProbeTally tally_;
};

}  // namespace protolm::probe
