// Formatting for Status (see status.h).
#include "util/status.h"

namespace protolm {

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(code_, context + ": " + message_);
}

std::string Status::ToString() const { return ok() ? "ok" : message_; }

}  // namespace protolm
