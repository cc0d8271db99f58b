// What a device profile says of its device, as the knowledge the protocol
// table's validators read (the evaluation of a clone of the simulator judges
// with the simulator's own rules). Modbus: the functions it supports, its
// table ranges, served unit ids and unknown-unit policy, its device
// identification objects, and the signedness of registers bound to process
// variables. S7: the sizes of its DB, M, I and Q areas. Pure functions of the
// profile.
#pragma once

#include <memory>

#include "device/profile.h"
#include "proto/modbus/modbus_rules.h"
#include "proto/protocol.h"
#include "proto/s7comm/s7_validator.h"

namespace protolm::device {

modbus::ModbusRules ModbusRulesFromProfile(const DeviceProfile& profile);
s7comm::S7Rules S7RulesFromProfile(const DeviceProfile& profile);

/// The profile's rules as knowledge of `protocol` (the simulator serves
/// Modbus/TCP and S7comm); nullptr for another protocol or one the profile
/// does not enable.
std::shared_ptr<const DeviceKnowledge> KnowledgeFromProfile(
    const DeviceProfile& profile, const Protocol& protocol);

}  // namespace protolm::device
