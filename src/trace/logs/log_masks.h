// The words of a log message with their variable parts masked: what the
// template miner (log_template_miner.h) compares.
//
// A message is split on whitespace. In each word, the part between leading
// `([{<'"/` and trailing `)]}>,;:.'"` punctuation is masked to "<*>" when it
// is a number (12, -3, 0.5, 1024ms-style numbers with a unit are not), a hex
// number (0x1f, or 8+ hex digits with a digit), an IPv4 address with or
// without a port, a time of day (07:07:00, 07:07:00.123), or, after a `name=`, any of these; an HDFS block id
// `blk_-123` becomes "blk_<*>". So "/10.251.73.220:50010" → "/<*>",
// "[173.234.31.186]" → "[<*>]", "uid=0" → "uid=<*>". Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace protolm {

/// The wildcard of templates and masks.
inline constexpr std::string_view kLogWildcard = "<*>";

/// `word` with its variable part masked (unchanged when it has none).
std::string MaskLogWord(std::string_view word);

/// Every word of `message` masked, joined by single spaces.
std::string MaskLogMessage(std::string_view message);

}  // namespace protolm
