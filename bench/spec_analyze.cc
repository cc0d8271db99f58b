// Benchmark: analysis of a whole RFC (RFC 792 by default) with the built-in
// lexicon: reading, parsing every sentence, winnowing and statuses.
//
//   spec_analyze [RFC_FILE] [--benchmark_* flags]
//
// The target is RFC 792 in under a second; the number goes in
// docs/spec-analysis.md with the command that produced it.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "spec/analysis/spec_analyzer.h"
#include "spec/rfc/rfc_document.h"

namespace {

std::string g_rfc_text;
std::string g_rfc_name;

void BM_AnalyzeRfc(benchmark::State& state) {
  protolm::Result<protolm::spec::SpecAnalyzer> analyzer =
      protolm::spec::SpecAnalyzer::CreateDefault();
  if (!analyzer.ok()) {
    state.SkipWithError(analyzer.status().message().c_str());
    return;
  }
  size_t sentences = 0;
  for (auto _ : state) {
    protolm::Result<protolm::spec::RfcDocument> doc =
        protolm::spec::ReadRfc(g_rfc_text, g_rfc_name);
    if (!doc.ok()) {
      state.SkipWithError(doc.status().message().c_str());
      return;
    }
    protolm::spec::AnalysisReport report = analyzer->Analyze(*doc, {});
    sentences = report.sentences.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["sentences"] = static_cast<double>(sentences);
  state.counters["sentences_per_s"] =
      benchmark::Counter(static_cast<double>(sentences),
                         benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_AnalyzeRfc)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
#ifdef PROTOLM_SHARED_DATA_DIR
  g_rfc_name = std::string(PROTOLM_SHARED_DATA_DIR) + "/rfcs/rfc792.txt";
#endif
  if (argc > 1) g_rfc_name = argv[1];
  if (g_rfc_name.empty()) {
    std::cerr << "spec_analyze: give the RFC file to analyse\n";
    return 2;
  }
  std::ifstream in(g_rfc_name, std::ios::binary);
  if (!in) {
    std::cerr << "spec_analyze: cannot open " << g_rfc_name << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  g_rfc_text = text.str();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
