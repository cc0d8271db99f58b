// Log line headers by named-group expressions and presets (see
// log_header.h).
#include "trace/logs/log_header.h"

#include <utility>

namespace protolm {
namespace {

constexpr size_t kMaxHeaderBytes = 1024;

struct PresetPattern {
  std::string_view name;
  std::string_view pattern;
};

constexpr std::string_view kSyslog =
    R"((?<month>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<time>\d\d:\d\d:\d\d) )"
    R"((?<host>\S+) (?<component>[^\[:]+?)(?:\[(?<pid>\d+)\])?: ?)";

constexpr PresetPattern kPresets[] = {
    {"hdfs", R"((?<date>\d{6}) (?<time>\d{6}) +(?<pid>\d+) (?<level>[A-Z]+) )"
             R"((?<component>[^ :]+): )"},
    {"bgl", R"((?<label>\S+) (?<timestamp>\d+) (?<date>\S+) (?<node>\S+) )"
            R"((?<time>\S+) (?<node_repeat>\S+) (?<type>\S+) )"
            R"((?<component>\S+) (?<level>\S+) ?)"},
    {"syslog", kSyslog},
    {"linux", kSyslog},
    {"openssh", kSyslog},
};

/// `pattern` with `(?<name>` and `(?P<name>` made plain groups, the names
/// and group numbers going to `groups`.
std::string WithoutGroupNames(std::string_view pattern,
                              std::vector<LogHeader::Group>& groups) {
  std::string plain;
  size_t group_count = 0;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      plain += pattern.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      plain += c;
      continue;
    }
    if (c == '[') in_class = true;
    if (c != '(') {
      plain += c;
      continue;
    }
    std::string_view rest = pattern.substr(i + 1);
    size_t name_start = rest.starts_with("?<") && rest.size() > 2 &&
                                rest[2] != '=' && rest[2] != '!'
                            ? 2
                        : rest.starts_with("?P<") ? 3
                                                  : 0;
    size_t name_end = name_start ? rest.find('>', name_start) : 0;
    if (name_start && name_end != std::string_view::npos) {
      groups.push_back({std::string(rest.substr(name_start, name_end - name_start)),
                        ++group_count});
      plain += '(';
      i += name_end + 1;
      continue;
    }
    if (!rest.starts_with("?")) ++group_count;
    plain += c;
  }
  return plain;
}

}  // namespace

Result<LogHeader> LogHeader::FromRegex(std::string_view pattern) {
  std::vector<Group> groups;
  std::string plain = WithoutGroupNames(pattern, groups);
  try {
    return LogHeader(std::regex(plain, std::regex::ECMAScript | std::regex::optimize),
                     std::move(groups));
  } catch (const std::regex_error& error) {
    return InvalidArgument("header expression '" + std::string(pattern) +
                           "': " + error.what());
  }
}

Result<LogHeader> LogHeader::Preset(std::string_view name) {
  for (const PresetPattern& preset : kPresets)
    if (preset.name == name) return FromRegex(preset.pattern);
  return InvalidArgument("unknown log header preset '" + std::string(name) +
                         "' (hdfs, bgl, syslog, linux, openssh)");
}

std::optional<std::string_view> LogHeader::Strip(
    std::string_view line, std::vector<EventField>& fields) const {
  std::string_view head = line.substr(0, kMaxHeaderBytes);
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(head.begin(), head.end(), match, regex_,
                         std::regex_constants::match_continuous))
    return std::nullopt;
  for (const Group& group : groups_) {
    if (group.index < match.size())
      fields.push_back({group.name, match[group.index].str()});
  }
  return line.substr(static_cast<size_t>(match.length(0)));
}

}  // namespace protolm
