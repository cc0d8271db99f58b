// Engine::Model: what the decoding loop needs from an architecture.
//
// A model appends tokens to the sequences of a per-call ForwardState (a KV
// cache for the transformer, recurrent state for the LSTM) and returns the
// final hidden vector of the items asked for; the output head is shared. The
// decoding loop (engine.cc) never looks inside a state. Models are immutable
// and shared between threads; states belong to one call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "lm/engine/engine.h"

namespace protolm::lm {

/// Items per ForwardChunk call: a state's scratch holds one chunk, and a
/// chunk's per-token work runs as matrix-matrix products.
inline constexpr size_t kChunkItems = 64;

/// One token appended to row `row`'s sequence at that row's next position.
struct FeedItem {
  size_t row = 0;
  int32_t token = 0;   // < config.vocab_size
  int32_t offset = 0;  // clamped to max_offset - 1 by the model
};

/// Per-call scratch and caches of one architecture; created by Model::NewState.
class ForwardState {
 public:
  virtual ~ForwardState() = default;
};

class Engine::Model {
 public:
  virtual ~Model() = default;

  const ModelConfig& config() const { return config_; }

  /// State for `rows` sequences of at most `capacity` tokens each
  /// (capacity <= max_positions).
  virtual std::unique_ptr<ForwardState> NewState(size_t rows,
                                                 size_t capacity) const = 0;

  /// Appends `items` in order (a row's items in sequence order). For each item
  /// with want[i] != 0, writes its final hidden vector (d_model floats) to
  /// `hidden`, consecutively in item order. Precondition: no row exceeds the
  /// state's capacity.
  void Forward(ForwardState* state, std::span<const FeedItem> items,
               std::span<const uint8_t> want, float* hidden) const;

  /// All vocab_size logits of each of `n` hidden vectors ([n, vocab_size]).
  void HeadAll(const float* hidden, size_t n, float* logits) const;
  /// The logit of one token.
  float HeadOne(const float* hidden, int32_t token) const;

 protected:
  Model(const ModelConfig& config, const Weights& weights);

  /// Forward for at most kChunkItems items; returns where the next wanted
  /// hidden vector goes.
  virtual float* ForwardChunk(ForwardState* state,
                              std::span<const FeedItem> items,
                              std::span<const uint8_t> want,
                              float* hidden) const = 0;

  /// A copy of a tensor's data (checked by CheckWeights before).
  static std::vector<float> Take(const Weights& weights,
                                 const std::string& name);
  /// A 2-D tensor [out, in] transposed to [in, out] for kernels::MatMul.
  static std::vector<float> TakeTransposed(const Weights& weights,
                                           const std::string& name);

  ModelConfig config_;
  std::vector<float> head_weight_;  // [d, vocab_size] (transposed)
  std::vector<float> head_bias_;    // [vocab_size]
};

/// The architecture's model. Preconditions: CheckWeights(config, weights) ok.
std::shared_ptr<const Engine::Model> MakeTransformerModel(
    const ModelConfig& config, const Weights& weights);
std::shared_ptr<const Engine::Model> MakeLstmModel(const ModelConfig& config,
                                                   const Weights& weights);

}  // namespace protolm::lm
