// FlowTable: the live flows of a capture, keyed by canonical 4-tuple.
//
// A flow key names both directions of a conversation (the two endpoints in a
// fixed order), so a packet and its reply find the same flow. The table is
// bounded: inserting into a full table removes the least recently active
// flow and hands it back, so the caller can end it and warn. Closed TCP flows
// stay as tombstones (so stray packets after a RST do not start new flows)
// until a new connection reuses the 4-tuple or they are evicted.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

#include "capture/capture_sink.h"
#include "capture/ip_address.h"
#include "capture/tcp_connection.h"

namespace protolm {

struct FlowKey {
  FlowInfo::Transport transport = FlowInfo::Transport::kTcp;
  IpAddress low_ip;
  uint16_t low_port = 0;
  IpAddress high_ip;
  uint16_t high_port = 0;

  /// The same key for (src, dst) and (dst, src).
  static FlowKey Of(FlowInfo::Transport transport, const IpAddress& src,
                    uint16_t src_port, const IpAddress& dst, uint16_t dst_port);
  bool operator==(const FlowKey&) const = default;
};

struct FlowKeyHash {
  size_t operator()(const FlowKey& key) const;
};

struct Flow {
  FlowInfo info;
  IpAddress client_ip;
  /// The TCP state; null for UDP flows and for closed TCP flows.
  std::unique_ptr<TcpConnection> tcp;
  bool closed = false;

  /// The direction of a packet sent from (src, src_port).
  Direction DirectionFrom(const IpAddress& src, uint16_t src_port) const;
};

class FlowTable {
 public:
  explicit FlowTable(size_t max_flows) : max_flows_(max_flows) {}

  /// The flow with this key, marked most recently active; null if none.
  Flow* Find(const FlowKey& key);
  /// Adds a flow (replacing one with the same key, which is handed back).
  /// When the table is full the least recently active flow is removed first
  /// and handed back too. Returns the stored flow.
  Flow& Insert(const FlowKey& key, Flow flow, std::optional<Flow>* replaced,
               std::optional<Flow>* evicted);
  /// Removes every flow, in order of last activity, passing each to `fn`.
  void RemoveAll(const std::function<void(Flow&)>& fn);

  size_t size() const { return index_.size(); }

 private:
  using Entry = std::pair<FlowKey, Flow>;
  size_t max_flows_;
  std::list<Entry> by_activity_;  // least recently active first
  std::unordered_map<FlowKey, std::list<Entry>::iterator, FlowKeyHash> index_;
};

}  // namespace protolm
