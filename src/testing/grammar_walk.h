// Test helpers of the emu module: random walks through a response grammar.
#pragma once

#include <random>
#include <vector>

#include "proto/response_constraint.h"
#include "util/bytes.h"

namespace protolm::testing {

/// Where a random walk ended.
struct Walk {
  Bytes response;
  bool stuck = false;  // the grammar allowed no token before the end
};

/// Picks uniformly among the allowed tokens (bytes and kEnd) at each step
/// until kEnd, or at most `max_steps` bytes.
inline Walk RandomWalk(const ResponseConstraint& c, std::mt19937& rng,
                       size_t max_steps = 4096) {
  Walk walk;
  std::vector<int> options;
  for (size_t step = 0; step <= max_steps; ++step) {
    AllowedTokens allowed;
    c.Allowed(walk.response, &allowed);
    options.clear();
    for (int b = 0; b < 256; ++b)
      if (allowed.bytes.test(b)) options.push_back(b);
    if (allowed.end) options.push_back(256);
    if (options.empty()) {
      walk.stuck = true;
      return walk;
    }
    const int pick = options[std::uniform_int_distribution<size_t>(
        0, options.size() - 1)(rng)];
    if (pick == 256) return walk;
    walk.response.push_back(static_cast<uint8_t>(pick));
  }
  walk.stuck = true;  // never ended
  return walk;
}

/// True when the constraint admits `response` byte by byte and then kEnd;
/// `*where` gets the first refused position (response.size() for kEnd).
inline bool Admits(const ResponseConstraint& c, ByteView response,
                   size_t* where = nullptr) {
  for (size_t i = 0; i <= response.size(); ++i) {
    AllowedTokens allowed;
    c.Allowed(response.first(i), &allowed);
    const bool ok =
        i == response.size() ? allowed.end : allowed.bytes.test(response[i]);
    if (!ok) {
      if (where != nullptr) *where = i;
      return false;
    }
  }
  return true;
}

}  // namespace protolm::testing
