// Test support shared by this folder's tests (header only, tests only):
// the RFC 792 texts, code generation into a directory, and building and
// running the generated icmp_samples.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "spec/analysis/spec_analyzer.h"
#include "spec/codegen/spec_codegen.h"
#include "spec/rfc/rfc_document.h"
#include "testing/file_contents.h"
#include "testing/run_program.h"

namespace protolm::spec::codegen::testing {

/// The revised RFC 792 that code is generated from (data/spec/).
inline std::string RevisedRfc792() {
  return protolm::testing::ReadFile(std::string(PROTOLM_SOURCE_DIR) +
                                    "/data/spec/rfc792-revised-codegen.txt");
}

/// RFC 792 as published (shared test data).
inline std::string PublishedRfc792() {
  return protolm::testing::ReadFile(std::string(PROTOLM_SHARED_DATA_DIR) +
                                    "/rfcs/rfc792.txt");
}

struct Generated {
  AnalysisReport report;
  Result<CodegenResult> result = Internal("not generated");
};

/// Reads and analyses `text` and generates its ICMP code.
inline Generated GenerateIcmp(const std::string& text, const std::string& name,
                              bool force = false) {
  Generated out;
  Result<RfcDocument> doc = ReadRfc(text, name);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  Result<SpecAnalyzer> analyzer = SpecAnalyzer::CreateDefault();
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().message();
  if (!doc.ok() || !analyzer.ok()) return out;
  out.report = analyzer->Analyze(*doc, AnalysisOptions{});
  CodegenOptions options;
  options.protocol = "ICMP";
  options.force = force;
  out.result = GenerateCode(*doc, out.report, options);
  return out;
}

/// Reads, analyses and generates data/spec/`file` for `protocol`.
inline Result<CodegenResult> GenerateFromDataFile(const std::string& file,
                                                  const std::string& protocol) {
  std::string text = protolm::testing::ReadFile(
      std::string(PROTOLM_SOURCE_DIR) + "/data/spec/" + file);
  Result<RfcDocument> doc = ReadRfc(text, file);
  if (!doc.ok()) return doc.status();
  Result<SpecAnalyzer> analyzer = SpecAnalyzer::CreateDefault();
  if (!analyzer.ok()) return analyzer.status();
  AnalysisReport report = analyzer->Analyze(*doc, AnalysisOptions{});
  CodegenOptions options;
  options.protocol = protocol;
  return GenerateCode(*doc, report, options);
}

/// Writes the files into `dir`, builds them with make (lib<p>.a), compiles
/// the C program `harness` against them and runs it with `dir`/out.pcap as
/// its argument: what it printed, or "" after a failure reported to gtest.
inline std::string RunHarness(const CodegenResult& result,
                              const std::string& dir,
                              const std::string& library,
                              const std::string& harness) {
  Status written = WriteGeneratedFiles(result, dir);
  EXPECT_TRUE(written.ok()) << written.message();
  protolm::testing::CommandResult make =
      protolm::testing::RunCommand({"make", "-s", "-C", dir});
  EXPECT_EQ(make.exit_code, 0) << make.out << make.err;
  protolm::testing::WriteFile(dir + "/harness.c", harness);
  protolm::testing::CommandResult cc = protolm::testing::RunCommand(
      {"cc", "-std=gnu99", "-Wall", "-Wextra", "-Werror", "-I", dir, "-o",
       dir + "/harness", dir + "/harness.c", dir + "/" + library});
  EXPECT_EQ(cc.exit_code, 0) << cc.err;
  if (make.exit_code != 0 || cc.exit_code != 0) return "";
  protolm::testing::CommandResult run =
      protolm::testing::RunCommand({dir + "/harness", dir + "/out.pcap"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.out;
}

/// The text of a generated file ("" if there is none).
inline std::string FileText(const CodegenResult& result,
                            const std::string& name) {
  for (const GeneratedFile& file : result.files) {
    if (file.name == name) return file.content;
  }
  return "";
}

/// Writes the files into `dir`, builds icmp_samples with make and runs it:
/// name -> datagram in hex, or empty after a failure reported to gtest.
inline std::map<std::string, std::string> RunSamples(
    const CodegenResult& result, const std::string& dir) {
  std::map<std::string, std::string> samples;
  Status written = WriteGeneratedFiles(result, dir);
  EXPECT_TRUE(written.ok()) << written.message();
  protolm::testing::CommandResult make =
      protolm::testing::RunCommand({"make", "-s", "-C", dir, "icmp_samples"});
  EXPECT_EQ(make.exit_code, 0) << make.out << make.err;
  if (make.exit_code != 0) return samples;
  protolm::testing::CommandResult run = protolm::testing::RunCommand(
      {dir + "/icmp_samples", dir + "/samples.pcap"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string name, hex;
  while (lines >> name >> hex) samples[name] = hex;
  return samples;
}

}  // namespace protolm::spec::codegen::testing
