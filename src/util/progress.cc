// Progress lines and bars (see progress.h).
#include "util/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace protolm {

ProgressReporter::ProgressReporter(std::string label, uint64_t total,
                                   std::string unit, std::FILE* out,
                                   std::chrono::milliseconds log_interval)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      out_(out),
      tty_(isatty(fileno(out)) == 1),
      interval_(tty_ ? std::chrono::milliseconds(100) : log_interval),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressReporter::~ProgressReporter() {
  if (tty_ && drew_) std::fputc('\n', out_);
}

namespace {

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Duration(double seconds) {
  long s = std::lround(seconds);
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string(s / 60 % 60) + "m";
}

}  // namespace

std::string ProgressReporter::Render(uint64_t done, double elapsed) const {
  std::string line = label_;
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  if (total_ > 0) {
    double fraction =
        std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
    constexpr int kWidth = 20;
    int filled = static_cast<int>(fraction * kWidth);
    line += " [" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), ' ') + "] " +
            Fixed(fraction * 100, 0) + "%  " + Fixed(static_cast<double>(done), 1) +
            "/" + Fixed(static_cast<double>(total_), 1) + " " + unit_;
  } else {
    line += "  " + Fixed(static_cast<double>(done), 1) + " " + unit_;
  }
  line += "  " + Fixed(rate, 1) + " " + unit_ + "/s";
  if (total_ > 0 && rate > 0 && done < total_)
    line += "  ETA " + Duration(static_cast<double>(total_ - done) / rate);
  if (!detail_.empty()) line += "  " + detail_;
  return line;
}

void ProgressReporter::Update(uint64_t done) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < interval_) return;
  last_draw_ = now;
  drew_ = true;
  std::string line =
      Render(done, std::chrono::duration<double>(now - start_).count());
  if (tty_) {
    std::fprintf(out_, "\r%s\033[K", line.c_str());
  } else {
    std::fprintf(out_, "protolm: progress: %s\n", line.c_str());
  }
  std::fflush(out_);
}

}  // namespace protolm
