// Splitting an strace call into name, arguments and return (see
// strace_call.h).
#include "trace/syscalls/strace_call.h"

namespace protolm {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

/// -yy annotates a descriptor right after it: "3</etc/x>", "AT_FDCWD</tmp>";
/// "1<<CAP_CHOWN" (capget's flags) is a shift, not an annotation.
bool OpensAnnotation(std::string_view text, size_t i) {
  if (i == 0 || (i + 1 < text.size() && text[i + 1] == '<')) return false;
  char before = text[i - 1];
  return (before >= '0' && before <= '9') || (before >= 'A' && before <= 'Z') ||
         (before >= 'a' && before <= 'z') || before == '_';
}

/// Where the argument list that starts at `open` + 1 ends (its ')'), or npos;
/// the top-level commas go to `commas`.
size_t ScanArguments(std::string_view text, size_t open,
                     std::vector<size_t>& commas) {
  int depth = 0;  // ([{ nesting
  int angle = 0;  // -yy's <...> nesting
  bool in_string = false;
  for (size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '(': case '[': case '{': ++depth; break;
      case '<':
        if (angle > 0 || OpensAnnotation(text, i)) ++angle;
        break;
      case '>':
        if (angle > 0) --angle;
        break;
      case ')':
        if (depth == 0 && angle == 0) return i;
        if (depth > 0) --depth;
        break;
      case ']': case '}':
        if (depth > 0) --depth;
        break;
      case ',':
        if (depth == 0 && angle == 0) commas.push_back(i);
        break;
      default: break;
    }
  }
  return std::string_view::npos;
}

/// The return word: a value and, from -yy, a balanced <...> after it.
size_t ReturnWordEnd(std::string_view text) {
  size_t i = 0;
  int depth = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<' && (depth > 0 || OpensAnnotation(text, i))) ++depth;
    else if (c == '>' && depth > 0) --depth;
    else if (c == ' ' && depth == 0) break;
  }
  return i;
}

}  // namespace

Result<StraceCall> ParseStraceCall(std::string_view text) {
  StraceCall call;
  size_t open = text.find('(');
  if (open == 0 || open == std::string_view::npos)
    return Malformed("a call must start 'name('");
  call.name = text.substr(0, open);
  std::vector<size_t> commas;
  size_t close = ScanArguments(text, open, commas);
  if (close == std::string_view::npos)
    return Malformed("call '" + std::string(call.name.substr(0, 40)) +
                     "' has no closing ')'");
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t comma : commas) {
    std::string_view arg = Trim(text.substr(start, comma - start));
    if (!arg.empty()) call.args.push_back(arg);
    start = comma + 1;
  }
  std::string_view rest = Trim(text.substr(close + 1));
  if (!rest.starts_with("=")) {
    return Malformed("call '" + std::string(call.name.substr(0, 40)) +
                     "' has no ' = ' return");
  }
  rest = Trim(rest.substr(1));
  size_t ret_end = ReturnWordEnd(rest);
  call.ret = rest.substr(0, ret_end);
  if (call.ret.empty()) return Malformed("a call with an empty return");
  rest = Trim(rest.substr(ret_end));
  size_t word_end = rest.find(' ');
  std::string_view word = rest.substr(0, word_end);
  if (word.size() > 1 && word[0] == 'E') call.error = word;
  return call;
}

std::string ResultOf(const StraceCall& call) {
  bool negative = call.ret.size() > 1 && call.ret[0] == '-';
  if ((negative || call.ret == "?") && !call.error.empty())
    return "err " + std::string(call.error);
  if (call.ret == "?") return "?";
  return negative ? "err" : "ok";
}

}  // namespace protolm
