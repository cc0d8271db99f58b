// What an S7 prober may send to a PLC: the S7comm part of a probe
// configuration.
//
// Besides the limits every protocol has (proto/probe_settings.h), it names
// the memory areas to read and write (data blocks with their numbers, M, I
// and Q, with sizes), the SZL lists to read, the most items per request, and
// the TSAPs and PDU size the connection's opening asks for. The keys sit in
// the configuration's "s7" object (schema in docs/probe-and-metrics.md;
// unknown keys are errors). The default matches the built-in s7-315-2pn
// device profile. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string_view>
#include <vector>

#include "proto/probe_settings.h"
#include "proto/s7comm/s7_pdu.h"
#include "util/status.h"

namespace protolm::s7comm {

/// One S7 memory area the prober reads and writes.
struct S7AreaRange {
  Area area = Area::kDataBlock;
  uint16_t db = 0;    // data blocks only
  uint32_t size = 0;  // bytes
};

struct SzlSelector {
  uint16_t id = 0;
  uint16_t index = 0;
};

struct S7ProbeConfig {
  ProbeLimits limits;
  std::vector<S7AreaRange> s7_areas;
  std::vector<SzlSelector> szl;
  uint16_t max_items = 4;
  uint16_t local_tsap = 0x0100;
  uint16_t remote_tsap = 0x0102;
  uint16_t pdu_size = 480;
};

/// The built-in default (the CPU 315-2 PN/DP of the s7-315-2pn profile).
S7ProbeConfig DefaultS7ProbeConfig();

/// Reads a configuration's top-level object over the default; `origin`
/// names it in errors ("s.json: s7.areas[0].area: 'x' is not one of db, m,
/// i, q").
Result<S7ProbeConfig> ReadS7ProbeConfig(const nlohmann::json& config,
                                        std::string_view origin);

}  // namespace protolm::s7comm
