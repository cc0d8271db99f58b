// Taking an strace output line apart (see strace_line.h).
#include "trace/syscalls/strace_line.h"

#include <utility>

#include "util/text_fields.h"

namespace protolm {
namespace {

constexpr std::string_view kUnfinished = "<unfinished ...>";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c == '_' || c == '?';
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

/// The first word of `text` and the rest after it (leading spaces gone).
std::pair<std::string_view, std::string_view> FirstWord(std::string_view text) {
  size_t end = text.find_first_of(" \t");
  if (end == std::string_view::npos) return {text, {}};
  return {text.substr(0, end), TrimSpaces(text.substr(end))};
}

/// `[pid 6201]` or a bare `6201` before the time or the call.
std::optional<int64_t> TakePid(std::string_view& text) {
  if (text.starts_with("[pid")) {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    std::optional<int64_t> pid = ParseInt64(TrimSpaces(text.substr(4, close - 4)));
    if (pid) text = TrimSpaces(text.substr(close + 1));
    return pid;
  }
  auto [word, rest] = FirstWord(text);
  std::optional<int64_t> pid = ParseInt64(word);
  if (pid && !rest.empty()) text = rest;
  return rest.empty() ? std::nullopt : pid;
}

/// `HH:MM:SS[.ffffff]` (since midnight) or `SECONDS.ffffff` (-ttt).
std::optional<int64_t> TakeTime(std::string_view& text) {
  auto [word, rest] = FirstWord(text);
  if (word.empty() || !IsDigit(word.front()) || rest.empty()) return std::nullopt;
  std::string_view whole = word;
  std::string_view fraction;
  if (size_t dot = word.find('.'); dot != std::string_view::npos) {
    whole = word.substr(0, dot);
    fraction = word.substr(dot + 1);
  }
  int64_t seconds = 0;
  if (whole.size() == 8 && whole[2] == ':' && whole[5] == ':') {
    std::optional<int64_t> h = ParseInt64(whole.substr(0, 2));
    std::optional<int64_t> m = ParseInt64(whole.substr(3, 2));
    std::optional<int64_t> s = ParseInt64(whole.substr(6, 2));
    if (!h || !m || !s || *h < 0 || *m < 0 || *s < 0) return std::nullopt;
    seconds = *h * 3600 + *m * 60 + *s;
  } else if (std::optional<int64_t> epoch = ParseInt64(whole);
             epoch && !fraction.empty() && whole.size() <= 12 && *epoch >= 0) {
    seconds = *epoch;
  } else {
    return std::nullopt;
  }
  int64_t micros = 0;
  if (!fraction.empty()) {
    if (fraction.size() > 6) return std::nullopt;
    std::optional<int64_t> digits = ParseInt64(fraction);
    if (!digits || *digits < 0) return std::nullopt;
    micros = *digits;
    for (size_t i = fraction.size(); i < 6; ++i) micros *= 10;
  }
  text = rest;
  return seconds * 1'000'000 + micros;
}

Result<StraceLine> ParseBody(std::string_view body, StraceLine line) {
  using Kind = StraceLine::Kind;
  if (body.starts_with("--- ") && body.ends_with(" ---")) {
    line.kind = Kind::kSignal;
    line.name = FirstWord(body.substr(4)).first;
    if (line.name == "stopped") line.name = "SIGSTOP";
    return line;
  }
  if (body.starts_with("+++ ") && body.ends_with(" +++")) {
    line.kind = Kind::kExit;
    line.text = TrimSpaces(body.substr(4, body.size() - 8));
    return line;
  }
  if (body.starts_with("<... ")) {
    size_t end = body.find(" resumed>");
    if (end == std::string_view::npos) return Malformed("'<...' with no 'resumed>'");
    line.kind = Kind::kResumed;
    line.name = body.substr(5, end - 5);
    line.text = body.substr(end + 9);
    std::string_view trimmed = TrimSpaces(line.text);
    if (trimmed.starts_with(kUnfinished)) {
      line.still_unfinished = true;
      line.text = {};
    } else if (trimmed.ends_with(kUnfinished)) {
      line.still_unfinished = true;
      line.text = line.text.substr(0, line.text.rfind(kUnfinished));
    }
    return line;
  }
  size_t name_end = 0;
  while (name_end < body.size() && IsNameChar(body[name_end])) ++name_end;
  if (name_end > 0 && name_end < body.size() && body[name_end] == '(') {
    line.name = body.substr(0, name_end);
    if (body.ends_with(kUnfinished)) {
      line.kind = Kind::kUnfinished;
      line.text = body.substr(0, body.size() - kUnfinished.size());
    } else {
      line.kind = Kind::kCall;
      line.text = body;
    }
    return line;
  }
  if (body.starts_with("strace: ") || body.starts_with("Process ")) return line;
  return Malformed("not an strace line (PID, time, then a call, a signal "
                   "or an exit)");
}

}  // namespace

Result<StraceLine> ParseStraceLine(std::string_view text) {
  StraceLine line;
  text = TrimSpaces(text);
  line.pid = TakePid(text);
  line.time_us = TakeTime(text);
  return ParseBody(text, line);
}

}  // namespace protolm
