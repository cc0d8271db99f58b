// `protolm predict`: answer the requests of a dataset with a trained model
// and write the predictions `protolm eval` scores.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "clone/clone_predictor.h"
#include "clone/dataset_split.h"
#include "emu/checkpoint_knowledge.h"
#include "lm/engine/checkpoint.h"
#include "lm/engine/engine.h"

namespace protolm::cli {

namespace {

struct PredictFlags {
  std::string model;
  std::string dataset;
  std::string output;
  std::string mode = "isolated";
  bool unconstrained = false;
  bool no_state = false;
};

int Fail(const Status& status) {
  spdlog::error("{}", status.message());
  return kExitFailure;
}

int RunPredict(const PredictFlags& flags) {
  auto checkpoint = lm::LoadCheckpoint(flags.model);
  if (!checkpoint.ok()) return Fail(checkpoint.status());
  auto engine = lm::Engine::Create(checkpoint->config, checkpoint->weights);
  if (!engine.ok()) return Fail(engine.status());
  auto dataset = ReadDataset(flags.dataset);
  if (!dataset.ok()) return Fail(dataset.status());
  std::vector<DatasetRecord> records = clone::RequestRecords(std::move(*dataset));

  clone::PredictOptions options;
  options.protocol = checkpoint->provenance.protocol;
  options.context =
      checkpoint->provenance.extra.is_object()
          ? checkpoint->provenance.extra.value("context", size_t{0})
          : 0;
  options.constrained = !flags.unconstrained;
  options.use_state = !flags.no_state;
  auto known = emu::KnowledgeOf(checkpoint->provenance);
  if (!known.ok())
    return Fail(Status(known.status().code(),
                       flags.model + ": " + known.status().message()));
  options.known = *known;
  for (const DatasetRecord& r : records) {
    if (!options.protocol.empty() && r.protocol != options.protocol) {
      return Fail(InvalidArgument(r.where + ": a " + r.protocol +
                                  " record, but " + flags.model +
                                  " models " + options.protocol));
    }
  }
  Result<std::vector<Bytes>> predictions = std::vector<Bytes>{};
  if (flags.mode == "replay") {
    predictions = clone::PredictReplay(*engine, records, options);
  } else {
    std::vector<size_t> all(records.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    predictions = clone::PredictIsolated(*engine, records, all, options);
  }
  if (!predictions.ok()) return Fail(predictions.status());

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(
      flags.output == "-" ? stdout : std::fopen(flags.output.c_str(), "w"),
      flags.output == "-" ? +[](std::FILE*) { return 0; } : &std::fclose);
  if (!out) return Fail(IoError(flags.output + ": cannot open for writing"));
  for (size_t i = 0; i < records.size(); ++i) {
    nlohmann::json line = {{"request", ToHex(records[i].request)},
                           {"response", ToHex((*predictions)[i])}};
    if (!records[i].id.empty()) line["id"] = records[i].id;
    std::fprintf(out.get(), "%s\n", line.dump().c_str());
  }
  if (std::fflush(out.get()) != 0)
    return Fail(IoError(flags.output + ": write failed"));
  spdlog::info("{} predictions ({}, {}) written to {}", records.size(),
               flags.mode, flags.unconstrained ? "unconstrained" : "constrained",
               flags.output);
  return kExitOk;
}

}  // namespace

CommandMain AttachPredict(CLI::App& parent) {
  auto flags = std::make_shared<PredictFlags>();
  CLI::App* cmd = parent.add_subcommand(
      "predict",
      "Answer a dataset's requests with a trained model (.plm) and write the "
      "predictions protolm eval scores");
  cmd->add_option("--model", flags->model, "Model file (.plm)")->required();
  cmd->add_option("--dataset", flags->dataset, "Dataset (JSONL) to answer")
      ->required();
  cmd->add_option("-o,--output", flags->output,
                  "Predictions JSONL (- = stdout)")
      ->required();
  cmd->add_option("--mode", flags->mode,
                  "isolated: each request on its own (LLMPot's protocol); "
                  "replay: the dataset in order through one clone with state")
      ->check(CLI::IsMember({"isolated", "replay"}))
      ->capture_default_str();
  cmd->add_flag("--unconstrained", flags->unconstrained,
                "Decode without the protocol's response grammar");
  cmd->add_flag("--no-state", flags->no_state,
                "replay: without the state overlay");
  return [flags] { return RunPredict(*flags); };
}

}  // namespace protolm::cli
