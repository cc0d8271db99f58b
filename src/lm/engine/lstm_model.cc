// The stacked LSTM of docs/lm.md (torch.nn.LSTM gate order i, f, g, o; zero
// initial state). Input projections of a chunk run as one matrix product per
// layer; the recurrence runs in waves of items from distinct rows, whose
// hidden-to-hidden products are batched too.
#include <algorithm>
#include <memory>
#include <string>

#include "lm/engine/engine_model.h"
#include "lm/engine/kernels.h"

namespace protolm::lm {
namespace {

struct LstmLayer {
  std::vector<float> w_ih, w_hh;  // transposed to [d, 4d]
  std::vector<float> bias;        // bias_ih + bias_hh
};

class LstmState : public ForwardState {
 public:
  LstmState(const ModelConfig& c, size_t rows)
      : h(rows * c.n_layers * c.d_model, 0.0f),
        c(rows * c.n_layers * c.d_model, 0.0f),
        x(kChunkItems * c.d_model),
        gates(kChunkItems * 4 * c.d_model),
        wave_h(kChunkItems * c.d_model),
        wave_gates(kChunkItems * 4 * c.d_model),
        last_wave(rows, 0) {}

  std::vector<float> h, c;  // [row][layer][d]
  std::vector<float> x, gates, wave_h, wave_gates;
  std::vector<size_t> last_wave;  // per row: the stamp of its latest wave
  size_t wave_count = 0;
};

class LstmModel : public Engine::Model {
 public:
  LstmModel(const ModelConfig& config, const Weights& weights)
      : Model(config, weights),
        d_(config.d_model),
        tok_emb_(Take(weights, "tok_emb")),
        off_emb_(Take(weights, "off_emb")) {
    for (int i = 0; i < config.n_layers; ++i) {
      std::string p = "lstm." + std::to_string(i) + ".";
      LstmLayer layer{TakeTransposed(weights, p + "weight_ih"),
                      TakeTransposed(weights, p + "weight_hh"),
                      Take(weights, p + "bias_ih")};
      const std::vector<float>& bias_hh = weights.at(p + "bias_hh").data;
      kernels::AddInPlace(bias_hh.data(), bias_hh.size(), layer.bias.data());
      layers_.push_back(std::move(layer));
    }
  }

  std::unique_ptr<ForwardState> NewState(size_t rows,
                                         size_t /*capacity*/) const override {
    return std::make_unique<LstmState>(config_, rows);
  }

 private:
  float* ForwardChunk(ForwardState* base, std::span<const FeedItem> items,
                      std::span<const uint8_t> want,
                      float* hidden) const override {
    auto* s = static_cast<LstmState*>(base);
    size_t n = items.size();
    size_t max_offset = static_cast<size_t>(config_.max_offset);
    for (size_t i = 0; i < n; ++i) {
      size_t off =
          std::min(static_cast<size_t>(items[i].offset), max_offset - 1);
      const float* te = tok_emb_.data() + items[i].token * d_;
      const float* oe = off_emb_.data() + off * d_;
      float* x = s->x.data() + i * d_;
      for (size_t k = 0; k < d_; ++k) x[k] = te[k] + oe[k];
    }
    for (size_t l = 0; l < layers_.size(); ++l) {
      kernels::MatMul(s->x.data(), n, d_, layers_[l].w_ih.data(),
                      layers_[l].bias.data(), 4 * d_, s->gates.data());
      for (size_t begin = 0; begin < n;) {
        size_t end = WaveEnd(s, items, begin);
        RunWave(s, items, l, begin, end);
        begin = end;
      }
    }
    for (size_t i = 0; i < n; ++i) {
      if (!want[i]) continue;
      std::copy_n(s->x.data() + i * d_, d_, hidden);
      hidden += d_;
    }
    return hidden;
  }

  // The end of the longest run from `begin` whose items have distinct rows.
  static size_t WaveEnd(LstmState* s, std::span<const FeedItem> items,
                        size_t begin) {
    // Each wave gets a fresh stamp, so the marks never need clearing.
    size_t stamp = ++s->wave_count;
    size_t end = begin;
    while (end < items.size() && s->last_wave[items[end].row] != stamp) {
      s->last_wave[items[end].row] = stamp;
      ++end;
    }
    return end;
  }

  void RunWave(LstmState* s, std::span<const FeedItem> items, size_t layer,
               size_t begin, size_t end) const {
    size_t m = end - begin;
    size_t stride = layers_.size() * d_;
    for (size_t k = 0; k < m; ++k) {
      std::copy_n(s->h.data() + items[begin + k].row * stride + layer * d_, d_,
                  s->wave_h.data() + k * d_);
    }
    kernels::MatMul(s->wave_h.data(), m, d_, layers_[layer].w_hh.data(),
                    nullptr, 4 * d_, s->wave_gates.data());
    for (size_t k = 0; k < m; ++k) {
      size_t i = begin + k;
      float* g = s->gates.data() + i * 4 * d_;
      kernels::AddInPlace(s->wave_gates.data() + k * 4 * d_, 4 * d_, g);
      kernels::SigmoidInPlace(g, 2 * d_);       // input, forget
      kernels::TanhInPlace(g + 2 * d_, d_);     // cell candidate
      kernels::SigmoidInPlace(g + 3 * d_, d_);  // output
      size_t at = items[i].row * stride + layer * d_;
      float* c = s->c.data() + at;
      float* h = s->h.data() + at;
      for (size_t j = 0; j < d_; ++j) {
        c[j] = g[d_ + j] * c[j] + g[j] * g[2 * d_ + j];
      }
      std::copy_n(c, d_, h);
      kernels::TanhInPlace(h, d_);
      for (size_t j = 0; j < d_; ++j) h[j] *= g[3 * d_ + j];
      std::copy_n(h, d_, s->x.data() + i * d_);  // the next layer's input
    }
  }

  size_t d_;
  std::vector<float> tok_emb_, off_emb_;
  std::vector<LstmLayer> layers_;
};

}  // namespace

std::shared_ptr<const Engine::Model> MakeLstmModel(const ModelConfig& config,
                                                   const Weights& weights) {
  return std::make_shared<LstmModel>(config, weights);
}

}  // namespace protolm::lm
