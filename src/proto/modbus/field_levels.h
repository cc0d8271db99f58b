// Abstraction levels of Modbus tree fields (see Abstract() in field_tree.h).
//
// Abstract(tree, 2) names the function ("modbus.req function_code=3"), depth 3
// adds where it acts (unit id, address, quantity, sub-function, read code,
// object id, byte counts), depth 4 adds the data (values, registers, coils).
// The other MBAP fields and pure length fields stay at 0 (never tokens).
#pragma once

namespace protolm::modbus {

inline constexpr int kLevelHidden = 0;
inline constexpr int kLevelFunction =
    2;  // function_code, mei_type, exception_code
inline constexpr int kLevelAddressing = 3;  // unit_id, address, quantity, ...
inline constexpr int kLevelValues = 4;      // values, registers, coils, objects

}  // namespace protolm::modbus
