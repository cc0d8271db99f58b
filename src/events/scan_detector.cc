// ScanDetector (see scan_detector.h). Requests are dissected by the
// protocol's codec; the protocol's signatures test the dissected fields.
#include "events/scan_detector.h"

#include "proto/registry/protocol_table.h"

namespace protolm::events {

ScanDetector::ScanDetector(std::string run_id, ScanDetectorOptions options)
    : run_id_(std::move(run_id)), options_(options) {
  if (options_.max_sources == 0) options_.max_sources = 1;
  if (options_.max_connections == 0) options_.max_connections = 1;
}

template <typename Key, typename Make>
ScanState& ScanDetector::Remember(std::unordered_map<Key, Entry<Key>>& map,
                                  std::list<Key>& lru, const Key& key,
                                  size_t limit, const ScanSignatures* owner,
                                  Make make) {
  auto it = map.find(key);
  if (it != map.end()) {
    lru.splice(lru.begin(), lru, it->second.lru);
    if (it->second.owner != owner) {  // a connection id of another protocol
      it->second.owner = owner;
      it->second.state = make();
    }
    return *it->second.state;
  }
  if (map.size() >= limit) {
    map.erase(lru.back());
    lru.pop_back();
  }
  lru.push_front(key);
  Entry<Key>& entry = map[key];
  entry.owner = owner;
  entry.state = make();
  entry.lru = lru.begin();
  return *entry.state;
}

std::vector<ScanRecognised> ScanDetector::Feed(std::string_view peer_address,
                                               uint64_t connection,
                                               std::string_view protocol,
                                               ByteView request,
                                               int64_t time_us) {
  const Protocol* fed = FindProtocol(protocol);
  if (fed == nullptr || fed->scan_signatures() == nullptr) return {};
  const DecodedRequest decoded(fed->codec(), request);
  return Feed(peer_address, connection, protocol, decoded, time_us);
}

std::vector<ScanRecognised> ScanDetector::Feed(std::string_view peer_address,
                                               uint64_t connection,
                                               std::string_view protocol,
                                               const DecodedRequest& request,
                                               int64_t time_us) {
  const Protocol* fed = FindProtocol(protocol);
  const ScanSignatures* signatures =
      fed != nullptr ? fed->scan_signatures() : nullptr;
  if (signatures == nullptr) return {};
  const Dissection& dissection = request.dissection();
  ScanState& conn = Remember(connections_, connection_lru_, connection,
                             options_.max_connections, signatures,
                             [&] { return signatures->NewConnectionState(); });
  std::string source_key(protocol);
  source_key.append(1, '\0').append(peer_address);
  ScanState& source =
      Remember(sources_, source_lru_, source_key, options_.max_sources,
               signatures, [&] { return signatures->NewSourceState(); });
  std::vector<ScanMatch> found;
  signatures->Feed(dissection, conn, source, options_.sweep_unit_ids, &found);
  std::vector<ScanRecognised> events;
  for (ScanMatch& match : found)
    events.push_back({run_id_, connection, time_us, std::string(peer_address),
                      std::move(match.signature), std::move(match.detail)});
  return events;
}

void ScanDetector::ConnectionClosed(uint64_t connection) {
  auto it = connections_.find(connection);
  if (it == connections_.end()) return;
  connection_lru_.erase(it->second.lru);
  connections_.erase(it);
}

}  // namespace protolm::events
