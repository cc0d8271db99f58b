// ContextTable: for each context (a run of event ids) seen in training, how
// often each event followed it.
//
// The shared counting structure of STIDE (a window = its first k-1 events as
// context + the last) and of the n-gram model (one table per context
// length). Followers are kept sorted by id, with their total, so a lookup is
// one hash probe and a binary search. JSON: [[[context ids], [[next, count],
// ...]], ...], contexts in sorted order so equal tables give equal text.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detect/token_key.h"
#include "util/status.h"

namespace protolm::detect {

struct FollowerCounts {
  uint64_t total = 0;
  std::vector<std::pair<TokenId, uint64_t>> followers;  // sorted by id

  uint64_t CountOf(TokenId next) const;
};

class ContextTable {
 public:
  void Add(std::span<const TokenId> context, TokenId next);
  /// The followers of `context`, or nullptr when it never occurred.
  const FollowerCounts* Find(std::span<const TokenId> context) const;
  size_t size() const { return table_.size(); }

  nlohmann::json ToJson() const;
  /// Every context must have `context_length` ids below `context_id_limit`,
  /// every follower an id below `next_id_limit` and a count 1..2^32, once.
  static Result<ContextTable> FromJson(const nlohmann::json& json,
                                       size_t context_length,
                                       uint64_t context_id_limit,
                                       uint64_t next_id_limit);

 private:
  std::unordered_map<std::string, FollowerCounts, KeyHash, std::equal_to<>>
      table_;
};

}  // namespace protolm::detect
