// The honeypot's observer: every connection, exchange and recognised scan
// becomes an event (events/event.h) posted to the event log, and, when
// asked, every connection's traffic goes into one pcap file.
//
// Exchanges are checked by the scan detector (events/scan_detector.h) and
// described with the protocol's codec (events/request_facts.h: summary,
// dissected fields, function, write attempted) by the event log's writer
// thread, off the request path. The exchange is recorded before
// its reply is sent (net/framed_server.h calls the observer first), so a
// request whose answer reached the client is always in the log. The pcap
// holds synthesised Ethernet/IPv4/TCP frames (capture/
// tcp_conversation_writer.h) that tshark dissects like a real capture;
// IPv6 peers are logged as events but left out of the pcap.
//
// Thread-safe: called from all server threads; the scan detector and the
// pcap are serialised by one mutex, the event log is thread-safe itself.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "capture/pcap_writer.h"
#include "capture/tcp_conversation_writer.h"
#include "events/event_log.h"
#include "events/scan_detector.h"
#include "net/framed_server.h"
#include "util/status.h"

namespace protolm::honeypot {

struct EventRecorderOptions {
  std::string run_id;  // events::NewRunId() when empty
  /// The honeypot name stored with each connection, by local port (e.g. the
  /// cloned profile); the listener's protocol when a port is not named.
  std::map<uint16_t, std::string> name_by_port;
  std::string pcap_path;  // "" for none
};

class EventRecorder : public net::ServerObserver {
 public:
  /// `log` (nullable: only the pcap) outlives the recorder. Errors: the
  /// pcap cannot be created.
  static Result<std::unique_ptr<EventRecorder>> Create(
      events::EventLog* log, EventRecorderOptions options);

  void Opened(const net::ConnectionInfo& connection) override;
  void Exchanged(const net::ConnectionInfo& connection, uint64_t sequence,
                 ByteView request, const net::Reply& reply,
                 std::chrono::nanoseconds latency) override;
  void Closed(const net::ConnectionInfo& connection, const std::string& reason,
              uint64_t requests) override;

  /// Completes the pcap file (call after the server stopped). Errors: the
  /// file could not be written.
  Status Close();

  const std::string& run_id() const { return options_.run_id; }
  /// Exchanges recorded so far.
  uint64_t exchanges() const;

 private:
  EventRecorder(events::EventLog* log, EventRecorderOptions options,
                std::unique_ptr<PcapWriter> pcap);
  std::string NameOf(const net::ConnectionInfo& connection) const;
  void Post(events::Event event);

  events::EventLog* log_;
  EventRecorderOptions options_;
  mutable std::mutex mutex_;  // guards everything below
  events::ScanDetector scans_;
  std::unique_ptr<PcapWriter> pcap_;
  std::unordered_map<uint64_t, TcpConversationWriter> conversations_;
  uint64_t exchanges_ = 0;
};

}  // namespace protolm::honeypot
