// CutIntoWindows (see token_windows.h).
#include "lm/engine/token_windows.h"

#include <algorithm>

namespace protolm::lm {

std::vector<TokenWindow> CutIntoWindows(size_t length, size_t window) {
  std::vector<TokenWindow> windows;
  if (length == 0) return windows;
  const size_t stride = window / 2;
  windows.push_back({0, std::min(window, length), 1});
  for (size_t begin = 0; begin + window < length;) {
    begin += stride;
    windows.push_back(
        {begin, std::min(window, length - begin), window - stride});
  }
  return windows;
}

}  // namespace protolm::lm
