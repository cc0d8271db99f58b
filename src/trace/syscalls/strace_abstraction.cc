// Abstracting strace arguments into classes (see strace_abstraction.h).
#include "trace/syscalls/strace_abstraction.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "util/text_fields.h"

namespace protolm {
namespace {

struct PathPrefix {
  std::string_view dir;
  std::string_view path_class;
};

// First match wins: the more specific folders come first.
constexpr PathPrefix kPathClasses[] = {
    {"/etc", "/etc/*"},          {"/proc", "/proc/*"},
    {"/sys", "/sys/*"},          {"/dev/shm", "/tmp/*"},
    {"/dev", "dev"},             {"/tmp", "/tmp/*"},
    {"/var/tmp", "/tmp/*"},      {"/var/www", "/var/www/*"},
    {"/var/log", "/var/log/*"},  {"/var", "/var/*"},
    {"/run", "/run/*"},          {"/home", "home"},
    {"/root", "home"},           {"/usr/lib", "lib"},
    {"/usr/lib64", "lib"},       {"/usr/lib32", "lib"},
    {"/lib", "lib"},             {"/lib64", "lib"},
    {"/lib32", "lib"},           {"/usr/share", "/usr/share/*"},
    {"/usr/bin", "bin"},         {"/usr/sbin", "bin"},
    {"/bin", "bin"},             {"/sbin", "bin"},
};

// Calls whose string arguments are paths.
constexpr std::string_view kPathCalls[] = {
    "access",     "acct",        "chdir",         "chmod",
    "chown",      "chroot",      "creat",         "execve",
    "execveat",   "faccessat",   "faccessat2",    "fchmodat",
    "fchownat",   "futimesat",   "getxattr",      "inotify_add_watch",
    "lchown",     "lgetxattr",   "link",          "linkat",
    "listxattr",  "llistxattr",  "lremovexattr",  "lsetxattr",
    "lstat",      "lstat64",     "mkdir",         "mkdirat",
    "mknod",      "mknodat",     "mount",         "newfstatat",
    "open",       "openat",      "openat2",       "readlink",
    "readlinkat", "removexattr", "rename",        "renameat",
    "renameat2",  "rmdir",       "setxattr",      "stat",
    "stat64",     "statfs",      "statx",         "symlink",
    "symlinkat",  "truncate",    "unlink",        "unlinkat",
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpperName(std::string_view word) {
  if (word.empty() || IsDigit(word[0])) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
  });
}
bool IsHex(std::string_view word) {
  if (word.size() < 3 || !word.starts_with("0x")) return false;
  return std::all_of(word.begin() + 2, word.end(), [](char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

/// `arg` without a /* comment */ anywhere in it.
std::string_view WithoutComment(std::string_view arg) {
  size_t open = arg.find("/*");
  if (open == std::string_view::npos) return arg;
  return Trim(arg.substr(0, open));
}

/// The inside of a quoted string (escapes left as written); nullopt when
/// `arg` is not one. An elision mark after the quote ("..."...) is dropped.
std::optional<std::string_view> QuotedText(std::string_view arg) {
  if (arg.ends_with("...")) arg.remove_suffix(3);
  if (arg.size() < 2 || arg.front() != '"' || arg.back() != '"')
    return std::nullopt;
  return arg.substr(1, arg.size() - 2);
}

std::string StringClass(std::string_view call_name, std::string_view text) {
  bool takes_paths = std::find(std::begin(kPathCalls), std::end(kPathCalls),
                               call_name) != std::end(kPathCalls);
  if (text.starts_with("/")) return PathClass(text);
  if (!takes_paths) return "str";
  return text.empty() ? "empty" : "rel";
}

/// A flag set or constant: its names kept, numbers as N.
std::optional<std::string> FlagSet(std::string_view arg) {
  std::string out;
  size_t start = 0;
  while (start <= arg.size()) {
    size_t bar = arg.find('|', start);
    if (bar == std::string_view::npos) bar = arg.size();
    std::string_view part = arg.substr(start, bar - start);
    if (IsUpperName(part)) out += part;
    else if (ParseInt64(part) || IsHex(part)) out += "N";
    else return std::nullopt;
    if (bar < arg.size()) out += '|';
    start = bar + 1;
  }
  return out;
}

}  // namespace

std::string PathClass(std::string_view path) {
  if (path == "/") return "/";
  for (const PathPrefix& prefix : kPathClasses) {
    if (path.starts_with(prefix.dir) &&
        (path.size() == prefix.dir.size() || path[prefix.dir.size()] == '/'))
      return std::string(prefix.path_class);
  }
  if (path.find(".so") != std::string_view::npos) return "lib";
  if (path.starts_with("/srv/")) return "/srv/*";
  return "/other";
}

std::string DescriptorKind(std::string_view annotation) {
  if (annotation.starts_with("/")) return "fd:" + PathClass(annotation);
  struct Kind {
    std::string_view prefix;
    std::string_view kind;
  };
  constexpr Kind kKinds[] = {
      {"TCP", "tcp"}, {"UDP", "udp"}, {"UNIX", "unix"},
      {"NETLINK", "netlink"}, {"socket:", "socket"}, {"pipe:", "pipe"},
      {"anon_inode:", "anon"}, {"RAW", "socket"}, {"PACKET", "socket"},
  };
  for (const Kind& kind : kKinds)
    if (annotation.starts_with(kind.prefix)) return "fd:" + std::string(kind.kind);
  return "fd:other";
}

std::string AbstractArgument(std::string_view call_name, std::string_view arg) {
  arg = WithoutComment(Trim(arg));
  if (arg.empty() || arg == "...") return "";
  if (std::optional<std::string_view> text = QuotedText(arg))
    return StringClass(call_name, *text);
  if (arg.front() == '[') return "[...]";
  if (arg.front() == '{') return "{...}";
  if (arg == "NULL") return "NULL";
  if (size_t open = arg.find('<');
      arg.back() == '>' && open != std::string_view::npos && open > 0) {
    std::string_view descriptor = arg.substr(0, open);
    if (ParseInt64(descriptor))
      return DescriptorKind(arg.substr(open + 1, arg.size() - open - 2));
    if (IsUpperName(descriptor)) return std::string(descriptor);  // AT_FDCWD</x>
  }
  if (std::optional<int64_t> number = ParseInt64(arg))
    return *number >= -1 && *number <= 2 ? std::string(arg) : "N";
  if (IsHex(arg)) return "ptr";
  size_t equals = arg.find('=');
  if (equals != std::string_view::npos && equals > 0) {
    std::string_view key = arg.substr(0, equals);
    if (std::all_of(key.begin(), key.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || IsDigit(c) || c == '_';
        }))
      return std::string(key) + "=" +
             AbstractArgument(call_name, arg.substr(equals + 1));
  }
  if (std::optional<std::string> flags = FlagSet(arg)) return *flags;
  return "expr";
}

std::string AbstractArguments(const StraceCall& call) {
  std::string out;
  for (std::string_view arg : call.args) {
    std::string abstracted = AbstractArgument(call.name, arg);
    if (abstracted.empty()) continue;
    if (!out.empty()) out += ',';
    out += abstracted;
  }
  return out;
}

std::string AbstractCall(const StraceCall& call) {
  std::string result = ResultOf(call);
  if (!call.error.empty() && result != "ok") result = std::string(call.error);
  return std::string(call.name) + "(" + AbstractArguments(call) + ")=" +
         result;
}

}  // namespace protolm
