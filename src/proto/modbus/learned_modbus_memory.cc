// Learning and storing a Modbus clone's starting memory (see
// learned_modbus_memory.h).
#include "proto/modbus/learned_modbus_memory.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "proto/modbus/adu.h"
#include "proto/modbus/range_check.h"

namespace protolm::modbus {
namespace {

using modbus::ModbusTable;

constexpr std::array<std::pair<ModbusTable, const char*>, 4> kTables = {{
    {ModbusTable::kCoils, "coils"},
    {ModbusTable::kDiscreteInputs, "discrete_inputs"},
    {ModbusTable::kHoldingRegisters, "holding_registers"},
    {ModbusTable::kInputRegisters, "input_registers"},
}};

size_t Index(ModbusTable table) { return static_cast<size_t>(table); }

bool IsException(ByteView response) {
  auto decoded = modbus::DecodeResponseAdu(response);
  return decoded.ok() && decoded->pdu.is_exception();
}

}  // namespace

ModbusMemoryImage LearnModbusStartingMemory(
    std::span<const ByteExchange> sequence) {
  std::array<std::unordered_set<uint16_t>, 4> written, varying;
  std::array<std::unordered_map<uint16_t, uint16_t>, 4> seen;
  for (const ByteExchange& e : sequence) {
    const ModbusRequest decoded(e.request);
    const Result<RequestAdu>& request = decoded.adu();
    if (!request.ok()) continue;
    // A write the device refused, or one the specification makes every
    // device refuse (the answer may be held out), writes nothing.
    const bool refused =
        (!e.response.empty() && IsException(e.response)) ||
        modbus::CheckRequestRanges(request->pdu).has_value();
    if (!refused) {
      for (const modbus::TableSpan& span :
           modbus::WrittenSpans(request->pdu)) {
        for (uint32_t a = span.address;
             a < span.address + span.quantity && a <= 0xFFFF; ++a)
          written[Index(span.table)].insert(static_cast<uint16_t>(a));
      }
    }
    if (e.response.empty()) continue;
    for (const ModbusCell& cell : ReadCells(decoded, e.response)) {
      const size_t t = Index(cell.table);
      if (written[t].count(cell.address) != 0) continue;
      auto [it, inserted] = seen[t].emplace(cell.address, cell.value);
      if (!inserted && it->second != cell.value)
        varying[t].insert(cell.address);
    }
  }
  ModbusMemoryImage image;
  for (const auto& [table, name] : kTables) {
    const size_t t = Index(table);
    for (const auto& [address, value] : seen[t])
      if (varying[t].count(address) == 0) image.Seed({table, address, value});
  }
  return image;
}

nlohmann::json ModbusMemoryToJson(const ModbusMemoryImage& image) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [table, name] : kTables) {
    const auto& known = image.Known(table);
    if (known.empty()) continue;
    std::vector<uint16_t> addresses;
    for (const auto& entry : known) addresses.push_back(entry.first);
    std::sort(addresses.begin(), addresses.end());
    nlohmann::json runs = nlohmann::json::array();
    for (size_t i = 0; i < addresses.size();) {
      nlohmann::json values = nlohmann::json::array();
      size_t j = i;
      while (j < addresses.size() && addresses[j] == addresses[i] + (j - i)) {
        values.push_back(known.at(addresses[j]));
        ++j;
      }
      runs.push_back({addresses[i], std::move(values)});
      i = j;
    }
    out[name] = std::move(runs);
  }
  return out;
}

Result<ModbusMemoryImage> ModbusMemoryFromJson(const nlohmann::json& json) {
  if (!json.is_object())
    return Malformed("the starting memory is not an object of tables");
  ModbusMemoryImage image;
  for (auto entry = json.begin(); entry != json.end(); ++entry) {
    const std::string& key = entry.key();
    const nlohmann::json& runs = entry.value();
    const auto* table =
        std::find_if(kTables.begin(), kTables.end(),
                     [&](const auto& named) { return key == named.second; });
    if (table == kTables.end())
      return Malformed("the starting memory names an unknown table '" + key +
                       "'");
    const bool bits = table->first == ModbusTable::kCoils ||
                      table->first == ModbusTable::kDiscreteInputs;
    const uint64_t max_value = bits ? 1 : 0xFFFF;
    const auto refuse = [&] {
      return Malformed("the starting memory of " + key +
                       " is not a list of [start, [values]] within the "
                       "address space");
    };
    if (!runs.is_array()) return refuse();
    for (const auto& run : runs) {
      if (!run.is_array() || run.size() != 2 || !run[0].is_number_unsigned() ||
          !run[1].is_array() || run[0].get<uint64_t>() > 0xFFFF ||
          run[0].get<uint64_t>() + run[1].size() > 0x10000)
        return refuse();
      const auto start = run[0].get<uint32_t>();
      for (size_t i = 0; i < run[1].size(); ++i) {
        const auto& v = run[1][i];
        if (!v.is_number_unsigned() || v.get<uint64_t>() > max_value)
          return refuse();
        image.Seed({table->first, static_cast<uint16_t>(start + i),
                    v.get<uint16_t>()});
      }
    }
  }
  return image;
}

}  // namespace protolm::modbus
