// The S7comm probe configuration: its default and its JSON reader (see
// s7_probe_config.h).
#include "proto/s7comm/s7_probe_config.h"

#include <nlohmann/json.hpp>
#include <string>

#include "proto/config_reader.h"

namespace protolm::s7comm {
namespace {

using nlohmann::json;

void Areas(ConfigReader& r, const json& areas, std::vector<S7AreaRange>& out) {
  if (!areas.is_array()) return r.Fail("s7.areas", "must be an array");
  out.clear();
  for (size_t i = 0; i < areas.size(); ++i) {
    const std::string here = "s7.areas[" + std::to_string(i) + "].";
    const json& a = areas[i];
    if (!a.is_object()) return r.Fail(here, "must be an object");
    r.RejectUnknown(a, here, {"area", "db", "size"});
    S7AreaRange range;
    const std::string kind = a.value("area", "");
    if (kind == "db")
      range.area = Area::kDataBlock;
    else if (kind == "m")
      range.area = Area::kFlags;
    else if (kind == "i")
      range.area = Area::kInputs;
    else if (kind == "q")
      range.area = Area::kOutputs;
    else
      return r.Fail(here + "area", "'" + kind + "' is not one of db, m, i, q");
    r.Int(a, here, "db", range.db, 0, 65535);
    r.Int(a, here, "size", range.size, 1, 65536);
    out.push_back(range);
  }
}

void Szl(ConfigReader& r, const json& szl, std::vector<SzlSelector>& out) {
  if (!szl.is_array()) return r.Fail("s7.szl", "must be an array");
  out.clear();
  for (size_t i = 0; i < szl.size(); ++i) {
    const std::string here = "s7.szl[" + std::to_string(i) + "].";
    const json& s = szl[i];
    if (!s.is_object())
      return r.Fail(here, "must be {\"id\": N, \"index\": N}");
    r.RejectUnknown(s, here, {"id", "index"});
    SzlSelector sel;
    r.Int(s, here, "id", sel.id, 0, 65535);
    r.Int(s, here, "index", sel.index, 0, 65535);
    out.push_back(sel);
  }
}

}  // namespace

S7ProbeConfig DefaultS7ProbeConfig() {
  S7ProbeConfig c;
  c.limits.max_elements = 24;
  // A PLC's connection confirm and setup answers are part of what a clone
  // learns; asked once, they land outside the training split one time in
  // five.
  c.limits.requests_per_connection = 100;
  c.s7_areas = {{Area::kDataBlock, 1, 256},
                {Area::kDataBlock, 2, 1024},
                {Area::kFlags, 0, 2048},
                {Area::kInputs, 0, 2048},
                {Area::kOutputs, 0, 2048}};
  // What nmap s7-info (0x0011 and 0x001c, index 1), snap7 and plcscan ask
  // for, and the lists of the CPU 315-2 PN/DP captures.
  c.szl = {{0x0011, 0x0000}, {0x001c, 0x0000}, {0x0011, 0x0001},
           {0x001c, 0x0001}, {0x0131, 0x0001}, {0x0424, 0x0000},
           {0x0000, 0x0000}, {0x0132, 0x0004}, {0x0111, 0x0001},
           {0x0019, 0x0000}, {0x0074, 0x0000}};
  return c;
}

Result<S7ProbeConfig> ReadS7ProbeConfig(const json& j,
                                        std::string_view origin) {
  S7ProbeConfig c = DefaultS7ProbeConfig();
  ConfigReader r{std::string(origin)};
  r.RejectUnknown(j, "", {"s7"}, kProbeCommonKeys);
  ReadProbeLimits(r, j, c.limits);
  if (auto s7 = j.find("s7"); s7 != j.end()) {
    if (!s7->is_object()) {
      r.Fail("s7", "must be an object");
    } else {
      r.RejectUnknown(*s7, "s7.",
                      {"areas", "szl", "max_items", "local_tsap",
                       "remote_tsap", "pdu_size"});
      r.Int(*s7, "s7.", "max_items", c.max_items, 1, 20);
      r.Int(*s7, "s7.", "local_tsap", c.local_tsap, 0, 65535);
      r.Int(*s7, "s7.", "remote_tsap", c.remote_tsap, 0, 65535);
      r.Int(*s7, "s7.", "pdu_size", c.pdu_size, 240, 960);
      if (auto areas = s7->find("areas"); areas != s7->end())
        Areas(r, *areas, c.s7_areas);
      if (auto szl = s7->find("szl"); szl != s7->end()) Szl(r, *szl, c.szl);
    }
  }
  RETURN_IF_ERROR(r.status());
  return c;
}

}  // namespace protolm::s7comm
