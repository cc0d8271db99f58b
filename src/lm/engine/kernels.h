// The engine's numeric kernels: dot products, matrix products against
// torch-layout weights, LayerNorm, GELU, softmax, LSTM gate functions.
//
// Written as plain loops the compiler vectorises with baseline flags (no
// -march). Matrix products take weights pre-transposed to [in, out] so the
// inner loop runs along contiguous outputs held in registers; every output
// element is bias + x[0] w[0] + x[1] w[1] + ... in that order, whatever the
// number of rows or the tiling, so a batched forward pass is bit-identical to
// one row at a time and MatMulColumn equals the full product's column. All
// functions are pure (no state, thread-safe); pointers must not alias unless
// stated.
#pragma once

#include <cstddef>

namespace protolm::lm::kernels {

/// sum_i a[i] * b[i], in a fixed order (eight lanes, then the tail).
inline float Dot(const float* a, const float* b, size_t n) {
  float lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (size_t l = 0; l < 8; ++l) lane[l] += a[i + l] * b[i + l];
  }
  float tail = 0;
  for (; i < n; ++i) tail += a[i] * b[i];
  return ((lane[0] + lane[4]) + (lane[1] + lane[5])) +
         ((lane[2] + lane[6]) + (lane[3] + lane[7])) + tail;
}

/// y[r, o] = bias[o] + sum_i x[r, i] wt[i, o] for r < rows, o < out: x is
/// [rows, in], wt is [in, out] (torch.nn.Linear's weight transposed), y is
/// [rows, out]; bias may be null (zero).
void MatMul(const float* x, size_t rows, size_t in, const float* wt,
            const float* bias, size_t out, float* y);

/// Column o of MatMul for one row, bit-identical to it.
float MatMulColumn(const float* x, size_t in, const float* wt,
                   const float* bias, size_t out, size_t o);

/// [rows, cols] row-major to [cols, rows].
void Transpose(const float* m, size_t rows, size_t cols, float* out);

/// y += x over n elements (y and x may not alias).
void AddInPlace(const float* x, size_t n, float* y);

/// One row: y = (x - mean) / sqrt(var + 1e-5) * gamma + beta (biased variance,
/// as torch.nn.LayerNorm). x and y may alias.
void LayerNorm(const float* x, const float* gamma, const float* beta, size_t n,
               float* y);

/// x = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) elementwise.
void GeluInPlace(float* x, size_t n);

/// x = exp(x) elementwise (relative error about 2e-7; arguments are clamped to
/// [-87, 88]).
void ExpInPlace(float* x, size_t n);

/// x = exp(x - max) / sum over n >= 1 elements.
void SoftmaxInPlace(float* x, size_t n);

/// log(sum exp(x)) over n >= 1 elements, computed stably.
float LogSumExp(const float* x, size_t n);

/// x = 1 / (1 + exp(-x)) elementwise.
void SigmoidInPlace(float* x, size_t n);

/// x = tanh(x) elementwise.
void TanhInPlace(float* x, size_t n);

}  // namespace protolm::lm::kernels
