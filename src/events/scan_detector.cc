// ScanDetector (see scan_detector.h). Requests are dissected by the
// protocol's codec; the signatures test the dissected fields.
#include "events/scan_detector.h"

#include <cstdio>

#include "proto/modbus/modbus_codec.h"
#include "proto/s7comm/s7comm_codec.h"

namespace protolm::events {

namespace {

constexpr int64_t kZgrab2TransactionId = 0x5A47;
constexpr int64_t kReportServerId = 17;
constexpr int64_t kEncapsulatedInterface = 43;
constexpr int64_t kReadDeviceIdentification = 14;
constexpr int64_t kSzlModuleIdentification = 0x0011;
constexpr int64_t kSzlComponentIdentification = 0x001c;

std::string Hex4(int64_t v) {
  char text[8];
  std::snprintf(text, sizeof(text), "0x%04llx", static_cast<long long>(v));
  return text;
}

}  // namespace

ScanDetector::ScanDetector(std::string run_id, ScanDetectorOptions options)
    : run_id_(std::move(run_id)), options_(options) {
  if (options_.max_sources == 0) options_.max_sources = 1;
  if (options_.max_connections == 0) options_.max_connections = 1;
}

std::vector<ScanRecognised> ScanDetector::Feed(std::string_view peer_address,
                                               uint64_t connection,
                                               std::string_view protocol,
                                               ByteView request,
                                               int64_t time_us) {
  std::vector<std::pair<std::string, std::string>> found;
  ConnectionState& conn = Connection(connection);
  if (protocol == "modbus")
    FeedModbus(conn, Source(peer_address), request, found);
  else if (protocol == "s7comm")
    FeedS7(conn, request, found);
  std::vector<ScanRecognised> events;
  for (auto& [signature, detail] : found)
    events.push_back({run_id_, connection, time_us, std::string(peer_address),
                      std::move(signature), std::move(detail)});
  return events;
}

void ScanDetector::ConnectionClosed(uint64_t connection) {
  auto it = connections_.find(connection);
  if (it == connections_.end()) return;
  connection_lru_.erase(it->second.lru);
  connections_.erase(it);
}

ScanDetector::ConnectionState& ScanDetector::Connection(uint64_t connection) {
  auto it = connections_.find(connection);
  if (it != connections_.end()) {
    connection_lru_.splice(connection_lru_.begin(), connection_lru_,
                           it->second.lru);
    return it->second;
  }
  if (connections_.size() >= options_.max_connections) {
    connections_.erase(connection_lru_.back());
    connection_lru_.pop_back();
  }
  connection_lru_.push_front(connection);
  ConnectionState& state = connections_[connection];
  state.lru = connection_lru_.begin();
  return state;
}

ScanDetector::SourceState& ScanDetector::Source(std::string_view peer_address) {
  std::string key(peer_address);
  auto it = sources_.find(key);
  if (it != sources_.end()) {
    source_lru_.splice(source_lru_.begin(), source_lru_, it->second.lru);
    return it->second;
  }
  if (sources_.size() >= options_.max_sources) {
    sources_.erase(source_lru_.back());
    source_lru_.pop_back();
  }
  source_lru_.push_front(key);
  SourceState& state = sources_[key];
  state.lru = source_lru_.begin();
  return state;
}

void ScanDetector::FeedModbus(
    ConnectionState& conn, SourceState& source, ByteView request,
    std::vector<std::pair<std::string, std::string>>& found) {
  Dissection d = ModbusCodec().Dissect(request, Direction::kClientToServer);
  if (!d.status.ok()) return;
  const Field& t = d.tree;
  const int64_t transaction = t.NumberAt("trans_id").value_or(-1);
  const int64_t unit = t.NumberAt("unit_id").value_or(-1);
  const int64_t function = t.NumberAt("function_code").value_or(-1);
  const bool device_id = function == kEncapsulatedInterface &&
                         t.NumberAt("mei_type") == kReadDeviceIdentification;
  const bool basic_device_id = device_id && t.NumberAt("read_code") == 1;
  const std::string unit_text = std::to_string(unit);

  auto report = [&](Signature bit, const char* name, std::string detail) {
    if (conn.reported & bit) return;
    conn.reported |= bit;
    found.emplace_back(name, std::move(detail));
  };
  if (transaction == 0 && function == kReportServerId &&
      t.NumberAt("length") == 2)
    report(
        kNmapModbusDiscover, "nmap-modbus-discover",
        "report server id (FC 17) to unit " + unit_text + ", transaction id 0");
  if (transaction == 0 && basic_device_id)
    report(kNmapModbusDiscover, "nmap-modbus-discover",
           "read device identification (FC 43/14) of unit " + unit_text +
               ", transaction id 0");
  if (transaction == kZgrab2TransactionId && device_id)
    report(kZgrab2Modbus, "zgrab2-modbus",
           "read device identification (FC 43/14) of unit " + unit_text +
               ", transaction id 0x5A47");

  if (unit >= 0 && unit < 256) {
    source.unit_ids.set(static_cast<size_t>(unit));
    if (!source.sweep_reported &&
        source.unit_ids.count() >= options_.sweep_unit_ids) {
      source.sweep_reported = true;
      found.emplace_back("modbus-unit-id-sweep",
                         std::to_string(source.unit_ids.count()) +
                             " distinct unit ids, the latest " + unit_text);
    }
  }
}

void ScanDetector::FeedS7(
    ConnectionState& conn, ByteView request,
    std::vector<std::pair<std::string, std::string>>& found) {
  Dissection d = S7commCodec().Dissect(request, Direction::kClientToServer);
  if (!d.status.ok() || (conn.reported & kNmapS7Info)) return;
  const std::string& function = d.info.function;
  if (function == "cotp_cr") return;  // precedes the sequence; not required
  const bool reference_zero = d.tree.NumberAt("pdu_ref") == 0;
  const std::optional<int64_t> szl = d.tree.NumberAt("szl_id");
  if (function == "setup_communication" && reference_zero) {
    conn.s7_stage = 1;
  } else if (function == "szl_read" && reference_zero && conn.s7_stage >= 1 &&
             szl == kSzlModuleIdentification) {
    conn.s7_stage = 2;
  } else if (function == "szl_read" && reference_zero && conn.s7_stage == 2 &&
             szl == kSzlComponentIdentification) {
    conn.reported |= kNmapS7Info;
    found.emplace_back(
        "nmap-s7-info",
        "setup communication, SZL " + Hex4(kSzlModuleIdentification) + " and " +
            Hex4(kSzlComponentIdentification) + " reads with PDU reference 0");
  }
}

}  // namespace protolm::events
