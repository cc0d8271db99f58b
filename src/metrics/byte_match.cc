// Exact match and positional byte accuracy (see byte_match.h).
#include "metrics/byte_match.h"

#include <algorithm>

namespace protolm::metrics {

bool ExactMatch(ByteView expected, ByteView predicted) {
  return std::equal(expected.begin(), expected.end(), predicted.begin(),
                    predicted.end());
}

double ByteAccuracy(ByteView expected, ByteView predicted) {
  const size_t longer = std::max(expected.size(), predicted.size());
  if (longer == 0) return 1.0;
  const size_t shorter = std::min(expected.size(), predicted.size());
  size_t same = 0;
  for (size_t i = 0; i < shorter; ++i) same += expected[i] == predicted[i];
  return static_cast<double>(same) / static_cast<double>(longer);
}

}  // namespace protolm::metrics
