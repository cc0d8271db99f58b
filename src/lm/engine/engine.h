// The byte-level LM inference engine: our own small CPU kernels (no torch) for
// greedy, constrained and batched decoding and for scoring.
//
// An Engine holds the weights of one model re-laid out for its kernels.
// Decoding a transformer keeps a KV cache, an LSTM its recurrent state; the
// prompt is run through matrix-matrix kernels in one pass, then one token per
// step. Generation only ever picks byte tokens 0..255 or kEnd. The math is
// exactly the one in docs/lm.md, the same as the torch model in src/lm/.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/engine/weights.h"
#include "proto/response_constraint.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::lm {

struct DecodeOptions {
  size_t max_response_bytes = 300;
  const ResponseConstraint* constraint = nullptr;  // not owned; may be null
};

/// Immutable after Create. Const methods are thread-safe: each call owns its
/// caches and scratch buffers (allocated once per call, not per token). Copies
/// share the (immutable) weights. No threads are started inside.
class Engine {
 public:
  /// Copies and re-lays out the weights. Errors: InvalidArgument from
  /// ValidateConfig / CheckWeights.
  static Result<Engine> Create(const ModelConfig& config,
                               const Weights& weights);

  /// Greedy decoding of the response to `request` after `context` (oldest
  /// first; the oldest exchanges are dropped when the prompt does not fit).
  /// Stops at kEnd, at max_response_bytes, or when the positions run out. With
  /// a constraint, only allowed tokens are picked; a step where exactly one
  /// token is allowed forces it without computing the output head. Ties break
  /// to the lowest token id. Errors: InvalidArgument when the prompt cannot
  /// fit; Internal when the constraint allows nothing ("constraint allows no
  /// token after 5 response bytes").
  Result<Bytes> Generate(const std::vector<ByteExchange>& context,
                         ByteView request, const DecodeOptions& options) const;

  /// Generate for many prompts at once (responses ignored), the rows advancing
  /// together through matrix-matrix kernels. Result i equals
  /// Generate(prompts[i].context, prompts[i].request, options). Errors: the
  /// first row's error, prefixed by "prompt 3: ".
  Result<std::vector<Bytes>> GenerateBatch(const std::vector<Example>& prompts,
                                           const DecodeOptions& options) const;

  /// log p(token_i | tokens before i) (natural log) for i = 1..T-1 of an
  /// encoded sequence (T-1 values; element i-1 is token i's). Callers pick the
  /// response part with sequence.prompt_length. Errors: InvalidArgument for an
  /// empty or too long sequence, a token outside the vocabulary, mismatched
  /// offsets.
  Result<std::vector<float>> ScoreTokens(const TokenSequence& sequence) const;

  /// Full-sequence logits, row-major [T, kVocabSize]. Errors as ScoreTokens.
  Result<std::vector<float>> Logits(const TokenSequence& sequence) const;

  const ModelConfig& config() const;

  class Model;  // the architecture-specific kernels (engine_model.h)

 private:
  explicit Engine(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> model_;
};

}  // namespace protolm::lm
