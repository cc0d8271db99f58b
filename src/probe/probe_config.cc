// Probe configurations: built-in defaults and the JSON reader (see
// probe_config.h).
#include "probe/probe_config.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace protolm::probe {
namespace {

using nlohmann::json;

ProbeConfig ModbusDefault() {
  ProbeConfig c;
  c.protocol = "modbus";
  c.max_elements = 50;
  // The functions LLMPot probed on its WAGO 750-881, plus device
  // identification and report server id.
  c.function_codes = {1, 2, 3, 4, 5, 6, 15, 16, 17, 43};
  // Modelled functions the WAGO profile lacks and codes no device defines.
  c.illegal_functions = {9, 10, 13, 14, 0x29, 0x41, 0x5a, 0x64, 0x7f};
  c.coils = {0, 1024};
  c.discrete_inputs = {0, 1024};
  c.holding_registers = {0, 1024};
  c.input_registers = {0, 1024};
  c.process_variables = {
      {"signum", 100, 4, 100, -1000, 1000, OutputType::kInt16},
      {"expo10", 101, 4, 101, -200, 200, OutputType::kFloat32},
      {"cosh", 103, 4, 103, -300, 300, OutputType::kFloat32}};
  return c;
}

ProbeConfig S7Default() {
  using s7comm::Area;
  ProbeConfig c;
  c.protocol = "s7comm";
  c.max_elements = 24;
  // A PLC's connection confirm and setup answers are part of what a clone
  // learns; asked once, they land outside the training split one time in
  // five.
  c.requests_per_connection = 100;
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

/// Reads JSON fields into a config and collects the first fault.
class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  Status status() const { return status_; }

  void Fail(const std::string& path, const std::string& what) {
    if (status_.ok()) status_ = Malformed(origin_ + ": " + path + ": " + what);
  }

  void RejectUnknown(const json& object, const std::string& path,
                     std::initializer_list<const char*> keys) {
    std::set<std::string> known(keys.begin(), keys.end());
    for (const auto& [key, value] : object.items())
      if (!known.count(key))
        Fail(path + key, "unknown key (see docs/probe-and-metrics.md)");
  }

  template <typename T>
  void Int(const json& object, const std::string& path, const char* key, T& out,
           int64_t min, int64_t max) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number_integer()) return Fail(path + key, "must be an integer");
    const int64_t v = it->get<int64_t>();
    if (v < min || v > max)
      return Fail(path + key, std::to_string(v) + " outside " +
                                  std::to_string(min) + ".." +
                                  std::to_string(max));
    out = static_cast<T>(v);
  }

  void Bool(const json& object, const std::string& path, const char* key,
            bool& out) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_boolean()) return Fail(path + key, "must be true or false");
    out = it->get<bool>();
  }

  void Number(const json& object, const std::string& path, const char* key,
              double& out, double min, double max) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number()) return Fail(path + key, "must be a number");
    const double v = it->get<double>();
    if (v < min || v > max)
      return Fail(path + key, "outside " + std::to_string(min) + ".." +
                                  std::to_string(max));
    out = v;
  }

  void Codes(const json& object, const std::string& path, const char* key,
             std::vector<uint8_t>& out) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_array())
      return Fail(path + key, "must be an array of function codes");
    out.clear();
    for (size_t i = 0; i < it->size(); ++i) {
      const json& v = (*it)[i];
      if (!v.is_number_integer() || v.get<int64_t>() < 1 ||
          v.get<int64_t>() > 127)
        return Fail(path + key + "[" + std::to_string(i) + "]",
                    "must be a function code 1..127");
      out.push_back(static_cast<uint8_t>(v.get<int64_t>()));
    }
  }

  void Table(const json& object, const std::string& path, const char* key,
             TableRange& out) {
    auto it = object.find(key);
    if (it == object.end()) return;
    const std::string here = path + key + ".";
    if (!it->is_object())
      return Fail(path + key, "must be {\"start\": N, \"count\": N}");
    RejectUnknown(*it, here, {"start", "count"});
    Int(*it, here, "start", out.start, 0, 65535);
    Int(*it, here, "count", out.count, 0, 65536);
    if (out.start + out.count > 65536)
      Fail(here + "count", "runs past address 65535");
  }

 private:
  std::string origin_;
  Status status_;
};

void ReadModbus(Reader& r, const json& j, ProbeConfig& c) {
  r.Codes(j, "", "function_codes", c.function_codes);
  r.Codes(j, "", "illegal_functions", c.illegal_functions);
  r.Int(j, "", "unit_id", c.unit_id, 0, 255);
  r.Table(j, "", "coils", c.coils);
  r.Table(j, "", "discrete_inputs", c.discrete_inputs);
  r.Table(j, "", "holding_registers", c.holding_registers);
  r.Table(j, "", "input_registers", c.input_registers);
  r.Int(j, "", "register_min", c.register_min, 0, 65535);
  r.Int(j, "", "register_max", c.register_max, 0, 65535);
  if (c.register_min > c.register_max)
    r.Fail("register_min", "is above register_max");
  r.Number(j, "", "mix_ratio", c.mix_ratio, 0, 1);
  r.Number(j, "", "power", c.power, 0, 1);
  auto vars = j.find("process_variables");
  if (vars == j.end()) return;
  if (!vars->is_array()) return r.Fail("process_variables", "must be an array");
  c.process_variables.clear();
  for (size_t i = 0; i < vars->size(); ++i) {
    const std::string here = "process_variables[" + std::to_string(i) + "].";
    const json& v = (*vars)[i];
    if (!v.is_object()) return r.Fail(here, "must be an object");
    r.RejectUnknown(v, here,
                    {"name", "input_table", "input_address", "output_table",
                     "output_address", "input_min", "input_max",
                     "output_type"});
    ProcessVariable p;
    if (v.contains("name") && v["name"].is_string()) p.name = v["name"];
    r.Int(v, here, "input_table", p.input_table, 0, 3);
    if (p.input_table != 0 && p.input_table != 3)
      r.Fail(here + "input_table", "must be 0 (coils) or 3 (holding registers)");
    r.Int(v, here, "input_address", p.input_address, 0, 65535);
    r.Int(v, here, "output_table", p.output_table, 3, 4);
    r.Int(v, here, "output_address", p.output_address, 0, 65535);
    r.Int(v, here, "input_min", p.input_min, -32768, 32767);
    r.Int(v, here, "input_max", p.input_max, -32768, 32767);
    const std::string type = v.value("output_type", "int16");
    if (type == "uint16")
      p.output_type = OutputType::kUint16;
    else if (type == "float32")
      p.output_type = OutputType::kFloat32;
    else if (type != "int16")
      r.Fail(here + "output_type",
             "'" + type + "' is not one of int16, uint16, float32");
    if (p.input_min >= p.input_max)
      r.Fail(here + "input_min", "must be below input_max");
    if (p.input_table == 0 && (p.input_min < 0 || p.input_max > 1))
      r.Fail(here + "input_min", "a coil input takes 0..1");
    c.process_variables.push_back(std::move(p));
  }
}

void ReadS7(Reader& r, const json& j, ProbeConfig& c) {
  r.RejectUnknown(
      j, "s7.",
      {"areas", "szl", "max_items", "local_tsap", "remote_tsap", "pdu_size"});
  r.Int(j, "s7.", "max_items", c.max_items, 1, 20);
  r.Int(j, "s7.", "local_tsap", c.local_tsap, 0, 65535);
  r.Int(j, "s7.", "remote_tsap", c.remote_tsap, 0, 65535);
  r.Int(j, "s7.", "pdu_size", c.pdu_size, 240, 960);
  if (auto areas = j.find("areas"); areas != j.end()) {
    if (!areas->is_array()) return r.Fail("s7.areas", "must be an array");
    c.s7_areas.clear();
    for (size_t i = 0; i < areas->size(); ++i) {
      const std::string here = "s7.areas[" + std::to_string(i) + "].";
      const json& a = (*areas)[i];
      if (!a.is_object()) return r.Fail(here, "must be an object");
      r.RejectUnknown(a, here, {"area", "db", "size"});
      S7AreaRange range;
      const std::string kind = a.value("area", "");
      if (kind == "db")
        range.area = s7comm::Area::kDataBlock;
      else if (kind == "m")
        range.area = s7comm::Area::kFlags;
      else if (kind == "i")
        range.area = s7comm::Area::kInputs;
      else if (kind == "q")
        range.area = s7comm::Area::kOutputs;
      else
        return r.Fail(here + "area",
                      "'" + kind + "' is not one of db, m, i, q");
      r.Int(a, here, "db", range.db, 0, 65535);
      r.Int(a, here, "size", range.size, 1, 65536);
      c.s7_areas.push_back(range);
    }
  }
  if (auto szl = j.find("szl"); szl != j.end()) {
    if (!szl->is_array()) return r.Fail("s7.szl", "must be an array");
    c.szl.clear();
    for (size_t i = 0; i < szl->size(); ++i) {
      const std::string here = "s7.szl[" + std::to_string(i) + "].";
      const json& s = (*szl)[i];
      if (!s.is_object())
        return r.Fail(here, "must be {\"id\": N, \"index\": N}");
      r.RejectUnknown(s, here, {"id", "index"});
      SzlSelector sel;
      r.Int(s, here, "id", sel.id, 0, 65535);
      r.Int(s, here, "index", sel.index, 0, 65535);
      c.szl.push_back(sel);
    }
  }
}

}  // namespace

Result<ProbeConfig> DefaultProbeConfig(std::string_view protocol) {
  if (protocol == "modbus") return ModbusDefault();
  if (protocol == "s7comm") return S7Default();
  return InvalidArgument("unknown protocol '" + std::string(protocol) +
                         "' (use modbus or s7comm)");
}

Result<ProbeConfig> ParseProbeConfig(std::string_view json_text,
                                     std::string_view origin) {
  json j = json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Malformed(std::string(origin) + ": not a JSON object");
  const std::string protocol = j.value("protocol", "");
  auto config = DefaultProbeConfig(protocol);
  if (!config.ok())
    return Malformed(std::string(origin) +
                     ": protocol: " + config.status().message());
  Reader r{std::string(origin)};
  r.RejectUnknown(
      j, "",
      {"protocol", "max_elements", "function_codes", "illegal_functions",
       "unit_id", "coils", "discrete_inputs", "holding_registers",
       "input_registers", "register_min", "register_max", "process_variables",
       "mix_ratio", "power", "requests_per_connection", "restore_writes",
       "s7"});
  r.Int(j, "", "max_elements", config->max_elements, 1, 2000);
  r.Int(j, "", "requests_per_connection", config->requests_per_connection, 0,
        1000000);
  r.Bool(j, "", "restore_writes", config->restore_writes);
  if (protocol == "modbus") ReadModbus(r, j, *config);
  if (auto s7 = j.find("s7"); s7 != j.end()) {
    if (protocol != "s7comm")
      r.Fail("s7", "only for protocol s7comm");
    else if (!s7->is_object())
      r.Fail("s7", "must be an object");
    else
      ReadS7(r, *s7, *config);
  }
  RETURN_IF_ERROR(r.status());
  return config;
}

Result<ProbeConfig> LoadProbeConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the probe configuration");
  std::stringstream text;
  text << in.rdbuf();
  return ParseProbeConfig(text.str(), path);
}

}  // namespace protolm::probe
