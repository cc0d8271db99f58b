// Times as text for the event store: ISO 8601 UTC rendering and the
// `--since` argument of `protolm events` (an absolute time or an age).
//
// All functions are pure and thread-safe; times are microseconds since the
// Unix epoch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace protolm::events {

/// "2026-11-21T13:00:00.123456Z" (microseconds always shown).
std::string IsoUtcTime(int64_t time_us);

/// "20261121T130000Z" (seconds; for names such as run ids).
std::string CompactUtcTime(int64_t time_us);

/// Parses a --since value: ISO 8601 UTC ("2026-11-21T13:00:00Z", with
/// optional fractional seconds, or a date "2026-11-21") or an age before
/// `now_us` ("90s", "10m", "2h", "1d"). Errors name the text and the forms
/// accepted.
Result<int64_t> ParseSince(std::string_view text, int64_t now_us);

}  // namespace protolm::events
