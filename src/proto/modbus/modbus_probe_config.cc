// The Modbus probe configuration: its default and its JSON reader (see
// modbus_probe_config.h).
#include "proto/modbus/modbus_probe_config.h"

#include <nlohmann/json.hpp>

#include "proto/config_reader.h"

namespace protolm::modbus {
namespace {

using nlohmann::json;

void Codes(ConfigReader& r, const json& object, const char* key,
           std::vector<uint8_t>& out) {
  auto it = object.find(key);
  if (it == object.end()) return;
  if (!it->is_array()) return r.Fail(key, "must be an array of function codes");
  out.clear();
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 ||
        v.get<int64_t>() > 127)
      return r.Fail(std::string(key) + "[" + std::to_string(i) + "]",
                    "must be a function code 1..127");
    out.push_back(static_cast<uint8_t>(v.get<int64_t>()));
  }
}

void Table(ConfigReader& r, const json& object, const char* key,
           TableRange& out) {
  auto it = object.find(key);
  if (it == object.end()) return;
  const std::string here = std::string(key) + ".";
  if (!it->is_object())
    return r.Fail(key, "must be {\"start\": N, \"count\": N}");
  r.RejectUnknown(*it, here, {"start", "count"});
  r.Int(*it, here, "start", out.start, 0, 65535);
  r.Int(*it, here, "count", out.count, 0, 65536);
  if (out.start + out.count > 65536)
    r.Fail(here + "count", "runs past address 65535");
}

void ProcessVariables(ConfigReader& r, const json& vars,
                      std::vector<ProcessVariable>& out) {
  if (!vars.is_array()) return r.Fail("process_variables", "must be an array");
  out.clear();
  for (size_t i = 0; i < vars.size(); ++i) {
    const std::string here = "process_variables[" + std::to_string(i) + "].";
    const json& v = vars[i];
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
    out.push_back(std::move(p));
  }
}

}  // namespace

ModbusProbeConfig DefaultModbusProbeConfig() {
  ModbusProbeConfig c;
  c.limits.max_elements = 50;
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

Result<ModbusProbeConfig> ReadModbusProbeConfig(const json& j,
                                                std::string_view origin) {
  ModbusProbeConfig c = DefaultModbusProbeConfig();
  ConfigReader r{std::string(origin)};
  r.RejectUnknown(j, "",
                  {"function_codes", "illegal_functions", "unit_id", "coils",
                   "discrete_inputs", "holding_registers", "input_registers",
                   "register_min", "register_max", "process_variables",
                   "mix_ratio", "power"},
                  kProbeCommonKeys);
  ReadProbeLimits(r, j, c.limits);
  Codes(r, j, "function_codes", c.function_codes);
  Codes(r, j, "illegal_functions", c.illegal_functions);
  r.Int(j, "", "unit_id", c.unit_id, 0, 255);
  Table(r, j, "coils", c.coils);
  Table(r, j, "discrete_inputs", c.discrete_inputs);
  Table(r, j, "holding_registers", c.holding_registers);
  Table(r, j, "input_registers", c.input_registers);
  r.Int(j, "", "register_min", c.register_min, 0, 65535);
  r.Int(j, "", "register_max", c.register_max, 0, 65535);
  if (c.register_min > c.register_max)
    r.Fail("register_min", "is above register_max");
  r.Number(j, "", "mix_ratio", c.mix_ratio, 0, 1);
  r.Number(j, "", "power", c.power, 0, 1);
  if (auto vars = j.find("process_variables"); vars != j.end())
    ProcessVariables(r, *vars, c.process_variables);
  RETURN_IF_ERROR(r.status());
  return c;
}

}  // namespace protolm::modbus
