// lm_latency: how fast a cloned model answers. Loads a .plm model and a
// dataset, answers every request on its own with constrained greedy decoding
// (the honeypot's path: engine + response grammar, one thread) and prints the
// latency percentiles; then answers them in batches and prints responses/s.
//
//   build/bench/lm_latency --model clone-out/model.plm
//       --dataset clone-out/rounds/1600/dataset.jsonl [--repeat 3] [--batch 32]
//   (one command line)
//
// Pin it to one core with `taskset -c 0` for the single-core numbers of
// docs/benchmarks.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "emu/checkpoint_knowledge.h"
#include "proto/registry/protocol_table.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/engine.h"
#include "trace/dataset_reader.h"

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t k = static_cast<size_t>(p * (values.size() - 1) + 0.5);
  return values[std::min(k, values.size() - 1)];
}

int Usage() {
  std::fprintf(stderr,
               "usage: lm_latency --model M.plm --dataset D.jsonl "
               "[--repeat N] [--batch B]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path, dataset_path;
  int repeat = 3;
  size_t batch = 32;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--model") model_path = argv[i + 1];
    else if (flag == "--dataset") dataset_path = argv[i + 1];
    else if (flag == "--repeat") repeat = std::atoi(argv[i + 1]);
    else if (flag == "--batch") batch = std::strtoul(argv[i + 1], nullptr, 10);
    else return Usage();
  }
  if (model_path.empty() || dataset_path.empty() || repeat < 1 || batch < 1)
    return Usage();

  auto checkpoint = protolm::lm::LoadCheckpoint(model_path);
  if (!checkpoint.ok()) {
    std::fprintf(stderr, "%s\n", checkpoint.status().message().c_str());
    return 1;
  }
  auto engine =
      protolm::lm::Engine::Create(checkpoint->config, checkpoint->weights);
  auto dataset = protolm::ReadDataset(dataset_path);
  if (!engine.ok() || !dataset.ok()) {
    std::fprintf(stderr, "%s\n",
                 (!engine.ok() ? engine.status() : dataset.status())
                     .message()
                     .c_str());
    return 1;
  }
  std::vector<protolm::DatasetRecord> records;
  for (protolm::DatasetRecord& record : *dataset) {
    if (!record.request.empty()) records.push_back(std::move(record));
  }
  const protolm::Protocol* protocol =
      protolm::FindProtocol(checkpoint->provenance.protocol);
  auto known = protolm::emu::KnowledgeOf(checkpoint->provenance);
  if (protocol == nullptr || !known.ok()) {
    std::fprintf(stderr, "%s: %s\n", model_path.c_str(),
                 known.status().message().c_str());
    return 1;
  }

  std::vector<double> latencies_ms;
  size_t response_bytes = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const protolm::DatasetRecord& record : records) {
      auto start = Clock::now();
      auto constraint = protocol->MakeResponseConstraint(
          record.request, std::numeric_limits<size_t>::max(), known->get());
      protolm::lm::DecodeOptions options;
      options.constraint = constraint.get();
      auto response = engine->Generate({}, record.request, options);
      latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - start)
              .count());
      if (response.ok()) response_bytes += response->size();
    }
  }
  std::printf(
      "model %s (%s, d=%d, %d layers), %zu requests x %d\n"
      "single request, constrained greedy: p50 %.3f ms  p90 %.3f ms  p99 "
      "%.3f ms  max %.3f ms  (mean response %.1f bytes)\n",
      model_path.c_str(), checkpoint->config.arch.c_str(),
      checkpoint->config.d_model, checkpoint->config.n_layers, records.size(),
      repeat, Percentile(latencies_ms, 0.5), Percentile(latencies_ms, 0.9),
      Percentile(latencies_ms, 0.99), Percentile(latencies_ms, 1.0),
      static_cast<double>(response_bytes) / latencies_ms.size());

  std::vector<protolm::lm::Example> prompts;
  for (const protolm::DatasetRecord& record : records)
    prompts.push_back({{}, record.request, {}});
  auto start = Clock::now();
  size_t answered = 0;
  for (int r = 0; r < repeat; ++r) {
    for (size_t first = 0; first < prompts.size(); first += batch) {
      std::vector<protolm::lm::Example> chunk(
          prompts.begin() + first,
          prompts.begin() + std::min(prompts.size(), first + batch));
      auto responses = engine->GenerateBatch(chunk, {});
      if (responses.ok()) answered += responses->size();
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("batched (batch %zu, unconstrained greedy): %.0f responses/s\n",
              batch, answered / seconds);
  return 0;
}
