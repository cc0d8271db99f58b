// Code generation from a specification: the analysed sentences of an RFC
// to C sources that implement its messages (SAGE, seeds/001 section 5).
//
// GenerateCode takes the RFC reader's document and the spec analysis report
// of the same text. It refuses while an actionable sentence is not `ok`
// (NotOkSentences lists them), unless `force` is set — the test-driven
// discovery loop generates code from the unrevised text on purpose to watch
// the tests fail. For every message with a header diagram it plans a sender
// and a receiver function (message_model.h), lowers each sentence's logical
// form into the functions its context names (lf_lowering.h), and writes:
//   <p>_headers.h     structs with bounds-checked parse/serialize (the
//                     header emitter of spec/rfc)
//   <p>_generated.h/.c constants, the generated functions, <p>_receive
//   SENTENCES.md      sentence -> code, sentences without code and why,
//                     non-actionable sentences skipped
//   Makefile          and the static runtime (runtime_files.h) with the
//                     programs that link against the code (for ICMP the
//                     icmp_node driver, icmp_samples and `make test`)
// where <p> is the protocol in lower case. Pure functions of their inputs;
// thread-safe.
#pragma once

#include <string>
#include <vector>

#include "spec/analysis/spec_analyzer.h"
#include "spec/codegen/message_model.h"
#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace protolm::spec::codegen {

struct CodegenOptions {
  std::string protocol;  // "ICMP"; "" = the document's protocol
  /// Generate although some actionable sentences are not ok: an
  /// underspecified sentence is read literally (no role: both), an
  /// ambiguous one by its first form, an unparsed one is left out.
  bool force = false;
};

/// What became of one sentence.
struct SentenceTrace {
  int line = 0;
  std::string section;
  std::string text;
  std::string status;                  // "ok", "non-actionable", ...
  std::string form;                    // the logical form used ("" if none)
  std::vector<std::string> functions;  // functions it wrote code into
  std::string why;                     // no code: why
};

struct GeneratedFile {
  std::string name;  // relative to the output directory
  std::string content;
  bool executable = false;
};

struct CodegenResult {
  std::vector<GeneratedFile> files;
  std::vector<MessageModel> messages;
  std::vector<FunctionModel> functions;
  std::vector<SentenceTrace> traces;
};

/// The actionable sentences whose status is not ok, as
/// "line N: [status] text (reason)".
std::vector<std::string> NotOkSentences(const AnalysisReport& report);

/// Generates the sources. Errors: InvalidArgument when actionable sentences
/// are not ok (and !force) or when the document has no message diagram for
/// the protocol.
Result<CodegenResult> GenerateCode(const RfcDocument& doc,
                                   const AnalysisReport& report,
                                   const CodegenOptions& options);

/// Writes the files into `dir` (created if missing). Errors: IoError naming
/// the file that could not be written.
Status WriteGeneratedFiles(const CodegenResult& result, const std::string& dir);

}  // namespace protolm::spec::codegen
