// Vocabulary: the event types a detector knows, token text <-> TokenId.
//
// Id 0 is `<unk>`, the id of every token the vocabulary does not hold (the
// literal text "<unk>" maps there too). While training, Add() gives each new
// token the next id, in order of first appearance, so the same training data
// gives the same ids; Freeze() ends that, after which Add() answers `<unk>`
// for anything new. A vocabulary read from JSON is frozen. Detectors use the
// id one past the last (= size()) as the trace boundary: it pads a trace's
// start and, predicted, means "the trace ends here"; its text is "<end>".
// A token whose bytes are not UTF-8 (a binary log field) is saved as
// {"hex": "..."} so that it reads back byte for byte. JSON
// shape:
// {"tokens": ["<unk>", "open", "read", {"hex": "ff00"}, ...]} (index = id).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "detect/token_key.h"
#include "util/status.h"

namespace protolm::detect {

class Vocabulary {
 public:
  static constexpr std::string_view kUnknownText = "<unk>";
  static constexpr std::string_view kBoundaryText = "<end>";

  Vocabulary();

  /// The id of `token`, added first when new and the vocabulary is not frozen.
  TokenId Add(std::string_view token);
  /// The id of `token`, or kUnknownToken.
  TokenId Find(std::string_view token) const;
  /// The text of `id`: "<end>" for size(), "<unk>" for ids beyond.
  const std::string& Text(TokenId id) const;
  /// Number of ids, `<unk>` included.
  size_t size() const { return texts_.size(); }

  void Freeze() { frozen_ = true; }
  bool frozen() const { return frozen_; }

  /// Find() of each token.
  std::vector<TokenId> Encode(std::span<const std::string> tokens) const;

  nlohmann::json ToJson() const;
  /// A frozen vocabulary; duplicate tokens or a first entry other than
  /// "<unk>" are malformed.
  static Result<Vocabulary> FromJson(const nlohmann::json& json);

 private:
  std::vector<std::string> texts_;
  std::unordered_map<std::string, TokenId, KeyHash, std::equal_to<>> ids_;
  bool frozen_ = false;
};

}  // namespace protolm::detect
