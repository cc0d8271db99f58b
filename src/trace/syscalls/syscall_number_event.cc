// A numbered system call as a TraceEvent (see syscall_number_event.h).
#include "trace/syscalls/syscall_number_event.h"

#include <string>

namespace protolm {

void FillSyscallNumberEvent(int64_t number, Actor actor,
                            const SyscallListOptions& options,
                            TraceEvent& event) {
  event.time_us.reset();
  event.actor = actor;
  event.bytes.clear();
  event.pdu.reset();
  event.fields.clear();
  std::string number_text = std::to_string(number);
  event.fields.push_back({"nr", number_text});
  if (!options.names.empty()) {
    bool named = number >= 0 &&
                 static_cast<uint64_t>(number) < options.names.size() &&
                 !options.names[number].empty();
    event.fields.push_back(
        {"syscall", named ? options.names[number] : "sys_" + number_text});
  } else if (options.arch) {
    event.fields.push_back({"syscall", SyscallName(*options.arch, number)});
  }
  event.token.clear();
  if (options.token_depth) event.token = event.fields.back().value;
}

}  // namespace protolm
