// How the HTTP codec states a fault: one line naming the field, what is
// wrong and the unit offset where the field (or the offending byte) starts,
// "http: method: byte 0x40 is no token character at offset 1". Values from
// the message are quoted with QuotedForMessage, so a message stays one line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/status.h"

namespace protolm::http {

inline Status FaultAt(StatusCode code, std::string_view field,
                      std::string_view what, size_t offset) {
  return Status(code, "http: " + std::string(field) + ": " + std::string(what) +
                          " at offset " + std::to_string(offset));
}

inline Status MalformedAt(std::string_view field, std::string_view what,
                          size_t offset) {
  return FaultAt(StatusCode::kMalformed, field, what, offset);
}

/// Keeps the first fault.
inline void KeepFirst(Status fault, Status* first) {
  if (first->ok() && !fault.ok()) *first = std::move(fault);
}

}  // namespace protolm::http
