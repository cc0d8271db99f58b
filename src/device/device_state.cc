// DeviceState: memory built from a profile, processes stepped in simulated
// time with their variables copied from and to bound addresses.
#include "device/device_state.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace protolm::device {
namespace {

/// Internal integration step of the processes, simulated seconds.
constexpr double kProcessStep = 0.1;
/// At most this many steps per AdvanceTo; longer gaps take larger steps.
constexpr int kMaxStepsPerAdvance = 10000;

uint32_t BindingWidth(const VariableBinding& b) {
  if (b.space == BindingSpace::kS7) {
    switch (b.type) {
      case ValueType::kBool:
        return 1;
      case ValueType::kFloat32:
        return 4;
      default:
        return 2;
    }
  }
  return b.type == ValueType::kFloat32 ? 2 : 1;
}

}  // namespace

struct DeviceState::RunningProcess {
  const ProcessSpec* spec;
  std::unique_ptr<Process> model;
  std::map<std::string, double> values;
};

ModbusTableMemory::ModbusTableMemory(const ModbusTable& table)
    : start_(table.start), items_(table.count, 0) {
  for (const auto& [address, value] : table.initial) {
    if (Covers(address, 1)) Set(address, value);
  }
}

bool ModbusTableMemory::Covers(uint32_t address, uint32_t quantity) const {
  return address >= start_ &&
         uint64_t{address} + quantity <= uint64_t{start_} + items_.size();
}

DeviceState::DeviceState(const DeviceProfile& profile)
    : profile_(profile),
      coils_(profile_.modbus.coils),
      discrete_inputs_(profile_.modbus.discrete_inputs),
      holding_registers_(profile_.modbus.holding_registers),
      input_registers_(profile_.modbus.input_registers) {
  for (const ModbusFile& f : profile_.modbus.files) {
    files_.emplace_back(f.file_number,
                        std::vector<uint16_t>(f.record_count, 0));
  }
  for (const S7Area& a : profile_.s7.areas) {
    S7AreaMemory mem{a.kind, a.db_number, Bytes(a.size, 0)};
    for (const auto& [offset, bytes] : a.initial) {
      std::copy(bytes.begin(), bytes.end(), mem.bytes.begin() + offset);
    }
    s7_areas_.push_back(std::move(mem));
  }
}

DeviceState::~DeviceState() = default;

Result<std::unique_ptr<DeviceState>> DeviceState::Create(
    const DeviceProfile& profile) {
  std::unique_ptr<DeviceState> state(new DeviceState(profile));
  for (const ProcessSpec& spec : state->profile_.processes) {
    std::string where = "process \"" + spec.name + "\" (" + spec.model + ")";
    Result<std::unique_ptr<Process>> model =
        MakeProcess(spec.model, spec.parameters);
    if (!model.ok()) return model.status().WithContext(where);
    RunningProcess running{&spec, std::move(model).value(), {}};
    for (const ProcessVariable& v : running.model->variables()) {
      running.values[v.name] = v.initial;
    }
    for (const VariableBinding& b : spec.bindings) {
      if (!running.values.count(b.variable)) {
        std::string known;
        for (const ProcessVariable& v : running.model->variables()) {
          known += known.empty() ? v.name : ", " + v.name;
        }
        return InvalidArgument(where + ": no variable \"" + b.variable +
                               "\" (variables: " + known + ")");
      }
      uint32_t width = BindingWidth(b);
      bool fits = false;
      switch (b.space) {
        case BindingSpace::kCoil:
          fits = state->coils_.Covers(b.address, 1);
          break;
        case BindingSpace::kDiscreteInput:
          fits = state->discrete_inputs_.Covers(b.address, 1);
          break;
        case BindingSpace::kHoldingRegister:
          fits = state->holding_registers_.Covers(b.address, width);
          break;
        case BindingSpace::kInputRegister:
          fits = state->input_registers_.Covers(b.address, width);
          break;
        case BindingSpace::kS7: {
          const Bytes* area = state->s7_area(b.s7_area, b.s7_db);
          fits = area && uint64_t{b.s7_byte} + width <= area->size();
          break;
        }
      }
      if (!fits) {
        return InvalidArgument(where + ": variable " + b.variable +
                               " is bound outside the device's memory; "
                               "enlarge the table or area in the profile");
      }
      state->WriteBinding(b, running.values[b.variable]);
    }
    state->processes_.push_back(std::move(running));
  }
  return state;
}

std::vector<uint16_t>* DeviceState::file(uint16_t file_number) {
  for (auto& [number, records] : files_) {
    if (number == file_number) return &records;
  }
  return nullptr;
}

Bytes* DeviceState::s7_area(S7AreaKind kind, uint16_t db_number) {
  for (S7AreaMemory& a : s7_areas_) {
    if (a.kind == kind &&
        (kind != S7AreaKind::kDataBlock || a.db_number == db_number)) {
      return &a.bytes;
    }
  }
  return nullptr;
}

std::optional<double> DeviceState::variable(const std::string& process,
                                            const std::string& name) const {
  for (const RunningProcess& p : processes_) {
    if (p.spec->name != process) continue;
    auto it = p.values.find(name);
    if (it != p.values.end()) return it->second;
  }
  return std::nullopt;
}

void DeviceState::AdvanceTo(double sim_seconds) {
  double gap = sim_seconds - sim_time_;
  if (!(gap > 0.0)) return;
  int steps = static_cast<int>(
      std::min<double>(kMaxStepsPerAdvance, std::ceil(gap / kProcessStep)));
  double dt = gap / std::max(steps, 1);
  for (int i = 0; i < steps; ++i) {
    for (RunningProcess& p : processes_) StepProcess(p, dt);
  }
  sim_time_ = sim_seconds;
}

void DeviceState::StepProcess(RunningProcess& p, double dt) {
  for (const ProcessVariable& v : p.model->variables()) {
    if (!v.input) continue;
    for (const VariableBinding& b : p.spec->bindings) {
      if (b.variable == v.name) p.values[v.name] = ReadBinding(b);
    }
  }
  p.model->Step(dt, p.values);
  // Inputs are written back too: a model may change them (a tripped breaker).
  for (const VariableBinding& b : p.spec->bindings) {
    WriteBinding(b, p.values[b.variable]);
  }
}

double DeviceState::ReadBinding(const VariableBinding& b) {
  uint32_t raw32 = 0;
  uint16_t raw16 = 0;
  bool bit = false;
  switch (b.space) {
    case BindingSpace::kCoil:
      bit = coils_.Get(b.address) != 0;
      break;
    case BindingSpace::kDiscreteInput:
      bit = discrete_inputs_.Get(b.address) != 0;
      break;
    case BindingSpace::kHoldingRegister:
    case BindingSpace::kInputRegister: {
      ModbusTableMemory& t = b.space == BindingSpace::kHoldingRegister
                                 ? holding_registers_
                                 : input_registers_;
      raw16 = t.Get(b.address);
      if (b.type == ValueType::kFloat32) {
        raw32 = (uint32_t{raw16} << 16) | t.Get(b.address + 1);
      }
      bit = raw16 != 0;
      break;
    }
    case BindingSpace::kS7: {
      const Bytes& area = *s7_area(b.s7_area, b.s7_db);
      const uint8_t* p = area.data() + b.s7_byte;
      bit = (p[0] >> b.s7_bit) & 1;
      if (b.type == ValueType::kFloat32) {
        raw32 = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) |
                (uint32_t{p[2]} << 8) | p[3];
      } else if (b.type != ValueType::kBool) {
        raw16 = static_cast<uint16_t>((p[0] << 8) | p[1]);
      }
      break;
    }
  }
  switch (b.type) {
    case ValueType::kBool:
      return bit ? 1.0 : 0.0;
    case ValueType::kFloat32:
      return std::bit_cast<float>(raw32);
    case ValueType::kUint16:
      return raw16 / b.scale + b.offset;
    case ValueType::kInt16:
      return static_cast<int16_t>(raw16) / b.scale + b.offset;
  }
  return 0.0;
}

void DeviceState::WriteBinding(const VariableBinding& b, double value) {
  uint16_t raw16 = 0;
  uint32_t raw32 = 0;
  bool bit = value != 0.0;
  double scaled = std::round((value - b.offset) * b.scale);
  if (std::isnan(scaled)) scaled = 0.0;
  if (b.type == ValueType::kUint16) {
    raw16 = static_cast<uint16_t>(std::clamp(scaled, 0.0, 65535.0));
  } else if (b.type == ValueType::kInt16) {
    raw16 = static_cast<uint16_t>(
        static_cast<int16_t>(std::clamp(scaled, -32768.0, 32767.0)));
  } else if (b.type == ValueType::kFloat32) {
    raw32 = std::bit_cast<uint32_t>(static_cast<float>(value));
  } else {
    raw16 = bit ? 1 : 0;
  }
  switch (b.space) {
    case BindingSpace::kCoil:
      coils_.Set(b.address, bit ? 1 : 0);
      break;
    case BindingSpace::kDiscreteInput:
      discrete_inputs_.Set(b.address, bit ? 1 : 0);
      break;
    case BindingSpace::kHoldingRegister:
    case BindingSpace::kInputRegister: {
      ModbusTableMemory& t = b.space == BindingSpace::kHoldingRegister
                                 ? holding_registers_
                                 : input_registers_;
      if (b.type == ValueType::kFloat32) {
        t.Set(b.address, static_cast<uint16_t>(raw32 >> 16));
        t.Set(b.address + 1, static_cast<uint16_t>(raw32));
      } else {
        t.Set(b.address, raw16);
      }
      break;
    }
    case BindingSpace::kS7: {
      Bytes& area = *s7_area(b.s7_area, b.s7_db);
      uint8_t* p = area.data() + b.s7_byte;
      if (b.type == ValueType::kBool) {
        p[0] = static_cast<uint8_t>(bit ? p[0] | (1u << b.s7_bit)
                                        : p[0] & ~(1u << b.s7_bit));
      } else if (b.type == ValueType::kFloat32) {
        for (int i = 0; i < 4; ++i)
          p[i] = static_cast<uint8_t>(raw32 >> (24 - 8 * i));
      } else {
        p[0] = static_cast<uint8_t>(raw16 >> 8);
        p[1] = static_cast<uint8_t>(raw16);
      }
      break;
    }
  }
}

}  // namespace protolm::device
