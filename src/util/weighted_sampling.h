// Derivative-weighted sampling of a process variable's input range
// (LLMPot's Algorithm 2).
//
// Given a function observed on a uniform grid (x ascending, y = f(x), as a
// pilot probe of the device measured it), the sampler puts more points where
// f changes fast: the density is |f'(x)|^power (the power, in 0..1, softens
// steep regions), normalised over the grid, mixed with the uniform density
// (mix_ratio = the uniform share, so flat regions keep some points), and
// normalised again; its CDF is integrated with the trapezoidal rule, and
// uniform random numbers pushed through the inverse CDF (linear
// interpolation on the grid) give the sample, sorted. Pure: the result
// depends only on the arguments and the seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/status.h"

namespace protolm {

struct WeightedSamplingOptions {
  double mix_ratio = 0.5;  // 0: derivative density alone; 1: uniform
  double power = 0.5;      // exponent applied to |f'|
};

/// `count` inputs in [x.front(), x.back()], sorted. Errors: InvalidArgument
/// when x and y differ in size, hold fewer than 2 points, or x is not
/// strictly ascending with equal steps.
Result<std::vector<double>> DerivativeWeightedSample(
    const std::vector<double>& x, const std::vector<double>& y, size_t count,
    const WeightedSamplingOptions& options, uint64_t seed);

}  // namespace protolm
