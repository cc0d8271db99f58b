// Names and formatting for Status (see status.h).
#include "util/status.h"

namespace protolm {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIoError: return "io error";
    case StatusCode::kMalformed: return "malformed";
    case StatusCode::kTruncated: return "truncated";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kOutOfRange: return "out of range";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

std::string Status::ToString() const { return ok() ? "ok" : message_; }

}  // namespace protolm
