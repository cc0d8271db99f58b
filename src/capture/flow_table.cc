// FlowTable (see flow_table.h): a hash index over a list kept in order of
// last activity, so finding, touching and evicting are O(1).
#include "capture/flow_table.h"

#include <tuple>

namespace protolm {

FlowKey FlowKey::Of(FlowInfo::Transport transport, const IpAddress& src,
                    uint16_t src_port, const IpAddress& dst,
                    uint16_t dst_port) {
  FlowKey key;
  key.transport = transport;
  bool src_low = std::tie(src, src_port) <= std::tie(dst, dst_port);
  key.low_ip = src_low ? src : dst;
  key.low_port = src_low ? src_port : dst_port;
  key.high_ip = src_low ? dst : src;
  key.high_port = src_low ? dst_port : src_port;
  return key;
}

size_t FlowKeyHash::operator()(const FlowKey& key) const {
  IpAddressHash ip_hash;
  size_t h = ip_hash(key.low_ip) * 31 + ip_hash(key.high_ip);
  h = h * 65537 + key.low_port;
  h = h * 65537 + key.high_port;
  return h * 3 + static_cast<size_t>(key.transport);
}

Direction Flow::DirectionFrom(const IpAddress& src, uint16_t src_port) const {
  bool from_client = src == client_ip && src_port == info.client_port;
  return from_client ? Direction::kClientToServer : Direction::kServerToClient;
}

Flow* FlowTable::Find(const FlowKey& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  by_activity_.splice(by_activity_.end(), by_activity_, it->second);
  return &it->second->second;
}

Flow& FlowTable::Insert(const FlowKey& key, Flow flow,
                        std::optional<Flow>* replaced,
                        std::optional<Flow>* evicted) {
  auto found = index_.find(key);
  if (found != index_.end()) {
    *replaced = std::move(found->second->second);
    by_activity_.erase(found->second);
    index_.erase(found);
  } else if (index_.size() >= max_flows_ && !by_activity_.empty()) {
    *evicted = std::move(by_activity_.front().second);
    index_.erase(by_activity_.front().first);
    by_activity_.pop_front();
  }
  by_activity_.emplace_back(key, std::move(flow));
  index_[key] = std::prev(by_activity_.end());
  return by_activity_.back().second;
}

void FlowTable::RemoveAll(const std::function<void(Flow&)>& fn) {
  for (Entry& entry : by_activity_) fn(entry.second);
  by_activity_.clear();
  index_.clear();
}

}  // namespace protolm
