// `protolm spec headers FILE [--json | --emit c] [--only TEXT]`: the header
// diagrams of an RFC as field layouts (a table, JSON) or as C structs with
// bounds-checked parse and serialize functions. Flags only; the work is in
// spec/rfc (ReadRfc, header_report, c_header_emitter).
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "spec/rfc/c_header_emitter.h"
#include "spec/rfc/header_report.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::cli {
namespace {

struct SpecHeadersOptions {
  std::string file;
  bool json = false;
  std::string emit;
  std::string only;
};

int RunSpecHeaders(const SpecHeadersOptions& opts) {
  std::ifstream in(opts.file, std::ios::binary);
  if (!in) {
    spdlog::error("cannot open {}; check the path and permissions", opts.file);
    return kExitFailure;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    spdlog::error("cannot read {}", opts.file);
    return kExitFailure;
  }
  Result<spec::RfcDocument> doc = spec::ReadRfc(text.str(), opts.file);
  if (!doc.ok()) {
    spdlog::error("{}", doc.status().message());
    return kExitFailure;
  }
  for (const std::string& w : doc->warnings) {
    spdlog::warn("{}: {}", opts.file, w);
  }
  std::vector<spec::HeaderDiagram> diagrams =
      spec::SelectDiagrams(doc->diagrams, opts.only);
  if (diagrams.empty()) {
    spdlog::error(
        "{}: {} (a diagram needs +-+ borders and a bit ruler or octet boxes)",
        opts.file,
        opts.only.empty() ? "no header diagram found"
                          : "no header diagram matches --only " + opts.only);
    return kExitFailure;
  }
  if (opts.json) {
    std::cout << spec::DiagramsToJson(diagrams).dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else if (opts.emit == "c") {
    spec::CEmission c = spec::EmitC(diagrams, opts.file);
    for (const std::string& s : c.skipped) {
      spdlog::warn("{}: skipped {}", opts.file, s);
    }
    std::cout << c.code;
  } else {
    std::cout << spec::RenderDiagrams(diagrams);
  }
  return kExitOk;
}

}  // namespace

CommandMain AttachSpecHeaders(CLI::App& spec) {
  auto opts = std::make_shared<SpecHeadersOptions>();
  CLI::App* cmd = spec.add_subcommand(
      "headers",
      "Read the packet header diagrams of an RFC into field layouts");
  cmd->add_option("FILE", opts->file, "RFC in plain text (e.g. rfc792.txt)")
      ->required();
  CLI::Option* json =
      cmd->add_flag("--json", opts->json, "print the layouts as a JSON array");
  cmd->add_option("--emit", opts->emit,
                  "emit code instead: 'c' for C structs with parse/serialize")
      ->check(CLI::IsMember({"c"}))
      ->excludes(json);
  cmd->add_option("--only", opts->only,
                  "keep diagrams whose title or section contains TEXT, or of "
                  "protocol TEXT");
  return [opts]() { return RunSpecHeaders(*opts); };
}

}  // namespace protolm::cli
