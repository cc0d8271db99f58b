// LogHeader: the header a log line starts with (time, level, component...),
// told apart from the message that follows it.
//
// A header is a regular expression (ECMAScript, std::regex) matched at the
// start of the line; its named groups, written `(?<name>...)` or
// `(?P<name>...)`, become the event's fields, and the message is the rest of
// the line after the match. Presets for the loghub formats: "hdfs"
// (`081109 203615 148 INFO dfs.DataNode$PacketResponder: `), "bgl" (`- 1117838570
// 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11
// RAS KERNEL INFO `), "syslog" = "linux" = "openssh" (`Jun 14 15:16:01 combo
// sshd(pam_unix)[19939]: `). The expression sees at most the first 1 KiB of
// a line (libstdc++'s matcher recurses per character, so a longer input
// could exhaust the stack). Immutable after construction; thread-safe.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_event.h"
#include "util/status.h"

namespace protolm {

class LogHeader {
 public:
  /// A named group of the expression and its capture group's number.
  struct Group {
    std::string name;
    size_t index = 0;
  };

  /// InvalidArgument when `pattern` is no valid expression.
  static Result<LogHeader> FromRegex(std::string_view pattern);
  /// InvalidArgument for a name not among the presets above.
  static Result<LogHeader> Preset(std::string_view name);

  /// The message after the header, its named groups appended to `fields`;
  /// nullopt (and `fields` unchanged) when the line does not start with one.
  std::optional<std::string_view> Strip(std::string_view line,
                                        std::vector<EventField>& fields) const;

 private:
  LogHeader(std::regex regex, std::vector<Group> groups)
      : regex_(std::move(regex)), groups_(std::move(groups)) {}

  std::regex regex_;
  std::vector<Group> groups_;
};

}  // namespace protolm
