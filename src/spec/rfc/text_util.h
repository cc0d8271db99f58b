// Small string helpers shared by the RFC reader's passes and the rest of
// spec: trimming, indentation, case folding, whitespace normalisation and
// number parsing. All are pure functions over borrowed text; none allocates
// more than its result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace protolm::spec {

/// `text` without leading and trailing spaces.
std::string_view Trim(std::string_view text);

/// Number of leading spaces (the line's indentation).
int Indent(std::string_view line);

/// ASCII lower / upper case, whatever the locale: protocol and field names
/// are ASCII, and their spelling must not depend on the machine.
char ToLower(char c);
char ToUpper(char c);
std::string ToLower(std::string_view text);
std::string ToUpper(std::string_view text);

/// Runs of spaces collapsed to one, ends trimmed.
std::string CollapseSpaces(std::string_view text);

/// Case-insensitive ASCII equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

/// Words split on spaces (empty words dropped).
std::vector<std::string_view> SplitWords(std::string_view text);

/// A decimal number of at most 18 digits ("0", "255"); nullopt otherwise.
std::optional<uint64_t> ParseDecimal(std::string_view text);

bool IsDigit(char c);
bool IsUpper(char c);
bool IsLower(char c);
bool IsAlpha(char c);
bool IsAlnum(char c);

}  // namespace protolm::spec
