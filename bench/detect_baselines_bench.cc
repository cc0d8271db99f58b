// bench_detect_baselines: the detect baselines (STIDE, n-gram LM, event-count
// vectors) and the learned detector (LSTM or transformer, trained through the
// torch plugin, scored by the engine) side by side on DeepLog's HDFS sessions
// and the UNM system-call sets, in one run.
//
// Usage: bench_detect_baselines [--data DIR] [--stide-window K]
//                               [--ngram-order N] [--speed-seconds S]
//                               [--learned lstm|transformer|none]
//                               [--learned-epochs E] [--learned-unm 0|1]
// DIR is ../shared/data by default. The learned detector (default: the LSTM
// preset, learned_detector.h) runs on HDFS, and on the UNM sets too with
// --learned-unm 1; it trains on all cores and needs libprotolm_trainer.so.
// Protocol, the same for every detector:
//   HDFS  train on hdfs_train but every 10th session, which is held out to
//         calibrate the threshold (as `detect train` holds out 10 % without
//         --val); test on hdfs_dev_normal_1k (negatives) and
//         hdfs_dev_abnormal_1k (positives). Nothing is tuned on the test
//         files; the settings (STIDE k = 6, scored by mismatch rate and by
//         locality frame count over 20; n-gram order 3 with the 10-outcome
//         windowed mean) were fixed before the first run.
//   UNM   per program: the normal files' traces (one per PID) are split
//         alternately into training and test negatives, every 10th training
//         trace (or the last, if fewer than 10) held out for calibration;
//         every intrusion file's PID is a
//         positive. Sets with fewer than 6 normal traces are skipped.
// Per set and detector it prints a Markdown row: ROC AUC, detection rate at
// FAR 1/5/10 % (thresholds from the test negatives: points of the ROC
// curve), then at the threshold calibrated on the held-out traces for each
// target FAR (1 %, and for HDFS 0.1 %): recall, FPR, F1 on the test set as
// it is and, for HDFS, F1 extrapolated to DeepLog's full test set ratio
// (553,366 normal : 16,838 abnormal); and the scoring
// speed (events/s, TraceScore on one thread, CPU time), the training time
// (wall seconds, DetectorModel::Train), and per detector the
// record (alert_explanation.h) of the first anomalous test trace it flags.
// HDFS also gets
// next-event accuracy and macro-F1 over random prefixes (seed 002's protocol).
//
// Inputs are read through the trace sources `detect` uses (SequenceSource,
// UnmSource via detect/pipeline/trace_reading.h, into TraceCollector), so
// ids are "FILE:LINE" and "FILE:PID".
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "detect/alert_explanation.h"
#include "detect/count_vector_detector.h"
#include "detect/detection_measures.h"
#include "detect/detector_model.h"
#include "detect/learned_detector.h"
#include "detect/next_event_measures.h"
#include "detect/ngram_detector.h"
#include "detect/pipeline/trace_reading.h"
#include "detect/stide_detector.h"

namespace {

namespace fs = std::filesystem;
using namespace protolm::detect;

// `path` through the source `kind` names; a read error ends the program.
std::vector<TraceSequence> ReadWith(SourceKind kind, const fs::path& path) {
  SourceSettings settings(kind);
  const std::string input = path.string();
  auto traces = ReadTraces(settings, std::span(&input, 1));
  if (!traces.ok()) {
    std::fprintf(stderr, "%s\n", traces.status().message().c_str());
    std::exit(1);
  }
  return std::move(traces).value();
}

std::vector<TraceSequence> ReadSessionLines(const fs::path& path) {
  return ReadWith(SourceKind::kSequences, path);
}

std::vector<TraceSequence> ReadPidSyscallFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".int" || ext == ".txt")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<TraceSequence> traces;
  for (const fs::path& file : files) {
    for (TraceSequence& trace : ReadWith(SourceKind::kSyscalls, file)) {
      traces.push_back(std::move(trace));
    }
  }
  return traces;
}

struct DataSet {
  std::string name;
  bool hdfs = false;  // F1 at DeepLog's full-set ratio, FAR 0.1 % too
  std::vector<TraceSequence> train, calibration, normal, anomalous;
};

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

std::vector<double> Scores(const DetectorModel& model,
                           const std::vector<std::vector<TokenId>>& traces) {
  std::vector<double> scores;
  for (const auto& ids : traces)
    scores.push_back(model.detector->TraceScore(ids));
  return scores;
}

std::vector<std::vector<TokenId>> Encoded(
    const DetectorModel& model, const std::vector<TraceSequence>& traces) {
  std::vector<std::vector<TokenId>> ids;
  for (const TraceSequence& trace : traces) ids.push_back(model.Encode(trace));
  return ids;
}

// Events scored per CPU second on this thread, repeating the test traces
// for at least `seconds`.
double EventsPerSecond(const DetectorModel& model,
                       const std::vector<std::vector<TokenId>>& traces,
                       double seconds) {
  size_t events = 0;
  double sink = 0;
  double start = ThreadCpuSeconds();
  double elapsed = 0;
  do {
    for (const auto& ids : traces) {
      sink += model.detector->TraceScore(ids);
      events += ids.size();
    }
    elapsed = ThreadCpuSeconds() - start;
  } while (elapsed < seconds);
  if (sink < -1) std::puts("");  // keeps the scoring from being optimised out
  return double(events) / elapsed;
}

struct Settings {
  fs::path data;
  size_t stide_window = 6;
  size_t ngram_order = 3;
  double speed_seconds = 1.0;
  std::string learned = "lstm";  // or "transformer", "none"
  int learned_epochs = 0;        // 0: the preset's
  bool learned_unm = false;
};

struct Candidate {
  std::string name;
  std::unique_ptr<TraceDetector> detector;
};

// A detector trained on a set, kept for the next-event measures.
struct Trained {
  std::string name;
  DetectorModel model;
};

std::vector<Candidate> Detectors(const Settings& s, bool with_learned) {
  std::string k = std::to_string(s.stide_window);
  std::vector<Candidate> all;
  all.push_back({"STIDE k=" + k + " mismatch rate",
                 std::make_unique<StideDetector>(s.stide_window)});
  all.push_back(
      {"STIDE k=" + k + " LFC 20",
       std::make_unique<StideDetector>(
           s.stide_window, StideDetector::Score::kLocalityFrame, 20)});
  all.push_back({"n-gram n=" + std::to_string(s.ngram_order),
                 std::make_unique<NgramDetector>(s.ngram_order)});
  all.push_back({"count vector", std::make_unique<CountVectorDetector>()});
  if (with_learned && s.learned != "none") {
    auto options = LearnedDetector::Preset(s.learned);
    if (!options.ok()) {
      std::fprintf(stderr, "%s\n", options.status().ToString().c_str());
      std::exit(2);
    }
    if (s.learned_epochs > 0) options->training.epochs = s.learned_epochs;
    options->training.on_epoch = [](const protolm::lm::EpochResult& e) {
      std::fprintf(stderr, "  %s epoch %d: train loss %.4f, validation %.4f\n",
                   "learned", e.epoch, e.train_loss, e.validation_loss);
      return std::optional<double>();
    };
    const protolm::lm::ModelConfig& c = options->shape;
    all.push_back({s.learned + " " + std::to_string(c.n_layers) + "x" +
                       std::to_string(c.d_model),
                   std::make_unique<LearnedDetector>(std::move(*options))});
  }
  return all;
}

double WallSecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// The JSON record of the first anomalous test trace the model's calibrated
// threshold flags (an example of an alert's evidence).
std::string FirstAlert(const DetectorModel& model, const DataSet& set) {
  Thresholds thresholds{model.calibration->threshold,
                        model.calibration->event_threshold};
  for (const TraceSequence& trace : set.anomalous) {
    nlohmann::json record = ScoreRecord(model, trace, thresholds, {3, 6});
    if (record["anomalous"] == true) {
      return "`" +
             record.dump(-1, ' ', false,
                         nlohmann::json::error_handler_t::replace) +
             "`";
    }
  }
  return "none flagged";
}

std::vector<Trained> RunSet(const DataSet& set, const Settings& settings,
                            bool with_learned) {
  std::printf(
      "\n### %s: train %zu, calibrate %zu, test %zu normal + %zu "
      "anomalous traces\n\n",
      set.name.c_str(), set.train.size(), set.calibration.size(),
      set.normal.size(), set.anomalous.size());
  std::printf(
      "| detector | AUC | det@1%% | det@5%% | det@10%% | target FAR | "
      "threshold | recall | FPR | F1 test | F1 DeepLog ratio | "
      "events/s | train s |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::vector<std::string> examples;
  std::vector<Trained> trained;
  for (Candidate& candidate : Detectors(settings, with_learned)) {
    auto train_start = std::chrono::steady_clock::now();
    auto model = DetectorModel::Train(set.train, std::move(candidate.detector));
    double train_seconds = WallSecondsSince(train_start);
    if (!model.ok()) {
      std::printf("train %s: %s\n", candidate.name.c_str(),
                  model.status().ToString().c_str());
      continue;
    }
    auto normal_ids = Encoded(*model, set.normal);
    auto anomalous_ids = Encoded(*model, set.anomalous);
    std::vector<double> normal = Scores(*model, normal_ids);
    std::vector<double> anomalous = Scores(*model, anomalous_ids);
    double auc = RocAuc(normal, anomalous).value();
    double at[3];
    const double fars[3] = {0.01, 0.05, 0.10};
    for (int i = 0; i < 3; ++i)
      at[i] = DetectionAtFar(normal, anomalous, fars[i]).value();
    std::vector<std::vector<TokenId>> all_ids = normal_ids;
    all_ids.insert(all_ids.end(), anomalous_ids.begin(), anomalous_ids.end());
    double speed = EventsPerSecond(*model, all_ids, settings.speed_seconds);
    std::vector<double> targets = {0.01};
    if (set.hdfs) targets.push_back(0.001);
    for (double target : targets) {
      if (protolm::Status s = model->Calibrate(set.calibration, target);
          !s.ok()) {
        std::printf("calibrate: %s\n", s.ToString().c_str());
        return trained;
      }
      Confusion c =
          ConfusionAt(normal, anomalous, model->calibration->threshold);
      std::string f1_full = "-";
      if (set.hdfs) {
        f1_full =
            std::to_string(F1AtRatio(c.Recall(), c.FalsePositiveRate(),
                                     kDeepLogHdfsNormal, kDeepLogHdfsAbnormal))
                .substr(0, 6);
      }
      std::printf(
          "| %s | %.4f | %.3f | %.3f | %.3f | %g%s | %.4g | %.4f | "
          "%.4f | %.4f | %s | %.3g | %.3g |\n",
          candidate.name.c_str(), auc, at[0], at[1], at[2], target,
          model->calibration->resolvable ? "" : " (max)",
          model->calibration->threshold, c.Recall(), c.FalsePositiveRate(),
          c.F1(), f1_full.c_str(), speed, train_seconds);
    }
    examples.push_back(candidate.name + ": " + FirstAlert(*model, set));
    trained.push_back({candidate.name, std::move(model).value()});
  }
  std::printf(
      "\nFirst flagged anomalous test trace at the last threshold:\n\n");
  for (const std::string& example : examples)
    std::printf("- %s\n", example.c_str());
  return trained;
}

void RunNextEvent(const DataSet& set, const std::vector<Trained>& trained) {
  std::printf(
      "\n%s next event (1 random prefix per normal test trace, seed 1):\n\n"
      "| detector | predictions | accuracy | macro-F1 |\n|---|---|---|---|\n",
      set.name.c_str());
  for (const Trained& t : trained) {
    NextEventResult r = EvaluateNextEvent(*t.model.detector,
                                          Encoded(t.model, set.normal), 1, 1);
    std::printf("| %s | %zu | %.4f | %.4f |\n", t.name.c_str(), r.predictions,
                r.accuracy, r.macro_f1);
  }
}

// Every 10th training trace (index 9, 19, ...) goes to calibration; with
// fewer than 10, the last one does.
void HoldOutTenth(std::vector<TraceSequence> all, DataSet& set) {
  for (size_t i = 0; i < all.size(); ++i) {
    bool held_out = i % 10 == 9 || (all.size() < 10 && i + 1 == all.size());
    (held_out ? set.calibration : set.train).push_back(std::move(all[i]));
  }
}

DataSet Hdfs(const fs::path& data) {
  fs::path dir = data / "logs/hdfs";
  DataSet set;
  set.name = "HDFS (DeepLog split)";
  set.hdfs = true;
  HoldOutTenth(ReadSessionLines(dir / "hdfs_train"), set);
  set.normal = ReadSessionLines(dir / "hdfs_dev_normal_1k");
  set.anomalous = ReadSessionLines(dir / "hdfs_dev_abnormal_1k");
  return set;
}

struct UnmLayout {
  const char* name;
  const char* normal_dir;
  const char* intrusion_dir;
};

constexpr UnmLayout kUnm[] = {
    {"UNM synthetic sendmail", "1.Synthetic_Sendmail/normal-data",
     "1.Synthetic_Sendmail/Intrusion-trace-data"},
    {"UNM synthetic ftp", "2.Synthetic_Ftp/normal",
     "2.Synthetic_Ftp/intrusion"},
    {"UNM synthetic lpr", "3.Synthetic-lpr/normal",
     "3.Synthetic-lpr/intrusion"},
    {"UNM xlock", "5.xlock/normal", "5.xlock/intrusion"},
    {"UNM live named", "6.Live_named/normal", "6.Live_named/intrusion"},
    {"UNM login and ps", "7.Login_and_ps/normal", "7.Login_and_ps/intrusion"},
    {"UNM inetd", "8.Inetd/normal", "8.Inetd/intrusion"},
};

bool Unm(const fs::path& root, const UnmLayout& layout, DataSet& set) {
  set.name = layout.name;
  std::vector<TraceSequence> normal =
      ReadPidSyscallFiles(root / layout.normal_dir);
  if (normal.size() < 6) return false;
  std::vector<TraceSequence> train;
  for (size_t i = 0; i < normal.size(); ++i) {
    (i % 2 == 0 ? train : set.normal).push_back(std::move(normal[i]));
  }
  HoldOutTenth(std::move(train), set);
  set.anomalous = ReadPidSyscallFiles(root / layout.intrusion_dir);
  return !set.anomalous.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  settings.data = PROTOLM_SHARED_DATA_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--data") {
      settings.data = argv[i + 1];
    } else if (flag == "--stide-window") {
      settings.stide_window = std::strtoul(argv[i + 1], nullptr, 10);
    } else if (flag == "--ngram-order") {
      settings.ngram_order = std::strtoul(argv[i + 1], nullptr, 10);
    } else if (flag == "--speed-seconds") {
      settings.speed_seconds = std::strtod(argv[i + 1], nullptr);
    } else if (flag == "--learned") {
      settings.learned = argv[i + 1];
    } else if (flag == "--learned-epochs") {
      settings.learned_epochs = std::atoi(argv[i + 1]);
    } else if (flag == "--learned-unm") {
      settings.learned_unm = std::string(argv[i + 1]) == "1";
    } else {
      std::fprintf(stderr, "bench_detect_baselines: unknown flag %s\n",
                   flag.c_str());
      return 2;
    }
  }
  if (!fs::exists(settings.data / "logs/hdfs/hdfs_train")) {
    std::fprintf(stderr, "bench_detect_baselines: no HDFS data under %s\n",
                 settings.data.c_str());
    return 1;
  }
  DataSet hdfs = Hdfs(settings.data);
  RunNextEvent(hdfs, RunSet(hdfs, settings, /*with_learned=*/true));
  for (const UnmLayout& layout : kUnm) {
    DataSet set;
    if (Unm(settings.data / "syscalls/unm", layout, set)) {
      RunSet(set, settings, settings.learned_unm);
    } else {
      std::printf("\n### %s: skipped (fewer than 6 normal traces)\n",
                  layout.name);
    }
  }
  return 0;
}
