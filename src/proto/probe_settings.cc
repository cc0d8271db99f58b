// The keys every protocol's probe configuration shares (see
// probe_settings.h).
#include "proto/probe_settings.h"

namespace protolm {

const std::array<const char*, 4> kProbeCommonKeys = {
    "protocol", "max_elements", "requests_per_connection", "restore_writes"};

void ReadProbeLimits(ConfigReader& reader, const nlohmann::json& config,
                     ProbeLimits& limits) {
  reader.Int(config, "", "max_elements", limits.max_elements, 1, 2000);
  reader.Int(config, "", "requests_per_connection",
             limits.requests_per_connection, 0, 1000000);
  reader.Bool(config, "", "restore_writes", limits.restore_writes);
}

}  // namespace protolm
