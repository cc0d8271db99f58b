// Tokens of the byte-level language model and how an exchange becomes a token
// sequence.
//
// Byte values 0..255 are tokens 0..255; five special tokens mark padding, the
// start of a sequence, its end and the direction of the message that follows.
// An Example (previous exchanges as context, a request and its response) is
// encoded as
//   kBegin, {kClientToServer req... kServerToClient resp...}*,
//   kClientToServer request... kServerToClient response... kEnd
// The prompt is everything up to and including the final kServerToClient; the
// target is the response bytes plus kEnd. Each token also carries an offset
// (its position inside its message) that the model embeds next to the absolute
// position. This file is shared by the inference engine (no torch) and the
// trainer (torch); both must encode identically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/byte_exchange.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::lm {

inline constexpr int32_t kPad = 256;
inline constexpr int32_t kBegin = 257;
inline constexpr int32_t kEnd = 258;
/// A request / client message follows.
inline constexpr int32_t kClientToServer = 259;
/// A response / server message follows.
inline constexpr int32_t kServerToClient = 260;
inline constexpr int32_t kVocabSize = 261;

/// The offset table size of every preset (ModelConfig::max_offset); the default
/// clamp of the encoders below.
inline constexpr size_t kDefaultMaxOffset = 320;

/// One request and the response it got (util/byte_exchange.h); named here
/// too because src/emu and src/clone spell it lm::ByteExchange.
using protolm::ByteExchange;

/// A request to answer, with the exchanges before it on the same session
/// (oldest first; may be empty). `response` is the target when training or
/// scoring and is ignored when generating.
struct Example {
  std::vector<ByteExchange> context;
  Bytes request;
  Bytes response;
};

/// Tokens with their message offsets (same length) and how many of them form
/// the prompt (the rest is the target: response bytes then kEnd; for a
/// prompt-only encoding prompt_length == tokens.size()). The position of token
/// i is i.
struct TokenSequence {
  std::vector<int32_t> tokens;
  std::vector<int32_t> offsets;
  size_t prompt_length = 0;
};

/// Encodes `example` in at most `max_positions` tokens with offsets clamped to
/// `max_offset - 1` (pass the model's ModelConfig::max_offset; the default is
/// every preset's). When it does not fit, the oldest context exchanges are
/// dropped first. Errors: InvalidArgument when even the example without context
/// does not fit ("example needs 700 positions; the model has 512") or when
/// max_offset is zero.
Result<TokenSequence> EncodeExample(const Example& example,
                                    size_t max_positions,
                                    size_t max_offset = kDefaultMaxOffset);

/// The prompt alone (ends with kServerToClient; prompt_length ==
/// tokens.size()), dropping the oldest context exchanges until it leaves room
/// for at least one generated token. Errors: InvalidArgument when the request
/// alone leaves no room ("prompt needs 600 positions (and one to answer); the
/// model has 512").
Result<TokenSequence> EncodePrompt(const std::vector<ByteExchange>& context,
                                   ByteView request, size_t max_positions,
                                   size_t max_offset = kDefaultMaxOffset);

/// The offset a token at message offset `k` gets: min(k, max_offset - 1).
/// Precondition: max_offset > 0.
inline int32_t ClampOffset(size_t k, size_t max_offset) {
  return static_cast<int32_t>(k < max_offset ? k : max_offset - 1);
}

}  // namespace protolm::lm
