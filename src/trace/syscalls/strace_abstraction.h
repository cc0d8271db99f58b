// What an strace call's arguments say, stripped of what changes from run to
// run: the abstraction behind the strace source's depth-1 tokens.
//
// An argument becomes:
//   a path (a string argument of a call that takes paths, or any string
//   that starts with '/')  its class: "/etc/*", "/proc/*", "/sys/*", "dev",
//                           "/tmp/*", "/var/www/*", "/var/log/*", "/var/*",
//                           "/run/*", "home", "lib" (/lib*, /usr/lib*, *.so),
//                           "bin", "/usr/share/*", "/srv/*", "/other", "/";
//                           a relative one "rel", "" (AT_EMPTY_PATH) "empty"
//   another string          "str"
//   a descriptor with -yy's annotation ("3</etc/passwd>", "4<TCP:[...]>")
//                           "fd:" + its kind: the path's class, "tcp", "udp",
//                           "unix", "netlink", "socket", "pipe", "anon"
//   a symbolic constant or flag set (O_RDONLY|O_CLOEXEC, AT_FDCWD, R_OK)
//                           itself, numbers in it as "N" (S_IFREG|N)
//   a number                itself for -1, 0, 1, 2 (stdio, booleans), else "N"
//   a hex number (address)  "ptr"; NULL stays NULL
//   [array] {struct}        "[...]" "{...}"; key=value keeps the key
//   an elision "..." or a /* comment */   nothing
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "trace/syscalls/strace_call.h"

namespace protolm {

/// The class of an absolute path (see above).
std::string PathClass(std::string_view path);

/// "fd:KIND" for the inside of a -yy annotation ("/etc/passwd", "pipe:[7]").
std::string DescriptorKind(std::string_view annotation);

/// One argument of `call_name` abstracted; "" when it says nothing.
std::string AbstractArgument(std::string_view call_name, std::string_view arg);

/// `name(arg,arg,...)=RESULT` with every argument abstracted; RESULT is "ok",
/// the errno name of a failure ("ENOENT"), "err" (a failure without one) or
/// "?" ("openat(AT_FDCWD,/etc/*,O_RDONLY|O_CLOEXEC)=ok"). No spaces.
std::string AbstractCall(const StraceCall& call);

/// The abstracted arguments alone, comma-separated.
std::string AbstractArguments(const StraceCall& call);

}  // namespace protolm
