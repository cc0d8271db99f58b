// The decoder-only transformer of docs/lm.md with a KV cache: tokens are fed in
// chunks whose per-token work (projections, MLP) runs as matrix-matrix
// products; attention reads the cache of the token's own row.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "lm/engine/engine_model.h"
#include "lm/engine/kernels.h"

namespace protolm::lm {
namespace {

struct LayerWeights {  // matrices transposed to [in, out]
  std::vector<float> ln1_w, ln1_b, qkv_w, qkv_b, proj_w, proj_b;
  std::vector<float> ln2_w, ln2_b, fc_w, fc_b, mlp_proj_w, mlp_proj_b;
};

// Per call: the KV cache of every row and the scratch of one chunk.
class TransformerState : public ForwardState {
 public:
  TransformerState(const ModelConfig& c, size_t rows, size_t capacity)
      : capacity(capacity),
        row_stride(static_cast<size_t>(c.n_layers) * c.d_model * capacity),
        length(rows, 0),
        // Uninitialised: a position is written before attention reads it, and
        // a long response limit then costs no zeroing of unused positions.
        keys(new float[rows * row_stride]),
        values(new float[rows * row_stride]),
        x(kChunkItems * c.d_model),
        h(kChunkItems * c.d_model),
        qkv(kChunkItems * 3 * c.d_model),
        attn(kChunkItems * c.d_model),
        ff(kChunkItems * c.d_ff),
        scores(capacity),
        rows_of(kChunkItems),
        positions(kChunkItems) {}

  size_t capacity;
  size_t row_stride;  // floats of one row's cache (all layers, heads)
  std::vector<size_t> length;
  // [row][layer][head][position][d_head]
  std::unique_ptr<float[]> keys, values;
  std::vector<float> x, h, qkv, attn, ff, scores;
  std::vector<size_t> rows_of, positions;  // of the chunk's active items
};

class TransformerModel : public Engine::Model {
 public:
  TransformerModel(const ModelConfig& config, const Weights& weights)
      : Model(config, weights),
        d_(config.d_model),
        heads_(config.n_heads),
        d_head_(d_ / heads_),
        d_ff_(config.d_ff),
        tok_emb_(Take(weights, "tok_emb")),
        pos_emb_(Take(weights, "pos_emb")),
        off_emb_(Take(weights, "off_emb")),
        ln_f_w_(Take(weights, "ln_f.weight")),
        ln_f_b_(Take(weights, "ln_f.bias")) {
    for (int i = 0; i < config.n_layers; ++i) {
      std::string p = "layers." + std::to_string(i) + ".";
      layers_.push_back(LayerWeights{
          Take(weights, p + "ln1.weight"), Take(weights, p + "ln1.bias"),
          TakeTransposed(weights, p + "attn.qkv.weight"),
          Take(weights, p + "attn.qkv.bias"),
          TakeTransposed(weights, p + "attn.proj.weight"),
          Take(weights, p + "attn.proj.bias"), Take(weights, p + "ln2.weight"),
          Take(weights, p + "ln2.bias"),
          TakeTransposed(weights, p + "mlp.fc.weight"),
          Take(weights, p + "mlp.fc.bias"),
          TakeTransposed(weights, p + "mlp.proj.weight"),
          Take(weights, p + "mlp.proj.bias")});
    }
  }

  std::unique_ptr<ForwardState> NewState(size_t rows,
                                         size_t capacity) const override {
    return std::make_unique<TransformerState>(config_, rows, capacity);
  }

 private:
  float* ForwardChunk(ForwardState* base, std::span<const FeedItem> items,
                      std::span<const uint8_t> want,
                      float* hidden) const override {
    auto* s = static_cast<TransformerState*>(base);
    size_t n = items.size();
    size_t max_offset = static_cast<size_t>(config_.max_offset);
    for (size_t i = 0; i < n; ++i) {
      const FeedItem& item = items[i];
      size_t pos = s->length[item.row]++;
      s->rows_of[i] = item.row;
      s->positions[i] = pos;
      size_t off = std::min(static_cast<size_t>(item.offset), max_offset - 1);
      const float* te = tok_emb_.data() + item.token * d_;
      const float* pe = pos_emb_.data() + pos * d_;
      const float* oe = off_emb_.data() + off * d_;
      float* x = s->x.data() + i * d_;
      for (size_t k = 0; k < d_; ++k) x[k] = te[k] + pe[k] + oe[k];
    }
    for (size_t l = 0; l < layers_.size(); ++l) {
      const LayerWeights& w = layers_[l];
      for (size_t i = 0; i < n; ++i) {
        kernels::LayerNorm(s->x.data() + i * d_, w.ln1_w.data(), w.ln1_b.data(),
                           d_, s->h.data() + i * d_);
      }
      kernels::MatMul(s->h.data(), n, d_, w.qkv_w.data(), w.qkv_b.data(),
                      3 * d_, s->qkv.data());
      StoreKeysValues(s, l, n);
      if (l + 1 == layers_.size()) {
        // Only wanted items need the rest of the last layer.
        n = CompactWanted(s, want);
        if (n == 0) return hidden;
      }
      for (size_t i = 0; i < n; ++i) Attend(s, l, i);
      kernels::MatMul(s->attn.data(), n, d_, w.proj_w.data(), w.proj_b.data(),
                      d_, s->h.data());
      kernels::AddInPlace(s->h.data(), n * d_, s->x.data());
      for (size_t i = 0; i < n; ++i) {
        kernels::LayerNorm(s->x.data() + i * d_, w.ln2_w.data(), w.ln2_b.data(),
                           d_, s->h.data() + i * d_);
      }
      kernels::MatMul(s->h.data(), n, d_, w.fc_w.data(), w.fc_b.data(), d_ff_,
                      s->ff.data());
      kernels::GeluInPlace(s->ff.data(), n * d_ff_);
      kernels::MatMul(s->ff.data(), n, d_ff_, w.mlp_proj_w.data(),
                      w.mlp_proj_b.data(), d_, s->h.data());
      kernels::AddInPlace(s->h.data(), n * d_, s->x.data());
    }
    for (size_t i = 0; i < n; ++i) {
      kernels::LayerNorm(s->x.data() + i * d_, ln_f_w_.data(), ln_f_b_.data(),
                         d_, hidden);
      hidden += d_;
    }
    return hidden;
  }

  float* CacheAt(const std::unique_ptr<float[]>& cache,
                 const TransformerState* s, size_t row, size_t layer,
                 size_t head) const {
    return cache.get() + row * s->row_stride +
           ((layer * heads_ + head) * s->capacity) * d_head_;
  }

  void StoreKeysValues(TransformerState* s, size_t layer, size_t n) const {
    for (size_t i = 0; i < n; ++i) {
      const float* qkv = s->qkv.data() + i * 3 * d_;
      for (size_t j = 0; j < heads_; ++j) {
        size_t at = s->positions[i] * d_head_;
        std::copy_n(qkv + d_ + j * d_head_, d_head_,
                    CacheAt(s->keys, s, s->rows_of[i], layer, j) + at);
        std::copy_n(qkv + 2 * d_ + j * d_head_, d_head_,
                    CacheAt(s->values, s, s->rows_of[i], layer, j) + at);
      }
    }
  }

  // Moves the wanted items' x, q and metadata to the front; returns how many.
  size_t CompactWanted(TransformerState* s,
                       std::span<const uint8_t> want) const {
    size_t kept = 0;
    for (size_t i = 0; i < want.size(); ++i) {
      if (!want[i]) continue;
      if (kept != i) {
        std::copy_n(s->x.data() + i * d_, d_, s->x.data() + kept * d_);
        std::copy_n(s->qkv.data() + i * 3 * d_, d_,
                    s->qkv.data() + kept * 3 * d_);
        s->rows_of[kept] = s->rows_of[i];
        s->positions[kept] = s->positions[i];
      }
      ++kept;
    }
    return kept;
  }

  // Causal attention of item i over its row's cache, all heads, into attn[i].
  void Attend(TransformerState* s, size_t layer, size_t i) const {
    const float* q = s->qkv.data() + i * 3 * d_;
    float* out = s->attn.data() + i * d_;
    size_t count = s->positions[i] + 1;
    float scale = 1.0f / std::sqrt(static_cast<float>(d_head_));
    float* scores = s->scores.data();
    for (size_t j = 0; j < heads_; ++j) {
      const float* qj = q + j * d_head_;
      const float* keys = CacheAt(s->keys, s, s->rows_of[i], layer, j);
      const float* values = CacheAt(s->values, s, s->rows_of[i], layer, j);
      for (size_t t = 0; t < count; ++t) {
        scores[t] = kernels::Dot(qj, keys + t * d_head_, d_head_) * scale;
      }
      kernels::SoftmaxInPlace(scores, count);
      float* oj = out + j * d_head_;
      std::fill_n(oj, d_head_, 0.0f);
      for (size_t t = 0; t < count; ++t) {
        const float* v = values + t * d_head_;
        float p = scores[t];
        for (size_t k = 0; k < d_head_; ++k) oj[k] += p * v[k];
      }
    }
  }

  size_t d_, heads_, d_head_, d_ff_;
  std::vector<float> tok_emb_, pos_emb_, off_emb_, ln_f_w_, ln_f_b_;
  std::vector<LayerWeights> layers_;
};

}  // namespace

std::shared_ptr<const Engine::Model> MakeTransformerModel(
    const ModelConfig& config, const Weights& weights) {
  return std::make_shared<TransformerModel>(config, weights);
}

}  // namespace protolm::lm
