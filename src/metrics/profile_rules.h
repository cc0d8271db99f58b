// The validators' rules taken from a device profile. Modbus: the functions
// it supports, its table ranges, served unit ids and unknown-unit policy,
// its device identification objects, and the signedness of registers bound
// to process variables. S7: the sizes of its DB, M, I and Q areas. Pure
// functions of the profile.
#pragma once

#include "device/profile.h"
#include "metrics/modbus_rules.h"
#include "metrics/s7_validator.h"

namespace protolm::metrics {

ModbusRules ModbusRulesFromProfile(const device::DeviceProfile& profile);
S7Rules S7RulesFromProfile(const device::DeviceProfile& profile);

}  // namespace protolm::metrics
