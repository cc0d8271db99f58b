// Test support for the detect module: traces from space-separated tokens.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "detect/trace_collector.h"

namespace protolm::detect {

/// "a b c" -> a trace of the tokens a, b, c, named `id`.
inline TraceSequence Sequence(const std::string& text,
                              const std::string& id = "t") {
  TraceSequence trace;
  trace.id = id;
  std::istringstream in(text);
  for (std::string token; in >> token;) trace.tokens.push_back(token);
  return trace;
}

inline std::vector<TraceSequence> Sequences(
    const std::vector<std::string>& texts) {
  std::vector<TraceSequence> traces;
  for (const std::string& text : texts) traces.push_back(Sequence(text));
  return traces;
}

}  // namespace protolm::detect
