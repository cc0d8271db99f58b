// Kernel implementations (see kernels.h). Loops are shaped for the
// auto-vectoriser; the module's CMakeLists compiles them with -O3 outside
// Debug.
#include "lm/engine/kernels.h"

#include <bit>
#include <cmath>
#include <cstdint>

// On x86-64 the hot kernels are also compiled for AVX2 and picked at load time
// (ifunc), so one binary runs everywhere and uses wider vectors where the CPU
// has them. Without contraction (no FMA) every element gets the same IEEE
// operations in the same order, so results are identical on every host.
#if defined(__x86_64__) && defined(__ELF__)
#define PROTOLM_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PROTOLM_VECTOR_CLONES
#endif

namespace protolm::lm::kernels {
namespace {

constexpr size_t kTile = 64;   // outputs accumulated in registers at once
constexpr size_t kChunk = 64;  // elements per vectorised exp batch

// One row, outputs [o0, o0 + width) with width a compile-time tile so the
// accumulators live in registers.
template <size_t width>
inline void MatMulTile(const float* x, size_t in, const float* wt,
                       const float* bias, size_t out, size_t o0, float* y) {
  float acc[width];
  for (size_t k = 0; k < width; ++k) acc[k] = bias ? bias[o0 + k] : 0.0f;
  for (size_t i = 0; i < in; ++i) {
    const float xi = x[i];
    const float* w = wt + i * out + o0;
    for (size_t k = 0; k < width; ++k) acc[k] += xi * w[k];
  }
  for (size_t k = 0; k < width; ++k) y[o0 + k] = acc[k];
}

}  // namespace

PROTOLM_VECTOR_CLONES
void MatMul(const float* x, size_t rows, size_t in, const float* wt,
            const float* bias, size_t out, float* y) {
  size_t tiled = out / kTile * kTile;
  // Tile-major: one tile of the weights stays in L1 while every row uses it.
  for (size_t o0 = 0; o0 < tiled; o0 += kTile) {
    for (size_t r = 0; r < rows; ++r) {
      MatMulTile<kTile>(x + r * in, in, wt, bias, out, o0, y + r * out);
    }
  }
  for (size_t o = tiled; o < out; ++o) {
    for (size_t r = 0; r < rows; ++r) {
      y[r * out + o] = MatMulColumn(x + r * in, in, wt, bias, out, o);
    }
  }
}

float MatMulColumn(const float* x, size_t in, const float* wt,
                   const float* bias, size_t out, size_t o) {
  float acc = bias ? bias[o] : 0.0f;
  for (size_t i = 0; i < in; ++i) acc += x[i] * wt[i * out + o];
  return acc;
}

void Transpose(const float* m, size_t rows, size_t cols, float* out) {
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) out[c * rows + r] = m[r * cols + c];
  }
}

void AddInPlace(const float* x, size_t n, float* y) {
  for (size_t i = 0; i < n; ++i) y[i] += x[i];
}

void LayerNorm(const float* x, const float* gamma, const float* beta, size_t n,
               float* y) {
  float sum = 0;
  for (size_t i = 0; i < n; ++i) sum += x[i];
  float mean = sum / static_cast<float>(n);
  float sq = 0;
  for (size_t i = 0; i < n; ++i) sq += (x[i] - mean) * (x[i] - mean);
  float inv = 1.0f / std::sqrt(sq / static_cast<float>(n) + 1e-5f);
  for (size_t i = 0; i < n; ++i)
    y[i] = (x[i] - mean) * inv * gamma[i] + beta[i];
}

PROTOLM_VECTOR_CLONES
void ExpInPlace(float* x, size_t n) {
  // Cody-Waite range reduction x = k ln2 + r, a degree-6 polynomial for e^r
  // (the Cephes expf coefficients), and 2^k built in the exponent bits.
  for (size_t i = 0; i < n; ++i) {
    float a = x[i];
    a = a > -87.0f ? a : -87.0f;  // also maps NaN to -87
    a = a < 88.0f ? a : 88.0f;
    float k = a * 1.44269504088896341f + 12582912.0f;
    k = k - 12582912.0f;  // round to nearest without a library call
    float r = a - k * 0.693359375f;
    r = r - k * -2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float scale = std::bit_cast<float>((static_cast<int32_t>(k) + 127) << 23);
    x[i] = (p * r * r + r + 1.0f) * scale;
  }
}

void GeluInPlace(float* x, size_t n) {
  // tanh(u) = 1 - 2 / (exp(2u) + 1), so gelu(z) = z - z / (exp(2u) + 1).
  constexpr float kSqrt2OverPi = 0.7978845608028654f;
  for (size_t base = 0; base < n; base += kChunk) {
    size_t m = n - base < kChunk ? n - base : kChunk;
    float* z = x + base;
    float e[kChunk];
    for (size_t i = 0; i < m; ++i) {
      e[i] = 2.0f * kSqrt2OverPi * (z[i] + 0.044715f * z[i] * z[i] * z[i]);
    }
    ExpInPlace(e, m);
    for (size_t i = 0; i < m; ++i) z[i] = z[i] - z[i] / (e[i] + 1.0f);
  }
}

void SoftmaxInPlace(float* x, size_t n) {
  float max = x[0];
  for (size_t i = 1; i < n; ++i) max = x[i] > max ? x[i] : max;
  for (size_t i = 0; i < n; ++i) x[i] -= max;
  ExpInPlace(x, n);
  float sum = 0;
  for (size_t i = 0; i < n; ++i) sum += x[i];
  float inv = 1.0f / sum;
  for (size_t i = 0; i < n; ++i) x[i] *= inv;
}

float LogSumExp(const float* x, size_t n) {
  float max = x[0];
  for (size_t i = 1; i < n; ++i) max = x[i] > max ? x[i] : max;
  double sum = 0;
  for (size_t i = 0; i < n; ++i)
    sum += std::exp(static_cast<double>(x[i] - max));
  return max + static_cast<float>(std::log(sum));
}

void SigmoidInPlace(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] = -x[i];
  ExpInPlace(x, n);
  for (size_t i = 0; i < n; ++i) x[i] = 1.0f / (1.0f + x[i]);
}

void TanhInPlace(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) x[i] = 2.0f * x[i];
  ExpInPlace(x, n);
  for (size_t i = 0; i < n; ++i) x[i] = 1.0f - 2.0f / (x[i] + 1.0f);
}

}  // namespace protolm::lm::kernels
