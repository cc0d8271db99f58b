// Modbus/TCP scanner signatures on dissected requests (see
// modbus_scan_signatures.h).
#include "proto/modbus/modbus_scan_signatures.h"

#include <bitset>
#include <cstdint>
#include <string>

namespace protolm::modbus {
namespace {

constexpr int64_t kZgrab2TransactionId = 0x5A47;
constexpr int64_t kReportServerId = 17;
constexpr int64_t kEncapsulatedInterface = 43;
constexpr int64_t kReadDeviceIdentification = 14;

struct ConnectionSeen final : ScanState {
  bool discover_reported = false;
  bool zgrab2_reported = false;
};

struct SourceSeen final : ScanState {
  std::bitset<256> unit_ids;
  bool sweep_reported = false;
};

class Signatures final : public ScanSignatures {
 public:
  std::unique_ptr<ScanState> NewConnectionState() const override {
    return std::make_unique<ConnectionSeen>();
  }
  std::unique_ptr<ScanState> NewSourceState() const override {
    return std::make_unique<SourceSeen>();
  }

  void Feed(const Dissection& request, ScanState& connection, ScanState& source,
            size_t sweep_threshold,
            std::vector<ScanMatch>* found) const override {
    if (!request.status.ok()) return;
    auto& conn = static_cast<ConnectionSeen&>(connection);
    auto& seen = static_cast<SourceSeen&>(source);
    const Field& t = request.tree;
    const int64_t transaction = t.NumberAt("trans_id").value_or(-1);
    const int64_t unit = t.NumberAt("unit_id").value_or(-1);
    const int64_t function = t.NumberAt("function_code").value_or(-1);
    const bool device_id = function == kEncapsulatedInterface &&
                           t.NumberAt("mei_type") == kReadDeviceIdentification;
    const bool basic_device_id = device_id && t.NumberAt("read_code") == 1;
    const std::string unit_text = std::to_string(unit);
    auto report = [&](bool& reported, const char* name, std::string detail) {
      if (reported) return;
      reported = true;
      found->push_back({name, std::move(detail)});
    };
    if (transaction == 0 && function == kReportServerId &&
        t.NumberAt("length") == 2)
      report(conn.discover_reported, "nmap-modbus-discover",
             "report server id (FC 17) to unit " + unit_text +
                 ", transaction id 0");
    if (transaction == 0 && basic_device_id)
      report(conn.discover_reported, "nmap-modbus-discover",
             "read device identification (FC 43/14) of unit " + unit_text +
                 ", transaction id 0");
    if (transaction == kZgrab2TransactionId && device_id)
      report(conn.zgrab2_reported, "zgrab2-modbus",
             "read device identification (FC 43/14) of unit " + unit_text +
                 ", transaction id 0x5A47");
    if (unit >= 0 && unit < 256) {
      seen.unit_ids.set(static_cast<size_t>(unit));
      if (seen.unit_ids.count() >= sweep_threshold)
        report(seen.sweep_reported, "modbus-unit-id-sweep",
               std::to_string(seen.unit_ids.count()) +
                   " distinct unit ids, the latest " + unit_text);
    }
  }
};

}  // namespace

const ScanSignatures& ModbusScanSignatures() {
  static const Signatures kSignatures;
  return kSignatures;
}

}  // namespace protolm::modbus
