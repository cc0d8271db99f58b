// The value-definition idiom of RFC field descriptions.
//
// Under a field, RFCs list the values it takes one per line:
// "0 = Echo Reply", "9-31 = Reserved for future use", "8 for echo message;",
// "111 - Network Control", "00      no warning", "2...n   secondary
// reference", "ICMP = 1", or a bare "3". ParseValueItem reads one such line;
// anything else (prose that happens to start with a number) is rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace protolm::spec {

struct ValueItem {
  std::string value;                  // as written: "0", "9-31", "2...n"
  std::optional<uint64_t> low, high;  // the numeric range if decimal
  std::string meaning;                // "Echo Reply"; "" for a bare value
};

/// Parses one line of the idiom; nullopt if the line is not one.
std::optional<ValueItem> ParseValueItem(std::string_view line);

}  // namespace protolm::spec
