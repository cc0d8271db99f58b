// How a strategy's generator becomes the request list of a probe of `size`
// requests, shared by the Modbus and S7 strategies: the boundaries method
// takes its rounds one after another, the random strategy one request at a
// time. Header-only templates; pure.
#pragma once

#include <cstddef>
#include <vector>

namespace protolm::probe {

/// The first `size` items of the rounds `next_round()` returns, in order;
/// fewer when a round comes back empty (the generator has nothing more).
template <typename Item, typename NextRound>
std::vector<Item> TakeFromRounds(size_t size, NextRound next_round) {
  std::vector<Item> out;
  while (out.size() < size) {
    std::vector<Item> round = next_round();
    if (round.empty()) break;
    for (Item& item : round) {
      if (out.size() == size) break;
      out.push_back(std::move(item));
    }
  }
  return out;
}

/// `size` items, each from one call of `next()`.
template <typename Item, typename Next>
std::vector<Item> TakeEach(size_t size, Next next) {
  std::vector<Item> out;
  out.reserve(size);
  while (out.size() < size) out.push_back(next());
  return out;
}

}  // namespace protolm::probe
