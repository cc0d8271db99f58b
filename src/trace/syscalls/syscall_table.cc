// Number → name lookups in the generated system-call tables (see
// syscall_table.h).
#include "trace/syscalls/syscall_table.h"

#include <span>

namespace protolm {
namespace {

#include "trace/syscalls/syscall_table_data.inc"

std::span<const std::string_view> TableOf(SyscallArch arch) {
  return arch == SyscallArch::kX86_64 ? std::span(kX86_64Names)
                                      : std::span(kI386Names);
}

}  // namespace

std::optional<SyscallArch> ParseSyscallArch(std::string_view name) {
  if (name == "x86_64" || name == "amd64" || name == "x64")
    return SyscallArch::kX86_64;
  if (name == "i386" || name == "x86" || name == "i686")
    return SyscallArch::kI386;
  return std::nullopt;
}

std::string SyscallName(SyscallArch arch, int64_t number) {
  std::span<const std::string_view> names = TableOf(arch);
  if (number >= 0 && static_cast<uint64_t>(number) < names.size() &&
      !names[number].empty())
    return std::string(names[number]);
  return "sys_" + std::to_string(number);
}

}  // namespace protolm
