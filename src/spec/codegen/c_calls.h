// The functions a C source calls, so the generator can tell whether a runtime
// program links against the code it generated (runtime_files.h).
//
// A scan, not a C parser: every identifier followed by '(' outside comments,
// string and character literals counts, so a function's own definition and a
// function-like macro count too. That over-approximation is safe for its one
// use, which only looks at names with the generated code's prefix. Pure
// function; thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace protolm::spec::codegen {

/// Names written as calls in `code` ("icmp_receive" for
/// "n = icmp_receive(in, ...)").
std::set<std::string> CalledFunctions(std::string_view code);

}  // namespace protolm::spec::codegen
