// S7comm scanner signatures on dissected requests (see s7_scan_signatures.h).
#include "proto/s7comm/s7_scan_signatures.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace protolm::s7comm {
namespace {

constexpr int64_t kSzlModuleIdentification = 0x0011;
constexpr int64_t kSzlComponentIdentification = 0x001c;

std::string Hex4(int64_t v) {
  char text[8];
  std::snprintf(text, sizeof(text), "0x%04llx", static_cast<long long>(v));
  return text;
}

/// Steps of the s7-info sequence seen on one connection.
struct ConnectionSeen final : ScanState {
  int stage = 0;
  bool reported = false;
};

/// S7 has no per-source signature.
struct SourceSeen final : ScanState {};

class Signatures final : public ScanSignatures {
 public:
  std::unique_ptr<ScanState> NewConnectionState() const override {
    return std::make_unique<ConnectionSeen>();
  }
  std::unique_ptr<ScanState> NewSourceState() const override {
    return std::make_unique<SourceSeen>();
  }

  void Feed(const Dissection& request, ScanState& connection, ScanState&,
            size_t, std::vector<ScanMatch>* found) const override {
    auto& conn = static_cast<ConnectionSeen&>(connection);
    if (!request.status.ok() || conn.reported) return;
    const std::string& function = request.info.function;
    if (function == "cotp_cr") return;  // precedes the sequence; not required
    const bool reference_zero = request.tree.NumberAt("pdu_ref") == 0;
    const std::optional<int64_t> szl = request.tree.NumberAt("szl_id");
    if (function == "setup_communication" && reference_zero) {
      conn.stage = 1;
    } else if (function == "szl_read" && reference_zero && conn.stage >= 1 &&
               szl == kSzlModuleIdentification) {
      conn.stage = 2;
    } else if (function == "szl_read" && reference_zero && conn.stage == 2 &&
               szl == kSzlComponentIdentification) {
      conn.reported = true;
      found->push_back({"nmap-s7-info", "setup communication, SZL " +
                                            Hex4(kSzlModuleIdentification) +
                                            " and " +
                                            Hex4(kSzlComponentIdentification) +
                                            " reads with PDU reference 0"});
    }
  }
};

}  // namespace

const ScanSignatures& S7ScanSignatures() {
  static const Signatures kSignatures;
  return kSignatures;
}

}  // namespace protolm::s7comm
