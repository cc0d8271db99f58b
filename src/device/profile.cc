// Parsing, validating and looking up device profiles (profile.h).
#include "device/profile.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "device/builtin_profiles.h"
#include "device/json_reader.h"
#include "proto/modbus/modbus_codec.h"
#include "proto/s7comm/s7comm_codec.h"

namespace protolm::device {
namespace {

using nlohmann::json;

struct EnumName {
  const char* name;
  int value;
};

constexpr EnumName kUnknownUnitNames[] = {
    {"answer", static_cast<int>(UnknownUnitPolicy::kAnswer)},
    {"ignore", static_cast<int>(UnknownUnitPolicy::kIgnore)},
    {"gateway_exception",
     static_cast<int>(UnknownUnitPolicy::kGatewayException)},
};
constexpr EnumName kAreaNames[] = {
    {"db", static_cast<int>(S7AreaKind::kDataBlock)},
    {"m", static_cast<int>(S7AreaKind::kMerker)},
    {"i", static_cast<int>(S7AreaKind::kInputs)},
    {"q", static_cast<int>(S7AreaKind::kOutputs)},
    {"t", static_cast<int>(S7AreaKind::kTimers)},
    {"c", static_cast<int>(S7AreaKind::kCounters)},
};
constexpr EnumName kSpaceNames[] = {
    {"coil", static_cast<int>(BindingSpace::kCoil)},
    {"discrete_input", static_cast<int>(BindingSpace::kDiscreteInput)},
    {"holding_register", static_cast<int>(BindingSpace::kHoldingRegister)},
    {"input_register", static_cast<int>(BindingSpace::kInputRegister)},
    {"s7", static_cast<int>(BindingSpace::kS7)},
};
constexpr EnumName kTypeNames[] = {
    {"bool", static_cast<int>(ValueType::kBool)},
    {"uint16", static_cast<int>(ValueType::kUint16)},
    {"int16", static_cast<int>(ValueType::kInt16)},
    {"float32", static_cast<int>(ValueType::kFloat32)},
};

template <typename E, size_t N>
void ReadEnum(JsonReader& r, const char* key, const EnumName (&names)[N],
              E& out) {
  std::string text;
  if (!r.Has(key)) return;
  r.String(key, text);
  for (const EnumName& n : names) {
    if (text == n.name) {
      out = static_cast<E>(n.value);
      return;
    }
  }
  std::string choices;
  for (const EnumName& n : names) {
    choices += choices.empty() ? "" : ", ";
    choices += n.name;
  }
  r.faults().Add(r.path() + "." + key,
                 "\"" + text + "\" is not one of " + choices);
}

/// Calls f(element, path) for each element of the array at key.
template <typename F>
void ForEachElement(JsonReader& r, const char* key, F f) {
  const json* v = r.Get(key);
  if (!v) return;
  std::string path = r.path() + "." + key;
  if (!v->is_array()) {
    r.faults().Add(path, "expected an array");
    return;
  }
  for (size_t i = 0; i < v->size(); ++i) {
    f((*v)[i], path + "[" + std::to_string(i) + "]");
  }
}

void ReadHex(JsonReader& r, const json& v, const std::string& path,
             Bytes& out) {
  if (!v.is_string()) {
    r.faults().Add(path, "expected a hex string");
    return;
  }
  Result<Bytes> bytes = FromHex(v.get<std::string>());
  if (!bytes.ok()) {
    r.faults().Add(path, bytes.status().message());
    return;
  }
  out = std::move(bytes).value();
}

void ReadTable(JsonReader& parent, const char* key, bool bits,
               ModbusTable& table) {
  const json* v = parent.Get(key);
  if (!v) return;
  JsonReader r(*v, parent.path() + "." + key, parent.faults());
  r.Uint("start", table.start);
  int64_t count = table.count;
  r.Integer("count", 0, 65536 - table.start, count);
  table.count = static_cast<uint32_t>(count);
  int64_t max_value = bits ? 1 : 0xFFFF;
  ForEachElement(r, "initial", [&](const json& e, const std::string& path) {
    JsonReader block(e, path, r.faults());
    uint16_t address = 0;
    block.Uint("address", address);
    ForEachElement(block, "values", [&](const json& x, const std::string& p) {
      int64_t value = 0;
      if (!block.ToInteger(x, p, 0, max_value, value)) return;
      if (address < table.start || address >= table.start + table.count) {
        r.faults().Add(p, "address " + std::to_string(address) +
                              " outside the table's " +
                              std::to_string(table.start) + ".." +
                              std::to_string(table.start + table.count - 1));
        return;
      }
      table.initial[address] = static_cast<uint16_t>(value);
      ++address;
    });
    block.Finish();
  });
  r.Finish();
}

void ReadModbusIdentity(JsonReader& r, ModbusIdentity& id) {
  r.String("vendor_name", id.vendor_name);
  r.String("product_code", id.product_code);
  r.String("major_minor_revision", id.major_minor_revision);
  r.String("vendor_url", id.vendor_url);
  r.String("product_name", id.product_name);
  r.String("model_name", id.model_name);
  r.String("user_application_name", id.user_application_name);
  if (const json* ext = r.Get("extended")) {
    JsonReader e(*ext, r.path() + ".extended", r.faults());
    for (const auto& [key, value] : ext->items()) {
      int64_t object_id = 0;
      if (!e.ToInteger(json(key), e.path() + "." + key, 0x80, 0xFF,
                       object_id)) {
        continue;
      }
      e.Get(key.c_str());
      if (!value.is_string()) {
        r.faults().Add(e.path() + "." + key, "expected a string");
        continue;
      }
      std::string text = value.get<std::string>();
      id.extended[static_cast<uint8_t>(object_id)] =
          Bytes(text.begin(), text.end());
    }
  }
  std::string* basic[] = {&id.vendor_name, &id.product_code,
                          &id.major_minor_revision};
  std::string* all[] = {&id.vendor_name,          &id.product_code,
                        &id.major_minor_revision, &id.vendor_url,
                        &id.product_name,         &id.model_name,
                        &id.user_application_name};
  for (std::string* s : basic) {
    if (s->empty()) {
      r.faults().Add(r.path(),
                     "vendor_name, product_code and major_minor_revision "
                     "are mandatory (basic identification objects)");
      break;
    }
  }
  for (std::string* s : all) {
    if (s->size() > 240) {
      r.faults().Add(r.path(), "an identity string is longer than 240 bytes");
    }
  }
  r.Finish();
}

void ReadModbus(JsonReader& r, ModbusProfile& m) {
  m.enabled = true;
  if (const json* v = r.Get("identity")) {
    JsonReader id(*v, r.path() + ".identity", r.faults());
    ReadModbusIdentity(id, m.identity);
  } else {
    r.faults().Add(r.path() + ".identity", "missing");
  }
  if (r.Has("unit_ids")) m.unit_ids.clear();
  ForEachElement(r, "unit_ids", [&](const json& e, const std::string& path) {
    int64_t unit = 0;
    if (r.ToInteger(e, path, 0, 255, unit)) {
      m.unit_ids.push_back(static_cast<uint8_t>(unit));
    }
  });
  ReadEnum(r, "unknown_unit", kUnknownUnitNames, m.unknown_unit);
  ReadTable(r, "coils", true, m.coils);
  ReadTable(r, "discrete_inputs", true, m.discrete_inputs);
  ReadTable(r, "holding_registers", false, m.holding_registers);
  ReadTable(r, "input_registers", false, m.input_registers);
  ForEachElement(r, "files", [&](const json& e, const std::string& path) {
    JsonReader f(e, path, r.faults());
    ModbusFile file;
    f.Uint("file_number", file.file_number, 1, 0xFFFF);
    f.Uint("record_count", file.record_count, 1, 10000);
    f.Finish();
    m.files.push_back(file);
  });
  ForEachElement(r, "supported_functions",
                 [&](const json& e, const std::string& path) {
                   int64_t fc = 0;
                   if (r.ToInteger(e, path, 1, 127, fc)) {
                     m.supported_functions.push_back(static_cast<uint8_t>(fc));
                   }
                 });
  if (m.supported_functions.empty()) {
    r.faults().Add(r.path() + ".supported_functions",
                   "list at least one function code");
  }
  if (const json* v = r.Get("server_id")) {
    ReadHex(r, *v, r.path() + ".server_id", m.server_id);
    if (m.server_id.size() > 200) {
      r.faults().Add(r.path() + ".server_id", "longer than 200 bytes");
    }
  }
  r.Uint("exception_status_coil", m.exception_status_coil);
  r.Finish();
}

void ReadS7Identity(JsonReader& r, S7Identity& id) {
  r.String("order_number", id.order_number);
  r.String("module_name", id.module_name);
  r.String("system_name", id.system_name);
  r.String("plant_id", id.plant_id);
  r.String("copyright", id.copyright);
  r.String("serial_number", id.serial_number);
  r.String("module_type_name", id.module_type_name);
  r.String("firmware_version", id.firmware_version);
  r.String("hardware_version", id.hardware_version);
  r.Finish();
}

void ReadS7(JsonReader& r, S7Profile& s7) {
  s7.enabled = true;
  if (const json* v = r.Get("identity")) {
    JsonReader id(*v, r.path() + ".identity", r.faults());
    ReadS7Identity(id, s7.identity);
  }
  r.Uint("rack", s7.rack, 0, 7);
  r.Uint("slot", s7.slot, 0, 31);
  if (r.Has("accepted_tsaps")) s7.accepted_tsaps.clear();
  ForEachElement(r, "accepted_tsaps",
                 [&](const json& e, const std::string& path) {
                   int64_t tsap = 0;
                   if (r.ToInteger(e, path, 0, 0xFFFF, tsap)) {
                     s7.accepted_tsaps.push_back(static_cast<uint16_t>(tsap));
                   }
                 });
  r.Uint("max_pdu_size", s7.max_pdu_size, 240, 960);
  r.Uint("max_amq_calling", s7.max_amq_calling, 1, 0xFFFF);
  r.Uint("max_amq_called", s7.max_amq_called, 1, 0xFFFF);
  ForEachElement(r, "areas", [&](const json& e, const std::string& path) {
    JsonReader a(e, path, r.faults());
    S7Area area;
    ReadEnum(a, "kind", kAreaNames, area.kind);
    if (area.kind == S7AreaKind::kDataBlock) {
      a.Uint("db_number", area.db_number, 1, 0xFFFF);
      if (area.db_number == 0) r.faults().Add(path, "a db needs db_number");
    }
    a.Uint("size", area.size, 0, 65536);
    ForEachElement(a, "initial", [&](const json& x, const std::string& p) {
      JsonReader init(x, p, r.faults());
      uint32_t offset = 0;
      init.Uint("offset", offset, 0, 65535);
      Bytes bytes;
      if (const json* hex = init.Get("hex"))
        ReadHex(init, *hex, p + ".hex", bytes);
      if (offset + bytes.size() > area.size) {
        r.faults().Add(
            p, "bytes run past the area's size " + std::to_string(area.size));
      } else {
        area.initial[offset] = std::move(bytes);
      }
      init.Finish();
    });
    a.Finish();
    if (s7.FindArea(area.kind, area.db_number)) {
      r.faults().Add(path, "area defined twice");
    }
    s7.areas.push_back(std::move(area));
  });
  ForEachElement(r, "szl", [&](const json& e, const std::string& path) {
    JsonReader l(e, path, r.faults());
    SzlList list;
    l.Uint("id", list.id);
    l.Uint("index", list.index);
    l.Uint("record_length", list.record_length, 1, 0xFFFF);
    ForEachElement(l, "records", [&](const json& x, const std::string& p) {
      Bytes record;
      ReadHex(l, x, p, record);
      if (record.size() != list.record_length) {
        r.faults().Add(p, "record of " + std::to_string(record.size()) +
                              " bytes, record_length says " +
                              std::to_string(list.record_length));
      }
      list.records.push_back(std::move(record));
    });
    l.Finish();
    if (s7.FindSzl(list.id, list.index)) {
      r.faults().Add(path, "SZL id/index defined twice");
    }
    s7.szl.push_back(std::move(list));
  });
  r.Finish();
}

void ReadBinding(JsonReader& b, VariableBinding& v) {
  b.String("variable", v.variable);
  if (v.variable.empty()) b.faults().Add(b.path() + ".variable", "missing");
  ReadEnum(b, "space", kSpaceNames, v.space);
  b.Uint("address", v.address);
  ReadEnum(b, "area", kAreaNames, v.s7_area);
  b.Uint("db", v.s7_db);
  b.Uint("byte", v.s7_byte, 0, 65535);
  b.Uint("bit", v.s7_bit, 0, 7);
  ReadEnum(b, "type", kTypeNames, v.type);
  b.Double("scale", v.scale);
  b.Double("offset", v.offset);
  if (v.scale == 0.0) b.faults().Add(b.path() + ".scale", "must not be 0");
  bool bit_space =
      v.space == BindingSpace::kCoil || v.space == BindingSpace::kDiscreteInput;
  if (bit_space && v.type != ValueType::kBool) {
    b.faults().Add(b.path() + ".type", "coils and discrete inputs hold bools");
  }
  b.Finish();
}

void ReadProcesses(JsonReader& r, std::vector<ProcessSpec>& out) {
  ForEachElement(r, "processes", [&](const json& e, const std::string& path) {
    JsonReader p(e, path, r.faults());
    ProcessSpec spec;
    p.String("name", spec.name);
    p.String("model", spec.model);
    if (spec.name.empty()) r.faults().Add(path + ".name", "missing");
    if (spec.model.empty()) r.faults().Add(path + ".model", "missing");
    if (const json* params = p.Get("parameters")) {
      if (!params->is_object()) {
        r.faults().Add(path + ".parameters", "expected an object");
      } else {
        for (const auto& [key, value] : params->items()) {
          if (!value.is_number()) {
            r.faults().Add(path + ".parameters." + key, "expected a number");
            continue;
          }
          spec.parameters[key] = value.get<double>();
        }
      }
    }
    ForEachElement(p, "bindings", [&](const json& x, const std::string& bp) {
      JsonReader b(x, bp, r.faults());
      VariableBinding binding;
      ReadBinding(b, binding);
      spec.bindings.push_back(std::move(binding));
    });
    p.Finish();
    for (const ProcessSpec& other : out) {
      if (other.name == spec.name) {
        r.faults().Add(path + ".name", "\"" + spec.name + "\" used twice");
      }
    }
    out.push_back(std::move(spec));
  });
}

std::string LineCol(std::string_view text, size_t byte) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

/// Parses JSON text; the one place a library exception is caught.
Result<json> ParseJson(std::string_view text, std::string_view origin) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    return Malformed(
        std::string(origin) + ":" + LineCol(text, e.byte > 0 ? e.byte - 1 : 0) +
        ": not valid JSON: " +
        (colon == std::string::npos ? what : what.substr(colon + 2)));
  }
}

}  // namespace

const S7Area* S7Profile::FindArea(S7AreaKind kind, uint16_t db_number) const {
  for (const S7Area& a : areas) {
    if (a.kind == kind &&
        (kind != S7AreaKind::kDataBlock || a.db_number == db_number)) {
      return &a;
    }
  }
  return nullptr;
}

const SzlList* S7Profile::FindSzl(uint16_t id, uint16_t index) const {
  for (const SzlList& l : szl) {
    if (l.id == id && l.index == index) return &l;
  }
  return nullptr;
}

std::vector<std::string> DeviceProfile::ServedProtocols() const {
  std::vector<std::string> served;
  if (modbus.enabled) served.emplace_back(modbus::kProtocolName);
  if (s7.enabled) served.emplace_back(s7comm::kProtocolName);
  return served;
}

bool DeviceProfile::Serves(std::string_view protocol) const {
  return (protocol == modbus::kProtocolName && modbus.enabled) ||
         (protocol == s7comm::kProtocolName && s7.enabled);
}

Result<DeviceProfile> ParseProfile(std::string_view json_text,
                                   std::string_view origin) {
  ASSIGN_OR_RETURN(json doc, ParseJson(json_text, origin));
  JsonFaults faults;
  JsonReader root(doc, "profile", faults);
  DeviceProfile profile;
  root.String("name", profile.name);
  if (profile.name.empty()) faults.Add("profile.name", "missing");
  root.String("description", profile.description);
  // The Modbus section is named after the protocol; the S7 one is "s7".
  if (const json* v = root.Get(modbus::kProtocolName.data())) {
    JsonReader r(*v, "profile.modbus", faults);
    ReadModbus(r, profile.modbus);
  }
  if (const json* v = root.Get("s7")) {
    JsonReader r(*v, "profile.s7", faults);
    ReadS7(r, profile.s7);
  }
  if (!profile.modbus.enabled && !profile.s7.enabled) {
    faults.Add("profile", "define \"modbus\" or \"s7\" (or both)");
  }
  ReadProcesses(root, profile.processes);
  root.Finish();
  if (!faults.empty()) {
    return Malformed(std::string(origin) +
                     ": invalid profile: " + faults.Summary());
  }
  return profile;
}

Result<DeviceProfile> LoadProfileFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("cannot open profile " + path +
                    ": give a file path or a built-in name (" +
                    [] {
                      std::string names;
                      for (const std::string& n : ListBuiltinProfiles()) {
                        names += names.empty() ? n : ", " + n;
                      }
                      return names;
                    }() +
                    ")");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError("reading profile " + path + " failed");
  return ParseProfile(text.str(), path);
}

Result<DeviceProfile> BuiltinProfile(std::string_view name) {
  for (const auto& [file_name, text] : BuiltinProfileTexts()) {
    if (file_name == name) {
      return ParseProfile(text, "builtin:" + std::string(name));
    }
  }
  std::string names;
  for (const std::string& n : ListBuiltinProfiles()) {
    names += names.empty() ? n : ", " + n;
  }
  return NotFound("no built-in profile \"" + std::string(name) +
                  "\"; built-in profiles: " + names);
}

std::vector<std::string> ListBuiltinProfiles() {
  std::vector<std::string> names;
  for (const auto& [name, text] : BuiltinProfileTexts()) {
    names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<DeviceProfile> LoadProfile(const std::string& name_or_path) {
  for (const auto& [name, text] : BuiltinProfileTexts()) {
    if (name == name_or_path) return BuiltinProfile(name_or_path);
  }
  return LoadProfileFile(name_or_path);
}

}  // namespace protolm::device
