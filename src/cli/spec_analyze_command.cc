// `protolm spec analyze FILE [--protocol NAME] [--section ID]... [--json |
// --summary] [--lexicon FILE] [--terms FILE] [-o FILE]`: every sentence of an
// RFC parsed into logical forms, winnowed and given a status (ok, ambiguous,
// unparsed, non-actionable, underspecified). Prints a Markdown report by
// default, the per-sentence JSON array with --json, or the summary numbers
// (statuses, parse rate, winnowing table) as JSON with --summary. Flags only;
// the work is in spec/analysis.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/spec_inputs.h"
#include "spec/analysis/analysis_json.h"
#include "spec/analysis/analysis_markdown.h"
#include "spec/analysis/spec_analyzer.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::cli {
namespace {

struct SpecAnalyzeOptions {
  SpecInputFlags inputs;
  std::string protocol;
  std::vector<std::string> sections;
  bool json = false;
  bool summary = false;
  std::string output;
};

int RunSpecAnalyze(const SpecAnalyzeOptions& opts) {
  Result<SpecInputs> inputs = LoadSpecInputs(opts.inputs);
  if (!inputs.ok()) {
    spdlog::error("{}", inputs.status().message());
    return kExitFailure;
  }
  spec::AnalysisOptions options;
  options.protocol = opts.protocol;
  options.sections = opts.sections;
  spec::AnalysisReport report =
      inputs->analyzer.Analyze(inputs->document, options);
  if (report.sentences.empty()) {
    spdlog::error(
        "no sentence of {} matches --protocol/--section; check their spelling",
        opts.inputs.rfc);
    return kExitFailure;
  }
  std::string text;
  if (opts.json) {
    text = spec::SentencesToJson(report).dump(2) + "\n";
  } else if (opts.summary) {
    text = spec::SummaryToJson(report).dump(2) + "\n";
  } else {
    text = spec::AnalysisToMarkdown(report);
  }
  if (opts.output.empty() || opts.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(opts.output, std::ios::binary);
  out << text;
  if (!out) {
    spdlog::error("cannot write {}; check the directory exists and is writable",
                  opts.output);
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachSpecAnalyze(CLI::App& spec) {
  auto opts = std::make_shared<SpecAnalyzeOptions>();
  CLI::App* cmd = spec.add_subcommand("analyze",
                                      "Parse every sentence of an RFC into "
                                      "logical forms and flag the ambiguous, "
                                      "unparsed and underspecified ones");
  cmd->add_option("--protocol", opts->protocol,
                  "Only sentences about this protocol (e.g. ICMP)");
  cmd->add_option("--section", opts->sections,
                  "Only this section and its subsections (repeatable), e.g. "
                  "\"Appendix I\" or 4.1");
  auto* json =
      cmd->add_flag("--json", opts->json,
                    "Print one JSON object per sentence (section, text, "
                    "status, lf_counts, logical_forms, ...)");
  cmd->add_flag("--summary", opts->summary,
                "Print the statuses, parse rate and winnowing table as JSON")
      ->excludes(json);
  AddSpecInputFlags(*cmd, "RFC in plain text", opts->inputs);
  cmd->add_option("-o,--output", opts->output,
                  "Write the report here (default stdout)");
  return [opts] { return RunSpecAnalyze(*opts); };
}

}  // namespace protolm::cli
