// The two charts of `detect report`, as inline SVG text (no scripts, no
// external resources, so report.html stays self-contained).
//
//   ScoreHistogram  trace scores in 30 equal bins between the smallest and
//                   largest score, the traces below the threshold (normal)
//                   and the alerts stacked in two colours, the threshold as
//                   a dashed line;
//   ScoreTimeline   each trace's score in input order (x = its position
//                   among the traces, y = score), alerts in red, the
//                   threshold as a dashed line.
// Scores that are not finite are left out.
#pragma once

#include <span>
#include <string>

namespace protolm::detect {

std::string ScoreHistogram(std::span<const double> scores, double threshold);
std::string ScoreTimeline(std::span<const double> scores, double threshold);

}  // namespace protolm::detect
