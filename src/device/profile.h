// STATUS: stable
// The device profile: everything that describes one simulated PLC, as plain
// data.
//
// A profile is loaded from JSON (schema in docs/device.md) and validated as a
// whole: every fault is reported as one line naming the JSON path ("modbus.
// holding_registers.count: 70000 outside 0..65536; ..."). It holds the Modbus
// side (identity objects, unit ids, the four tables with sizes and initial
// values, supported function codes), the S7 side (identity, TSAPs, PDU size
// limits, areas, SZL lists as raw records) and the control logic (physical
// processes whose named variables are bound to addresses). Built-in profiles
// (data/profiles/*.json) are embedded into the binary at build time. Plain
// values; a loaded profile is immutable by convention and safe to share
// between threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proto/modbus/modbus_rules.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::device {

// ---------------------------------------------------------------- Modbus

/// Identity objects of read device identification (Modbus spec 6.21).
/// Objects 0-2 are basic (mandatory), 3-6 regular, 0x80-0xFF extended.
struct ModbusIdentity {
  std::string vendor_name;            // object 0
  std::string product_code;           // object 1
  std::string major_minor_revision;   // object 2
  std::string vendor_url;             // object 3 (empty: absent)
  std::string product_name;           // object 4 (empty: absent)
  std::string model_name;             // object 5 (empty: absent)
  std::string user_application_name;  // object 6 (empty: absent)
  /// Extended objects (ids 0x80..0xFF) with their raw values.
  std::map<uint8_t, Bytes> extended;
};

/// What the device does with a request for a unit id it does not serve
/// (profile values "answer", "ignore", "gateway_exception").
using modbus::UnknownUnitPolicy;

/// One Modbus table (coils, discrete inputs, holding or input registers):
/// addresses start .. start + count - 1 exist; a request touching any other
/// address is answered with exception 02.
struct ModbusTable {
  uint16_t start = 0;
  uint32_t count = 0;  // 0..65536 - start
  /// Initial values by address (bits: 0 or 1). Addresses not listed start 0.
  std::map<uint16_t, uint16_t> initial;
};

/// One file of read/write file record (functions 20, 21): `record_count`
/// registers numbered 0.., all initially 0.
struct ModbusFile {
  uint16_t file_number = 1;   // 1..0xFFFF
  uint16_t record_count = 0;  // 1..10000
};

struct ModbusProfile {
  bool enabled = false;
  ModbusIdentity identity;
  /// Unit ids the device answers as itself (0 and 255 are usual on TCP).
  std::vector<uint8_t> unit_ids = {0, 1, 255};
  UnknownUnitPolicy unknown_unit = UnknownUnitPolicy::kAnswer;
  ModbusTable coils;
  ModbusTable discrete_inputs;
  ModbusTable holding_registers;
  ModbusTable input_registers;
  std::vector<ModbusFile> files;
  /// Function codes answered; any other code gets exception 01.
  std::vector<uint8_t> supported_functions;
  /// Report server id (17): the server id bytes sent before the run indicator.
  Bytes server_id;
  /// Read exception status (7) reports the 8 coils from this address.
  uint16_t exception_status_coil = 0;
};

// ---------------------------------------------------------------- S7

/// Identity strings as SZL 0x0011 / 0x001C report them (what nmap s7-info
/// shows).
struct S7Identity {
  std::string order_number;      // "6ES7 315-2EH14-0AB0" (SZL 0x0011 index 1)
  std::string module_name;       // "CPU 315-2 PN/DP" (0x001C index 2)
  std::string system_name;       // AS name, "SIMATIC 300(1)" (0x001C index 1)
  std::string plant_id;          // plant identification (0x001C index 3)
  std::string copyright;         // "Original Siemens Equipment" (index 4)
  std::string serial_number;     // "S C-X4U421302009" (index 5)
  std::string module_type_name;  // "CPU 315-2 PN/DP" (index 7)
  std::string firmware_version;  // "V3.2.6" (0x0011 index 7), empty if unknown
  std::string hardware_version;  // module version, empty if unknown
};

/// Kinds of S7 memory areas a profile can define.
enum class S7AreaKind : uint8_t {
  kDataBlock,  // "db" (several, by number)
  kMerker,     // "m" flags
  kInputs,     // "i" process image inputs
  kOutputs,    // "q" process image outputs
  kTimers,     // "t" (2 bytes per timer)
  kCounters,   // "c" (2 bytes per counter)
};

/// One area: `size` bytes, initially 0 except `initial` (byte offset -> bytes).
struct S7Area {
  S7AreaKind kind = S7AreaKind::kDataBlock;
  uint16_t db_number = 0;  // data blocks only, 1..65535
  uint32_t size = 0;       // bytes, 0..65536
  std::map<uint32_t, Bytes> initial;
};

/// One system status list part as a CPU answers it: the records of SZL
/// `id` with `index`, each `record_length` bytes, as raw big-endian bytes
/// (exactly what follows the SZL header in the ack).
struct SzlList {
  uint16_t id = 0;
  uint16_t index = 0;
  uint16_t record_length = 0;
  std::vector<Bytes> records;  // each record_length bytes
};

struct S7Profile {
  bool enabled = false;
  S7Identity identity;
  uint8_t rack = 0;
  uint8_t slot = 2;
  /// Destination TSAPs a COTP connection request may name (e.g. 0x0102 =
  /// PG to rack 0 slot 2, 0x0202 OP, 0x0302 S7 basic); others are refused.
  std::vector<uint16_t> accepted_tsaps = {
      0x0100, 0x0101, 0x0102, 0x0200, 0x0201, 0x0202, 0x0300, 0x0301, 0x0302};
  uint16_t max_pdu_size = 240;  // setup communication answers min(asked, this)
  uint16_t max_amq_calling = 1;
  uint16_t max_amq_called = 1;
  std::vector<S7Area> areas;
  std::vector<SzlList> szl;

  /// The area of `kind` (and `db_number` for data blocks), or nullptr.
  const S7Area* FindArea(S7AreaKind kind, uint16_t db_number = 0) const;
  /// The SZL part with this id and index, or nullptr.
  const SzlList* FindSzl(uint16_t id, uint16_t index) const;
};

// ---------------------------------------------------------------- control
// logic

/// Where a process variable lives. Modbus tables are addressed by item,
/// S7 areas by byte (bit for kBool).
enum class BindingSpace : uint8_t {
  kCoil,             // "coil"
  kDiscreteInput,    // "discrete_input"
  kHoldingRegister,  // "holding_register"
  kInputRegister,    // "input_register"
  kS7,               // "s7" (area, db, byte offset, bit)
};

/// How a value is stored: a bit, a 16-bit integer (one register, two S7
/// bytes) or an IEEE float (two registers high word first, four S7 bytes).
enum class ValueType : uint8_t { kBool, kUint16, kInt16, kFloat32 };

/// Binds one named process variable to an address. The stored value is
/// raw = round((value - offset) * scale) for integers, value for floats.
struct VariableBinding {
  std::string variable;  // a name the process defines ("level", "pump_on")
  BindingSpace space = BindingSpace::kHoldingRegister;
  uint16_t address = 0;  // Modbus item address
  S7AreaKind s7_area = S7AreaKind::kDataBlock;
  uint16_t s7_db = 0;
  uint32_t s7_byte = 0;
  uint8_t s7_bit = 0;
  ValueType type = ValueType::kUint16;
  double scale = 1.0;
  double offset = 0.0;
};

/// One physical process or math function (model names in process/process.h
/// and docs/device.md), its parameters and its variable bindings.
struct ProcessSpec {
  std::string name;   // unique in the profile ("tank1")
  std::string model;  // "tank_level", "signum", ...
  std::map<std::string, double>
      parameters;  // model-specific; missing: defaults
  std::vector<VariableBinding> bindings;
};

// ---------------------------------------------------------------- the profile

struct DeviceProfile {
  std::string name;         // "wago-750-881"
  std::string description;  // one line for `device list`
  ModbusProfile modbus;
  S7Profile s7;
  std::vector<ProcessSpec> processes;

  /// The protocols (names of the protocol table) the profile enables, in
  /// table order.
  std::vector<std::string> ServedProtocols() const;
  bool Serves(std::string_view protocol) const;
};

/// Parses and validates a profile from JSON text. `origin` names the source
/// in error messages (a file name, "builtin:wago-750-881"). Errors:
/// Malformed (not JSON, with line:col; a field of the wrong type or value,
/// with its JSON path), listing up to the first few faults.
Result<DeviceProfile> ParseProfile(std::string_view json_text,
                                   std::string_view origin);

/// Reads and parses a profile file. Errors: NotFound/IoError, then
/// ParseProfile's.
Result<DeviceProfile> LoadProfileFile(const std::string& path);

/// A built-in profile by name. Errors: NotFound listing the names there are.
Result<DeviceProfile> BuiltinProfile(std::string_view name);

/// Names of the built-in profiles, sorted.
std::vector<std::string> ListBuiltinProfiles();

/// `name_or_path`: a built-in profile's name, else a file path.
Result<DeviceProfile> LoadProfile(const std::string& name_or_path);

}  // namespace protolm::device
