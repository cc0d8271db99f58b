// Algorithm 2: inverse transform sampling from a derivative-weighted
// density (see weighted_sampling.h).
#include "util/weighted_sampling.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace protolm {

Result<std::vector<double>> DerivativeWeightedSample(
    const std::vector<double>& x, const std::vector<double>& y, size_t count,
    const WeightedSamplingOptions& options, uint64_t seed) {
  const size_t n = x.size();
  if (n < 2 || y.size() != n)
    return InvalidArgument(
        "weighted sampling needs at least 2 (x, y) points of equal count");
  const double dx = x[1] - x[0];
  for (size_t i = 1; i < n; ++i)
    if (!(dx > 0) ||
        std::fabs((x[i] - x[i - 1]) - dx) > 1e-9 * std::max(1.0, std::fabs(dx)))
      return InvalidArgument(
          "weighted sampling needs an ascending grid of equal steps");

  // |f'|^power by central differences (one-sided at the ends).
  std::vector<double> pdf(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t lo = i == 0 ? 0 : i - 1;
    const size_t hi = i + 1 == n ? i : i + 1;
    const double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    pdf[i] =
        std::isfinite(slope) ? std::pow(std::fabs(slope), options.power) : 0.0;
  }
  double mass = 0;
  for (double p : pdf) mass += p * dx;
  const double uniform = 1.0 / (x.back() - x.front());
  for (double& p : pdf) {
    const double derivative = mass > 0 ? p / mass : uniform;
    p = options.mix_ratio * uniform + (1 - options.mix_ratio) * derivative;
  }
  mass = 0;
  for (double p : pdf) mass += p * dx;
  for (double& p : pdf) p /= mass;

  std::vector<double> cdf(n, 0.0);
  for (size_t i = 1; i < n; ++i)
    cdf[i] = cdf[i - 1] + (pdf[i] + pdf[i - 1]) / 2 * dx;
  for (double& c : cdf) c /= cdf.back();

  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> out;
  out.reserve(count);
  for (size_t k = 0; k < count; ++k) {
    const double u = unit(rng);
    const size_t hi = std::max<size_t>(
        1, std::min<size_t>(n - 1, std::upper_bound(cdf.begin(), cdf.end(), u) -
                                       cdf.begin()));
    const size_t lo = hi - 1;
    const double span = cdf[hi] - cdf[lo];
    const double t = span > 0 ? (u - cdf[lo]) / span : 0.0;
    out.push_back(x[lo] + t * (x[hi] - x[lo]));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace protolm
