// Capped warnings of one text input (see warning_limiter.h).
#include "trace/warning_limiter.h"

namespace protolm {

void WarningLimiter::Warn(uint64_t line, const std::string& what) {
  if (++count_ > limit_) return;
  std::string where =
      line == 0 ? input_name_ : input_name_ + ":" + std::to_string(line);
  sink_.OnWarning(Malformed(where + ": " + what));
}

Status NotText(const std::string& input_name, uint64_t line) {
  return Malformed(input_name + ":" + std::to_string(line) +
                   ": control bytes: not a text file (binary data?)");
}

void WarningLimiter::Finish() {
  if (count_ <= limit_) return;
  sink_.OnWarning(Malformed(input_name_ + ": " +
                            std::to_string(count_ - limit_) +
                            " more lines with problems not reported"));
}

}  // namespace protolm
