// Vocabulary: see vocabulary.h.
#include "detect/vocabulary.h"

#include <nlohmann/json.hpp>

#include "detect/json_fields.h"

namespace protolm::detect {

Vocabulary::Vocabulary() {
  texts_.emplace_back(kUnknownText);
  ids_.emplace(std::string(kUnknownText), kUnknownToken);
}

TokenId Vocabulary::Add(std::string_view token) {
  if (auto it = ids_.find(token); it != ids_.end()) return it->second;
  if (frozen_) return kUnknownToken;
  auto id = static_cast<TokenId>(texts_.size());
  texts_.emplace_back(token);
  ids_.emplace(std::string(token), id);
  return id;
}

TokenId Vocabulary::Find(std::string_view token) const {
  auto it = ids_.find(token);
  return it == ids_.end() ? kUnknownToken : it->second;
}

const std::string& Vocabulary::Text(TokenId id) const {
  static const std::string boundary(kBoundaryText);
  if (id == texts_.size()) return boundary;
  return id < texts_.size() ? texts_[id] : texts_[kUnknownToken];
}

std::vector<TokenId> Vocabulary::Encode(
    std::span<const std::string> tokens) const {
  std::vector<TokenId> ids;
  ids.reserve(tokens.size());
  for (const std::string& token : tokens) ids.push_back(Find(token));
  return ids;
}

nlohmann::json Vocabulary::ToJson() const {
  return nlohmann::json{{"tokens", texts_}};
}

Result<Vocabulary> Vocabulary::FromJson(const nlohmann::json& json) {
  ASSIGN_OR_RETURN(const nlohmann::json* tokens, ReadArray(json, "tokens"));
  if (tokens->empty() || !(*tokens)[0].is_string() ||
      (*tokens)[0].get<std::string>() != kUnknownText) {
    return Malformed("vocabulary: the first token is not \"<unk>\"");
  }
  if (tokens->size() > (uint64_t{1} << 31)) {
    return Malformed("vocabulary: too many tokens");
  }
  Vocabulary vocabulary;
  for (size_t i = 1; i < tokens->size(); ++i) {
    const nlohmann::json& token = (*tokens)[i];
    if (!token.is_string()) {
      return Malformed("vocabulary: token " + std::to_string(i) +
                       " is not a string");
    }
    if (vocabulary.Add(token.get<std::string>()) != i) {
      return Malformed("vocabulary: token " + std::to_string(i) +
                       " is a duplicate");
    }
  }
  vocabulary.Freeze();
  return vocabulary;
}

}  // namespace protolm::detect
