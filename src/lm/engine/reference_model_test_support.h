// A slow, obviously-correct forward pass of both architectures for the engine
// tests: full-sequence attention without a cache, double precision, the math of
// docs/lm.md written out loop by loop. Test-only (included by *_test.cc).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "lm/engine/model_config.h"
#include "lm/engine/tokens.h"
#include "lm/engine/weights.h"

namespace protolm::lm::reference {

using Matrix = std::vector<std::vector<double>>;  // [rows][cols]

inline const std::vector<float>& W(const Weights& w, const std::string& name) {
  return w.at(name).data;
}

// y = W x + b for a torch.nn.Linear weight [out, in].
inline std::vector<double> Linear(const Weights& w, const std::string& prefix,
                                  const std::vector<double>& x,
                                  const std::string& weight = "weight",
                                  const std::string& bias = "bias") {
  const std::vector<float>& m = W(w, prefix + weight);
  size_t in = x.size(), out = m.size() / in;
  std::vector<double> y(out);
  for (size_t o = 0; o < out; ++o) {
    double s = bias.empty() ? 0.0 : W(w, prefix + bias)[o];
    for (size_t i = 0; i < in; ++i) s += m[o * in + i] * x[i];
    y[o] = s;
  }
  return y;
}

inline std::vector<double> RefLayerNorm(const Weights& w,
                                        const std::string& prefix,
                                        const std::vector<double>& x) {
  double mean = 0, var = 0;
  for (double v : x) mean += v;
  mean /= x.size();
  for (double v : x) var += (v - mean) * (v - mean);
  var /= x.size();
  std::vector<double> y(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    y[i] = (x[i] - mean) / std::sqrt(var + 1e-5) * W(w, prefix + "weight")[i] +
           W(w, prefix + "bias")[i];
  }
  return y;
}

// logits [T][V] of the whole sequence.
inline Matrix ReferenceTransformer(const ModelConfig& c, const Weights& w,
                                   const TokenSequence& seq) {
  size_t T = seq.tokens.size(), d = c.d_model, H = c.n_heads, dh = d / H;
  Matrix x(T, std::vector<double>(d));
  for (size_t t = 0; t < T; ++t) {
    for (size_t k = 0; k < d; ++k) {
      x[t][k] = W(w, "tok_emb")[seq.tokens[t] * d + k] +
                W(w, "pos_emb")[t * d + k] +
                W(w, "off_emb")[seq.offsets[t] * d + k];
    }
  }
  for (int l = 0; l < c.n_layers; ++l) {
    std::string p = "layers." + std::to_string(l) + ".";
    Matrix qkv(T);
    for (size_t t = 0; t < T; ++t) {
      qkv[t] = Linear(w, p + "attn.qkv.", RefLayerNorm(w, p + "ln1.", x[t]));
    }
    for (size_t t = 0; t < T; ++t) {
      std::vector<double> a(d, 0.0);
      for (size_t j = 0; j < H; ++j) {
        std::vector<double> score(t + 1);
        double max = -1e300, sum = 0;
        for (size_t s = 0; s <= t; ++s) {
          double dot = 0;
          for (size_t k = 0; k < dh; ++k) {
            dot += qkv[t][j * dh + k] * qkv[s][d + j * dh + k];
          }
          score[s] = dot / std::sqrt(static_cast<double>(dh));
          max = std::max(max, score[s]);
        }
        for (double& v : score) sum += (v = std::exp(v - max));
        for (size_t s = 0; s <= t; ++s) {
          for (size_t k = 0; k < dh; ++k) {
            a[j * dh + k] += score[s] / sum * qkv[s][2 * d + j * dh + k];
          }
        }
      }
      std::vector<double> proj = Linear(w, p + "attn.proj.", a);
      for (size_t k = 0; k < d; ++k) x[t][k] += proj[k];
    }
    for (size_t t = 0; t < T; ++t) {
      std::vector<double> f =
          Linear(w, p + "mlp.fc.", RefLayerNorm(w, p + "ln2.", x[t]));
      for (double& z : f) {
        z = 0.5 * z *
            (1 + std::tanh(std::sqrt(2 / M_PI) * (z + 0.044715 * z * z * z)));
      }
      std::vector<double> m = Linear(w, p + "mlp.proj.", f);
      for (size_t k = 0; k < d; ++k) x[t][k] += m[k];
    }
  }
  Matrix logits(T);
  for (size_t t = 0; t < T; ++t) {
    logits[t] = Linear(w, "head.", RefLayerNorm(w, "ln_f.", x[t]));
  }
  return logits;
}

inline Matrix ReferenceLstm(const ModelConfig& c, const Weights& w,
                            const TokenSequence& seq) {
  size_t T = seq.tokens.size(), d = c.d_model;
  Matrix x(T, std::vector<double>(d));
  for (size_t t = 0; t < T; ++t) {
    for (size_t k = 0; k < d; ++k) {
      x[t][k] = W(w, "tok_emb")[seq.tokens[t] * d + k] +
                W(w, "off_emb")[seq.offsets[t] * d + k];
    }
  }
  auto sigmoid = [](double v) { return 1 / (1 + std::exp(-v)); };
  for (int l = 0; l < c.n_layers; ++l) {
    std::string p = "lstm." + std::to_string(l) + ".";
    std::vector<double> h(d, 0.0), cell(d, 0.0);
    for (size_t t = 0; t < T; ++t) {
      std::vector<double> gi = Linear(w, p, x[t], "weight_ih", "bias_ih");
      std::vector<double> gh = Linear(w, p, h, "weight_hh", "bias_hh");
      for (size_t k = 0; k < d; ++k) {
        double i = sigmoid(gi[k] + gh[k]);
        double f = sigmoid(gi[d + k] + gh[d + k]);
        double g = std::tanh(gi[2 * d + k] + gh[2 * d + k]);
        double o = sigmoid(gi[3 * d + k] + gh[3 * d + k]);
        cell[k] = f * cell[k] + i * g;
        h[k] = o * std::tanh(cell[k]);
      }
      x[t] = h;
    }
  }
  Matrix logits(T);
  for (size_t t = 0; t < T; ++t) logits[t] = Linear(w, "head.", x[t]);
  return logits;
}

}  // namespace protolm::lm::reference
