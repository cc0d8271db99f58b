// Names of S7comm codes, as they appear in field trees and PduInfo.
//
// Every name is lower-case snake_case ("read_var", "db", "octet_string").
// A code without a name gets a text that still carries its value
// ("unknown_function_0x42", "area_0x99"), so no information is lost. All
// functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "proto/s7comm/s7_pdu.h"

namespace protolm::s7comm {

/// "0x" and `digits` lower-case hex digits: HexText(0x32, 2) == "0x32".
std::string HexText(uint64_t value, int digits);

std::string RosctrName(uint8_t rosctr);        // "job", "ack_data", ...
std::string FunctionName(uint8_t function);    // "read_var", "plc_stop", ...
std::string AreaName(uint8_t area);            // "i", "q", "m", "db", ...
std::string ItemTypeName(uint8_t type);        // "bit", "byte", "word", ...
std::string DataTypeName(uint8_t type);        // "byte", "octet_string", ...
std::string ReturnCodeName(uint8_t code);      // "success", ...
std::string UserdataTypeName(uint8_t type);    // "push", "request", ...
std::string UserdataGroupName(uint8_t group);  // "cpu_functions", ...
/// "szl_read", "read_clock", "list_blocks", ... or
/// "userdata_g<group>_sf<subfunction>" for ones without a name.
std::string UserdataFunctionName(uint8_t group, uint8_t subfunction);

}  // namespace protolm::s7comm
