// One system call as strace prints it, taken apart: `name(arg, arg, ...)
// = ret [ERRNO (text)] [<seconds>]`.
//
// Arguments are split at the commas of the top level: commas inside quoted
// strings (with their backslash escapes), [arrays], {structs}, (calls) and
// the <...> that -yy puts after a file descriptor ("3</etc/passwd>") do not
// split. The return value is the word after " = " with its -yy annotation;
// an errno name (ENOENT, ERESTARTSYS) follows it for a failed call; a call
// whose return strace never saw (`exit_group(0) = ?`) returns "?". Pure
// functions; the views point into the text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm {

struct StraceCall {
  std::string_view name;
  std::vector<std::string_view> args;  // trimmed; empty ones dropped
  std::string_view ret;                // "3", "-1", "?", "3<socket:[12]>"
  std::string_view error;              // "ENOENT"; empty when none
};

/// Malformed (one line, no location) when `text` is not a whole call.
Result<StraceCall> ParseStraceCall(std::string_view text);

/// The sign of the call's return: "ok", "err ENOENT" (a negative return or
/// a "?" with an errno name), "?" (never returned).
std::string ResultOf(const StraceCall& call);

}  // namespace protolm
