// ContextTable: see context_table.h.
#include "detect/context_table.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "detect/json_fields.h"

namespace protolm::detect {

namespace {

constexpr uint64_t kMaxCount = uint64_t{1} << 32;

bool ById(const std::pair<TokenId, uint64_t>& a, TokenId id) {
  return a.first < id;
}

std::vector<TokenId> IdsOfKey(const std::string& key) {
  std::vector<TokenId> ids(key.size() / sizeof(TokenId));
  if (!ids.empty()) {  // the empty context: no bytes, and data() may be null
    std::memcpy(ids.data(), key.data(), ids.size() * sizeof(TokenId));
  }
  return ids;
}

}  // namespace

uint64_t FollowerCounts::CountOf(TokenId next) const {
  auto it = std::lower_bound(followers.begin(), followers.end(), next, ById);
  return it != followers.end() && it->first == next ? it->second : 0;
}

void ContextTable::Add(std::span<const TokenId> context, TokenId next) {
  auto it = table_.find(RunKey(context));
  if (it == table_.end()) {
    it = table_.emplace(std::string(RunKey(context)), FollowerCounts{}).first;
  }
  FollowerCounts& counts = it->second;
  ++counts.total;
  auto at = std::lower_bound(counts.followers.begin(), counts.followers.end(),
                             next, ById);
  if (at != counts.followers.end() && at->first == next) {
    ++at->second;
  } else {
    counts.followers.insert(at, {next, 1});
  }
}

const FollowerCounts* ContextTable::Find(
    std::span<const TokenId> context) const {
  auto it = table_.find(RunKey(context));
  return it == table_.end() ? nullptr : &it->second;
}

nlohmann::json ContextTable::ToJson() const {
  std::map<std::vector<TokenId>, const FollowerCounts*> sorted;
  for (const auto& [key, counts] : table_) sorted[IdsOfKey(key)] = &counts;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [context, counts] : sorted) {
    nlohmann::json followers = nlohmann::json::array();
    for (const auto& [next, count] : counts->followers) {
      followers.push_back({next, count});
    }
    rows.push_back({context, std::move(followers)});
  }
  return rows;
}

Result<ContextTable> ContextTable::FromJson(const nlohmann::json& json,
                                            size_t context_length,
                                            uint64_t context_id_limit,
                                            uint64_t next_id_limit) {
  if (!json.is_array()) return Malformed("contexts: not an array");
  ContextTable table;
  std::vector<TokenId> context;
  for (const nlohmann::json& row : json) {
    if (!row.is_array() || row.size() != 2 || !row[0].is_array() ||
        row[0].size() != context_length || !row[1].is_array() ||
        row[1].empty()) {
      return Malformed("contexts: a row is not [[" +
                       std::to_string(context_length) +
                       " ids], [[next, count], ...]]");
    }
    context.clear();
    for (const nlohmann::json& id : row[0]) {
      ASSIGN_OR_RETURN(uint64_t value,
                       UnsignedBelow(id, context_id_limit, "a context id"));
      context.push_back(static_cast<TokenId>(value));
    }
    if (table.Find(context) != nullptr) {
      return Malformed("contexts: a context occurs twice");
    }
    FollowerCounts counts;
    for (const nlohmann::json& pair : row[1]) {
      if (!pair.is_array() || pair.size() != 2) {
        return Malformed("contexts: a follower is not [next, count]");
      }
      ASSIGN_OR_RETURN(uint64_t next,
                       UnsignedBelow(pair[0], next_id_limit, "a follower id"));
      ASSIGN_OR_RETURN(uint64_t count,
                       UnsignedBelow(pair[1], kMaxCount + 1, "a count"));
      if (count == 0) return Malformed("contexts: a count is 0");
      if (!counts.followers.empty() && counts.followers.back().first >= next) {
        return Malformed("contexts: followers are not in increasing id order");
      }
      counts.followers.emplace_back(static_cast<TokenId>(next), count);
      counts.total += count;  // < 2^31 followers of <= 2^32 each: no overflow
    }
    table.table_.emplace(std::string(RunKey(context)), std::move(counts));
  }
  return table;
}

}  // namespace protolm::detect
