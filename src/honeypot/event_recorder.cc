// Recording the honeypot's traffic as events and pcap (event_recorder.h).
#include "honeypot/event_recorder.h"

#include <spdlog/spdlog.h>


namespace protolm::honeypot {

Result<std::unique_ptr<EventRecorder>> EventRecorder::Create(
    events::EventLog* log, EventRecorderOptions options) {
  if (options.run_id.empty()) options.run_id = events::NewRunId();
  std::unique_ptr<PcapWriter> pcap;
  if (!options.pcap_path.empty()) {
    ASSIGN_OR_RETURN(PcapWriter writer, PcapWriter::Create(options.pcap_path));
    pcap = std::make_unique<PcapWriter>(std::move(writer));
  }
  return std::unique_ptr<EventRecorder>(
      new EventRecorder(log, std::move(options), std::move(pcap)));
}

EventRecorder::EventRecorder(events::EventLog* log,
                             EventRecorderOptions options,
                             std::unique_ptr<PcapWriter> pcap)
    : log_(log),
      options_(std::move(options)),
      scans_(options_.run_id),
      pcap_(std::move(pcap)) {}

std::string EventRecorder::NameOf(const net::ConnectionInfo& c) const {
  auto it = options_.name_by_port.find(c.local_port);
  return it != options_.name_by_port.end() ? it->second : c.listener;
}

void EventRecorder::Post(events::Event event) {
  if (log_ != nullptr) log_->Post(std::move(event));
}

void EventRecorder::Opened(const net::ConnectionInfo& c) {
  const int64_t now = events::NowMicros();
  Post(events::ConnectionOpened{options_.run_id, c.id, now, NameOf(c),
                                c.listener, c.local_address, c.local_port,
                                c.peer_address, c.peer_port});
  if (pcap_ == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto conversation =
      TcpConversationWriter::Into(*pcap_, {c.peer_address, c.peer_port},
                                  {c.local_address, c.local_port});
  if (!conversation.ok()) {
    spdlog::debug("pcap: connection {} from {} not recorded: {}", c.id,
                  c.peer(), conversation.status().message());
    return;
  }
  Status opened = conversation->Open(now);
  if (!opened.ok()) spdlog::warn("pcap: {}", opened.message());
  conversations_.emplace(c.id, std::move(*conversation));
}

void EventRecorder::Exchanged(const net::ConnectionInfo& c, uint64_t sequence,
                              ByteView request, const net::Reply& reply,
                              std::chrono::nanoseconds latency) {
  const int64_t now = events::NowMicros();
  const int64_t latency_us =
      std::chrono::duration_cast<std::chrono::microseconds>(latency).count();
  events::ExchangeDone exchange;
  exchange.run_id = options_.run_id;
  exchange.connection = c.id;
  exchange.sequence = sequence - 1;  // the server counts from 1
  exchange.time_us = now - latency_us;
  exchange.protocol = c.listener;
  exchange.request.assign(request.begin(), request.end());
  exchange.decoded = reply.request;
  exchange.response = reply.bytes;
  // summary, fields, function, write_attempted: the event log's writer
  // thread dissects the request (events/event_log.h), off the request path.
  exchange.valid = reply.valid;
  exchange.guard_action = reply.guard_action;
  exchange.latency_us = latency_us;

  std::vector<events::ScanRecognised> scans;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++exchanges_;
    scans = reply.request != nullptr
                ? scans_.Feed(c.peer_address, c.id, c.listener,
                              *reply.request, exchange.time_us)
                : scans_.Feed(c.peer_address, c.id, c.listener, request,
                              exchange.time_us);
    auto it = conversations_.find(c.id);
    if (it != conversations_.end()) {
      Status sent = it->second.Send(Direction::kClientToServer,
                                    exchange.time_us, request);
      if (sent.ok())
        sent = it->second.Send(Direction::kServerToClient, now, reply.bytes);
      if (!sent.ok()) spdlog::warn("pcap: {}", sent.message());
    }
  }
  Post(std::move(exchange));
  for (events::ScanRecognised& scan : scans) {
    spdlog::info("{}: {} from {} ({})", c.listener, scan.signature,
                 scan.peer_address, scan.detail);
    Post(std::move(scan));
  }
}

void EventRecorder::Closed(const net::ConnectionInfo& c,
                           const std::string& reason, uint64_t requests) {
  const int64_t now = events::NowMicros();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    scans_.ConnectionClosed(c.id);
    auto it = conversations_.find(c.id);
    if (it != conversations_.end()) {
      Status closed = it->second.Close(now);
      if (!closed.ok()) spdlog::warn("pcap: {}", closed.message());
      conversations_.erase(it);
    }
  }
  Post(events::ConnectionClosed{options_.run_id, c.id, now, reason, requests});
}

Status EventRecorder::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = events::NowMicros();
  for (auto& [id, conversation] : conversations_) (void)conversation.Close(now);
  conversations_.clear();
  if (pcap_ == nullptr) return Status::Ok();
  return pcap_->Close();
}

uint64_t EventRecorder::exchanges() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return exchanges_;
}

}  // namespace protolm::honeypot
