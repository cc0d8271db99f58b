// `protolm spec codegen FILE [--protocol NAME] -o DIR [--section ID]...
// [--force] [--lexicon FILE] [--terms FILE]`: C code generated from the
// logical forms of an RFC's sentences, with a Makefile, the static runtime
// and SENTENCES.md (which sentence each statement came from). Refuses,
// listing them, while an actionable sentence is not ok, unless --force.
// Flags only; the work is in spec/codegen.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/spec_inputs.h"
#include "spec/analysis/spec_analyzer.h"
#include "spec/codegen/spec_codegen.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::cli {
namespace {

struct SpecCodegenOptions {
  SpecInputFlags inputs;
  std::string protocol;
  std::string output;
  std::vector<std::string> sections;
  bool force = false;
};

int RunSpecCodegen(const SpecCodegenOptions& opts) {
  Result<SpecInputs> inputs = LoadSpecInputs(opts.inputs);
  if (!inputs.ok()) {
    spdlog::error("{}", inputs.status().message());
    return kExitFailure;
  }
  // Every sentence counts: the IP fields an ICMP message describes carry
  // protocol IP in their context. --protocol picks the messages.
  spec::AnalysisOptions analysis_options;
  analysis_options.sections = opts.sections;
  spec::AnalysisReport report =
      inputs->analyzer.Analyze(inputs->document, analysis_options);
  spec::codegen::CodegenOptions options;
  options.protocol = opts.protocol;
  options.force = opts.force;
  Result<spec::codegen::CodegenResult> result =
      spec::codegen::GenerateCode(inputs->document, report, options);
  if (!result.ok()) {
    // The sentences to revise belong to the error: one message, one per line.
    std::string message = result.status().message();
    if (!opts.force) {
      for (const std::string& line : spec::codegen::NotOkSentences(report)) {
        message += "\n  " + line;
      }
    }
    spdlog::error("{}", message);
    return kExitFailure;
  }
  Status written = spec::codegen::WriteGeneratedFiles(*result, opts.output);
  if (!written.ok()) {
    spdlog::error("{}", written.message());
    return kExitFailure;
  }
  size_t with_code = 0, without = 0;
  for (const spec::codegen::SentenceTrace& t : result->traces) {
    if (!t.functions.empty()) {
      ++with_code;
    } else if (t.status != "non-actionable") {
      ++without;
    }
  }
  std::cout << "wrote " << result->files.size() << " files to " << opts.output
            << ": " << result->functions.size() << " functions for "
            << result->messages.size() << " messages from " << with_code
            << " sentences; " << without
            << " actionable sentences gave no code (" << opts.output
            << "/SENTENCES.md says why); build with make -C " << opts.output
            << "\n";
  return kExitOk;
}

}  // namespace

CommandMain AttachSpecCodegen(CLI::App& spec) {
  auto opts = std::make_shared<SpecCodegenOptions>();
  CLI::App* cmd =
      spec.add_subcommand("codegen",
                          "Generate C code for a protocol's messages from the "
                          "logical forms of its RFC");
  cmd->add_option("--protocol", opts->protocol,
                  "Protocol to generate (e.g. ICMP)");
  cmd->add_option("-o,--output", opts->output,
                  "Directory for the C sources and Makefile")
      ->required();
  cmd->add_option("--section", opts->sections,
                  "Only this section and its subsections (repeatable)");
  cmd->add_flag(
      "--force", opts->force,
      "Generate although some sentences are not ok (to watch tests fail)");
  AddSpecInputFlags(*cmd, "RFC in plain text, every actionable sentence ok",
                    opts->inputs);
  return [opts] { return RunSpecCodegen(*opts); };
}

}  // namespace protolm::cli
