// Reading a data set's `NUMBER NAME` system-call map (see
// syscall_map_file.h).
#include "trace/syscalls/syscall_map_file.h"

#include <fstream>
#include <optional>

#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {
namespace {

constexpr int64_t kMaxNumber = 65535;

}  // namespace

Result<std::vector<std::string>> ReadSyscallMap(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open for reading");
  std::vector<std::string> names;
  LineReader lines(in);
  std::string_view line;
  for (LineReader::Outcome outcome;
       (outcome = lines.Next(line)) != LineReader::Outcome::kEnd;) {
    std::string where = path + ":" + std::to_string(lines.line_number());
    if (outcome == LineReader::Outcome::kTooLong)
      return Malformed(where + ": line over 1 MiB; not a system-call map");
    std::vector<std::string_view> words = SplitWhitespace(line);
    if (words.empty()) continue;
    std::optional<int64_t> number =
        words.size() == 2 ? ParseInt64(words[0]) : std::nullopt;
    if (!number || *number < 0 || *number > kMaxNumber)
      return Malformed(where + ": not a 'NUMBER NAME' line with a number "
                               "from 0 to 65535");
    if (static_cast<size_t>(*number) >= names.size()) names.resize(*number + 1);
    names[*number] = std::string(words[1]);
  }
  return names;
}

}  // namespace protolm
