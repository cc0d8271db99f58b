// Progress of long work, shown the way the terminal can take it.
//
// On a terminal (stderr is a TTY) a single line is redrawn at most ten times a
// second: a bar, the percentage, amount done, rate and ETA. Otherwise (logs,
// CI) one plain line is written every `log_interval`, so long jobs still show
// they are alive without flooding the log. Nothing is printed for work that
// finishes before the first interval. Not thread-safe: one reporter per job,
// updated from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace protolm {

class ProgressReporter {
 public:
  /// `label` names the work ("ingest capture.pcap"); `total` is in `unit`s
  /// (0 = unknown, then no bar or ETA). Output goes to `out` (stderr).
  ProgressReporter(std::string label, uint64_t total, std::string unit,
                   std::FILE* out = stderr,
                   std::chrono::milliseconds log_interval =
                       std::chrono::seconds(5));
  /// Ends the line on a terminal.
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  /// Records that `done` units are complete; redraws when due.
  void Update(uint64_t done);

  /// Text shown after the rate and ETA from the next redraw on
  /// ("loss 0.412  12.3k tok/s"); empty for none.
  void SetDetail(std::string detail) { detail_ = std::move(detail); }

  /// The line Update draws for `done` after `elapsed` seconds (exposed for
  /// tests): "label [#####     ]  50%  5.0/10.0 MB  2.5 MB/s  ETA 2s".
  std::string Render(uint64_t done, double elapsed_seconds) const;

 private:
  std::string label_;
  uint64_t total_;
  std::string unit_;
  std::FILE* out_;
  bool tty_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drew_ = false;
  std::string detail_;
};

}  // namespace protolm
