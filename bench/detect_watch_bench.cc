// bench_detect_watch: `detect watch`'s path (FollowedFile → ReadStream →
// LiveScorer) on a file written live: how soon an anomalous trace's alert
// comes after the line that makes it was written, whether every event
// written is scored across a stop, and how memory behaves over the run.
//
// Usage: bench_detect_watch [--data DIR] [--arch A] [--seconds S]
//                           [--sessions-per-second R] [--poll-ms P]
// DIR is ../shared/data by default. The model (`--arch`, default the CLI's
// default, n-gram order 3) is trained as `detect train --source sequences`
// trains it on HDFS's hdfs_train (every 10th session held out to calibrate
// at the default FAR). A writer thread then appends, for S seconds at R
// sessions per second, DeepLog sessions cycling through hdfs_dev_normal_1k
// with every 10th one taken from hdfs_dev_abnormal_1k, each line flushed on
// its own; the watcher (this thread) follows the file from its start and
// timestamps every record the scorer emits. At the end the writer sets the
// stop flag, as SIGTERM does in the CLI.
// Prints: sessions and events written, events scored, records, alerts on
// abnormal and on normal lines, the latency from a flagged line's write to
// its first record (p50, p99, max), and the resident memory (first sample
// after training, maximum, last) sampled every second.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "detect/pipeline/live_scorer.h"
#include "detect/pipeline/scoring.h"
#include "detect/pipeline/trace_reading.h"
#include "detect/pipeline/training.h"
#include "util/followed_file.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using protolm::detect::SourceKind;
using protolm::detect::SourceSettings;

struct Args {
  std::string data = PROTOLM_SHARED_DATA_DIR;
  std::string arch = std::string(protolm::detect::kDefaultArch);
  double seconds = 30;
  double sessions_per_second = 1000;
  int poll_ms = 50;
};

Args Parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--data") args.data = value;
    else if (flag == "--arch") args.arch = value;
    else if (flag == "--seconds") args.seconds = std::stod(value);
    else if (flag == "--sessions-per-second") args.sessions_per_second = std::stod(value);
    else if (flag == "--poll-ms") args.poll_ms = std::stoi(value);
    else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return args;
}

std::vector<std::string> Lines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

double ResidentMiB() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident * sysconf(_SC_PAGESIZE)) / (1 << 20);
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t at = static_cast<size_t>(p * static_cast<double>(values.size() - 1));
  return values[at];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace protolm::detect;
  const Args args = Parse(argc, argv);
  const std::string hdfs = args.data + "/logs/hdfs/";

  SourceSettings settings(SourceKind::kSequences);
  std::vector<std::string> train_input = {hdfs + "hdfs_train"};
  auto traces = ReadTraces(settings, train_input);
  if (!traces.ok()) {
    std::fprintf(stderr, "%s\n", traces.status().message().c_str());
    return 1;
  }
  TrainSummary summary;
  TrainSettings train;
  train.arch = args.arch;
  auto model = TrainModelFile(std::move(traces).value(), std::nullopt,
                              settings, train, summary);
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().message().c_str());
    return 1;
  }
  auto thresholds = ChooseThresholds(*model, std::nullopt, std::nullopt);
  if (!thresholds.ok()) return 1;

  const std::vector<std::string> normal = Lines(hdfs + "hdfs_dev_normal_1k");
  const std::vector<std::string> abnormal =
      Lines(hdfs + "hdfs_dev_abnormal_1k");
  const fs::path dir = fs::temp_directory_path() /
                       ("bench_detect_watch_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string live = (dir / "live").string();
  { std::ofstream create(live); }

  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<Clock::time_point> written;  // by line, 1-based - 1
  std::vector<bool> is_abnormal;
  uint64_t events_written = 0;

  std::thread writer([&] {
    std::ofstream out(live, std::ios::app);
    const auto start = Clock::now();
    const auto period = std::chrono::duration<double>(1.0 / args.sessions_per_second);
    size_t n = 0;
    for (;; ++n) {
      auto due = start + std::chrono::duration_cast<Clock::duration>(period * n);
      if (due - start > std::chrono::duration<double>(args.seconds)) break;
      std::this_thread::sleep_until(due);
      const bool bad = n % 10 == 9;
      const std::string& line = bad ? abnormal[(n / 10) % abnormal.size()]
                                    : normal[n % normal.size()];
      {
        std::lock_guard lock(mutex);
        written.push_back(Clock::now());
        is_abnormal.push_back(bad);
      }
      out << line << '\n' << std::flush;
      events_written += static_cast<uint64_t>(
          std::count(line.begin(), line.end(), ' ') + 1);
    }
    stop = true;
  });

  std::vector<double> latencies_ms;
  size_t records = 0, abnormal_flagged = 0, normal_flagged = 0;
  std::vector<bool> seen;
  auto on_record = [&](const nlohmann::json& record) {
    const auto now = Clock::now();
    ++records;
    const std::string id = record["trace"].get<std::string>();
    const size_t line = std::stoul(id.substr(id.rfind(':') + 1));
    std::lock_guard lock(mutex);
    if (line == 0 || line > written.size()) return;
    if (seen.size() < line) seen.resize(line);
    if (seen[line - 1]) return;  // the early alert came first
    seen[line - 1] = true;
    (is_abnormal[line - 1] ? abnormal_flagged : normal_flagged) += 1;
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(now - written[line - 1])
            .count());
  };

  double rss_first = ResidentMiB(), rss_max = rss_first, rss_last = rss_first;
  std::atomic<bool> sampling{true};
  std::thread sampler([&] {
    while (sampling) {
      rss_last = ResidentMiB();
      rss_max = std::max(rss_max, rss_last);
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });

  auto followed = protolm::FollowedFile::Open(
      live, stop, {true, std::chrono::milliseconds(args.poll_ms)});
  if (!followed.ok()) return 1;
  LiveScorer scorer(model->model, *thresholds, {.input = live}, on_record);
  const auto started = Clock::now();
  protolm::Status read =
      ReadStream(settings, (*followed)->stream(), live, scorer);
  const double wall =
      std::chrono::duration<double>(Clock::now() - started).count();
  writer.join();
  sampling = false;
  sampler.join();
  fs::remove_all(dir);
  if (!read.ok()) {
    std::fprintf(stderr, "%s\n", read.message().c_str());
    return 1;
  }
  const size_t lines = written.size();
  const size_t abnormal_lines =
      static_cast<size_t>(std::count(is_abnormal.begin(), is_abnormal.end(), true));
  std::printf("model: %s (threshold %.6g), trained on %zu sessions\n",
              model->model.detector->kind().data(), thresholds->trace,
              summary.train_traces);
  std::printf(
      "| sessions written | events written | events scored | records | "
      "abnormal flagged | normal flagged | latency p50 ms | p99 ms | max ms | "
      "RSS MiB first / max / last | wall s |\n|---|---|---|---|---|---|---|---|"
      "---|---|---|\n");
  std::printf(
      "| %zu | %llu | %llu | %zu | %zu / %zu | %zu / %zu | %.2f | %.2f | %.2f | "
      "%.1f / %.1f / %.1f | %.1f |\n",
      lines, static_cast<unsigned long long>(events_written),
      static_cast<unsigned long long>(scorer.counts().events), records,
      abnormal_flagged, abnormal_lines, normal_flagged, lines - abnormal_lines,
      Percentile(latencies_ms, 0.5), Percentile(latencies_ms, 0.99),
      Percentile(latencies_ms, 1.0), rss_first, rss_max, rss_last, wall);
  return scorer.counts().events == events_written ? 0 : 1;
}
