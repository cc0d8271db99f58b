// The LM inference engine: our own small CPU kernels (no torch) for greedy,
// constrained and batched decoding of byte models and for scoring byte and
// token models.
//
// An Engine holds the weights of one model re-laid out for its kernels.
// Decoding a transformer keeps a KV cache, an LSTM its recurrent state; the
// prompt is run through matrix-matrix kernels in one pass, then one token per
// step. Generation (byte models only) only ever picks byte tokens 0..255 or
// kEnd. A token model (ModelConfig::vocab_size of the caller's vocabulary)
// is scored with PredictNextTokens. The math is exactly the one in
// docs/lm.md, the same as the torch model in src/lm/.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/engine/weights.h"
#include "proto/response_constraint.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::lm {

/// A token and its natural-log probability.
struct TokenLogProb {
  int32_t token = 0;
  float log_p = 0;

  bool operator==(const TokenLogProb&) const = default;
};

/// What a model predicts after each prefix of a token sequence t_0..t_{T-1}:
/// log_p[i] = log p(t_{i+1} | t_0..t_i) for i < T-1, and top[i] the top_k most
/// probable tokens after t_0..t_i for i < T (most probable first, ties to the
/// lower id; top[T-1] is what would follow the whole sequence).
struct NextTokenPredictions {
  std::vector<float> log_p;
  std::vector<std::vector<TokenLogProb>> top;
};

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

  /// Next-token predictions over a sequence of token ids of any length (see
  /// NextTokenPredictions; top_k may be 0). The LSTM reads the whole sequence
  /// with its recurrent state, O(1) per token. The transformer reads windows
  /// of max_positions tokens that overlap by half (token_windows.h, the
  /// windows it was trained on): a token past the first window is predicted
  /// from at least max_positions / 2 tokens before it. Errors:
  /// InvalidArgument for an empty sequence, a token outside 0..vocab_size-1,
  /// a transformer of fewer than 2 positions.
  Result<NextTokenPredictions> PredictNextTokens(
      std::span<const int32_t> tokens, size_t top_k) const;

  /// Greedy decoding of the response to `request` after `context` (oldest
  /// first; the oldest exchanges are dropped when the prompt does not fit).
  /// Stops at kEnd, at max_response_bytes, or when the positions run out. With
  /// a constraint, only allowed tokens are picked; a step where exactly one
  /// token is allowed forces it without computing the output head. Ties break
  /// to the lowest token id. Errors: InvalidArgument when the prompt cannot
  /// fit; Internal when the constraint allows nothing ("constraint allows no
  /// token after 5 response bytes"), InvalidArgument for a token model.
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

  /// Full-sequence logits, row-major [T, vocab_size]. Errors as ScoreTokens.
  Result<std::vector<float>> Logits(const TokenSequence& sequence) const;

  const ModelConfig& config() const;

  class Model;  // the architecture-specific kernels (engine_model.h)

 private:
  explicit Engine(std::shared_ptr<const Model> model);
  std::shared_ptr<const Model> model_;
};

}  // namespace protolm::lm
