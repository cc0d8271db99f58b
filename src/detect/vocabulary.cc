// Vocabulary: see vocabulary.h.
#include "detect/vocabulary.h"

#include <nlohmann/json.hpp>

#include "detect/json_fields.h"
#include "util/bytes.h"

namespace protolm::detect {

namespace {

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF), i.e. whether JSON can hold it as a string.
bool IsUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<uint8_t>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xE  ? 3
                    : (byte >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<uint8_t>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

nlohmann::json TokenToJson(const std::string& text) {
  if (IsUtf8(text)) return text;
  return nlohmann::json{
      {"hex", ToHex(ByteView(reinterpret_cast<const uint8_t*>(text.data()),
                             text.size()))}};
}

Result<std::string> TokenFromJson(const nlohmann::json& json) {
  if (json.is_string()) return json.get<std::string>();
  ASSIGN_OR_RETURN(std::string hex, ReadString(json, "hex"));
  ASSIGN_OR_RETURN(Bytes bytes, FromHex(hex));
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

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
  nlohmann::json tokens = nlohmann::json::array();
  for (const std::string& text : texts_) tokens.push_back(TokenToJson(text));
  return nlohmann::json{{"tokens", std::move(tokens)}};
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
    auto token = TokenFromJson((*tokens)[i]);
    if (!token.ok()) {
      return Malformed("vocabulary: token " + std::to_string(i) +
                       " is not a string or {\"hex\": ...}");
    }
    if (vocabulary.Add(*token) != i) {
      return Malformed("vocabulary: token " + std::to_string(i) +
                       " is a duplicate");
    }
  }
  vocabulary.Freeze();
  return vocabulary;
}

}  // namespace protolm::detect
