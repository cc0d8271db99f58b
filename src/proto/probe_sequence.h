// What the Modbus and S7 strategies share: their random numbers, the
// boundaries method's element counts and address triplets (LLMPot's
// Algorithm 1), how a generator becomes the request list of a probe of
// `size` requests (the boundaries method takes its rounds one after another,
// the random strategy one request at a time), and how that list is sent
// through a probe channel with each write put back (SendInOrder).
// Header-only; pure but for the generator and the channel each function is
// handed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <optional>
#include <vector>

#include "proto/probe_settings.h"
#include "util/status.h"

namespace protolm {

using Rng = std::mt19937_64;

/// A uniform draw from lo..hi inclusive.
inline uint32_t Uniform(Rng& rng, uint32_t lo, uint32_t hi) {
  return std::uniform_int_distribution<uint32_t>(lo, hi)(rng);
}

/// The element counts 1..max in the boundaries method's order: 1, max, then
/// the others shuffled (so a probe cut short still has both extremes).
inline std::vector<uint32_t> ElementCounts(uint32_t max, Rng& rng) {
  std::vector<uint32_t> counts(max);
  std::iota(counts.begin(), counts.end(), 1u);
  if (counts.size() > 2) {
    std::rotate(counts.begin() + 1, counts.end() - 1, counts.end());
    std::shuffle(counts.begin() + 2, counts.end(), rng);
  }
  return counts;
}

/// Appends the triplet of low..high: low, a random value strictly between
/// (when there is one) and high (when it differs from low).
inline void AppendTriplet(uint32_t low, uint32_t high, Rng& rng,
                          std::vector<uint32_t>& out) {
  out.push_back(low);
  if (high > low + 1) out.push_back(Uniform(rng, low + 1, high - 1));
  if (high != low) out.push_back(high);
}

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

/// Sends `items` in order until `size` requests have gone through
/// `channel`. With `restore_writes` each write goes between `before(item)`,
/// the read of what it changes, and `restore(item, shown)`, the write that
/// puts that back; a write whose three requests do not fit in what is left
/// is skipped. `send(item)` frames an item and sends it through the channel.
template <typename Item, typename Send, typename Before, typename Restore>
Status SendInOrder(size_t size, bool restore_writes, ProbeChannel& channel,
                   std::vector<Item> items, Send send, Before before,
                   Restore restore) {
  size_t sent = 0;
  for (Item& item : items) {
    if (sent == size) break;
    std::optional<Item> read = restore_writes ? before(item) : std::nullopt;
    if (!read) {
      RETURN_IF_ERROR(send(std::move(item)).status());
      channel.Progress(++sent);
      continue;
    }
    if (size - sent < 3) continue;
    ASSIGN_OR_RETURN(Bytes shown, send(std::move(*read)));
    std::optional<Item> put_back = restore(item, shown);
    RETURN_IF_ERROR(send(std::move(item)).status());
    channel.Progress(sent += 2);
    if (put_back) {
      RETURN_IF_ERROR(send(std::move(*put_back)).status());
      channel.Progress(++sent);
    }
  }
  return Status::Ok();
}

}  // namespace protolm
