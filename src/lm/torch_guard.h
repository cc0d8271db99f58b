// Where libtorch's exceptions stop: GuardTorch runs a piece of training or
// inference code and turns anything torch throws into a Status.
// Includes torch's exception header: only src/lm/*.cc include it.
#pragma once

#include <c10/util/Exception.h>

#include <exception>
#include <string>
#include <string_view>

#include "util/status.h"

namespace protolm::lm {

/// The first line of an exception message (torch's carry a backtrace).
inline std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

/// Returns f() (a Status or Result<T>); a c10::Error or other std::exception
/// becomes Internal("<what>: torch failed: <first line>"), std::bad_alloc
/// becomes Internal("<what>: out of memory").
template <typename F>
auto GuardTorch(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const c10::Error& e) {
    return Internal(std::string(what) +
                    ": torch failed: " + FirstLine(e.what_without_backtrace()));
  } catch (const std::bad_alloc&) {
    return Internal(std::string(what) + ": out of memory");
  } catch (const std::exception& e) {
    return Internal(std::string(what) +
                    ": torch failed: " + FirstLine(e.what()));
  }
}

}  // namespace protolm::lm
