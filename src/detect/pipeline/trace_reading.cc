// ReadTraces: see trace_reading.h.
#include "detect/pipeline/trace_reading.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "ingest/capture_source.h"
#include "trace/logs/log_source.h"
#include "trace/logs/log_template_miner.h"
#include "trace/logs/sequence_source.h"
#include "trace/syscalls/adfa_source.h"
#include "trace/syscalls/strace_source.h"
#include "trace/syscalls/unm_source.h"

namespace protolm::detect {

namespace {

namespace fs = std::filesystem;

// A file whose first non-blank line (within its first 4 KiB) has exactly
// two words is UNM's `PID NUMBER`; anything else is read as ADFA-LD.
bool LooksLikeUnm(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  std::istringstream lines(head);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    size_t count = 0;
    for (std::string word; words >> word;) ++count;
    if (count > 0) return count == 2;
  }
  return false;
}

SyscallListOptions ListOptions(const SourceSettings& s) {
  SyscallListOptions options;
  options.token_depth = s.EffectiveDepth();
  if (s.syscall_arch) options.arch = ParseSyscallArch(*s.syscall_arch);
  return options;
}

Result<std::unique_ptr<TraceSource>> SyscallSource(const SourceSettings& s,
                                                   const std::string& path) {
  SyscallListOptions options = ListOptions(s);
  std::error_code error;
  if (!fs::is_directory(path, error) && LooksLikeUnm(path)) {
    return std::unique_ptr<TraceSource>(
        std::make_unique<UnmSource>(path, options));
  }
  return std::unique_ptr<TraceSource>(
      std::make_unique<AdfaSource>(path, options));
}

Result<LogSourceOptions> LogOptions(const SourceSettings& s, bool learn) {
  LogSourceOptions options;
  options.token_depth = s.EffectiveDepth();
  options.session_regex = s.session;
  options.learn = learn;
  if (s.header) {
    auto preset = LogHeader::Preset(*s.header);
    if (preset.ok()) {
      options.header = std::move(preset).value();
    } else {
      ASSIGN_OR_RETURN(options.header, LogHeader::FromRegex(*s.header));
    }
  }
  return options;
}

// The source of one input; `miner` is used by log sources only,
// `key_logs` by captures only.
Result<std::unique_ptr<TraceSource>> MakeSource(
    const SourceSettings& s, const std::string& path, LogTemplateMiner& miner,
    bool learn, const std::shared_ptr<const KeyLogs>& key_logs) {
  const int depth = s.EffectiveDepth();
  switch (s.kind) {
    case SourceKind::kPcap:
      return std::unique_ptr<TraceSource>(std::make_unique<CaptureSource>(
          path, CaptureSourceOptions{.protocol = s.protocol,
                                     .token_depth = depth,
                                     .key_logs = key_logs,
                                     .on_progress = {}}));
    case SourceKind::kSyscalls:
      return SyscallSource(s, path);
    case SourceKind::kStrace:
      return std::unique_ptr<TraceSource>(std::make_unique<StraceSource>(
          path, StraceSourceOptions{.token_depth = depth}));
    case SourceKind::kLog: {
      ASSIGN_OR_RETURN(LogSourceOptions options, LogOptions(s, learn));
      return std::unique_ptr<TraceSource>(
          std::make_unique<LogSource>(path, miner, std::move(options)));
    }
    case SourceKind::kSequences:
      return std::unique_ptr<TraceSource>(std::make_unique<SequenceSource>(
          path, SequenceSourceOptions{.token_depth = depth}));
  }
  return Internal("unknown source kind");
}

// The template miner the settings store (an empty one when none is).
Result<LogTemplateMiner> StoredMiner(const SourceSettings& settings) {
  if (settings.kind != SourceKind::kLog || settings.miner.is_null()) {
    return LogTemplateMiner();
  }
  auto stored = LogTemplateMiner::FromJson(settings.miner);
  if (!stored.ok()) return stored.status().WithContext("template miner");
  return stored;
}

// A sink that only lets the log source learn: the first pass of training.
class DiscardSink final : public TraceSink {
 public:
  void OnEvent(const TraceInfo&, TraceEvent&) override {}
};

}  // namespace

std::string QualifiedTraceId(const std::string& id, const std::string& input) {
  const bool number =
      !id.empty() && std::all_of(id.begin(), id.end(),
                                 [](char c) { return c >= '0' && c <= '9'; });
  if (!number) return id;
  return fs::path(input).filename().string() + ":" + id;
}

Result<std::vector<TraceSequence>> ReadTraces(
    SourceSettings& settings, std::span<const std::string> inputs,
    const ReadOptions& options) {
  RETURN_IF_ERROR(settings.Check());
  if (options.key_logs != nullptr && settings.kind != SourceKind::kPcap) {
    return InvalidArgument("--keylog decrypts captures; these inputs are " +
                           std::string(SourceKindName(settings.kind)));
  }
  ASSIGN_OR_RETURN(LogTemplateMiner miner, StoredMiner(settings));
  if (settings.kind == SourceKind::kLog && options.learn) {
    for (const std::string& path : inputs) {
      ASSIGN_OR_RETURN(auto source,
                       MakeSource(settings, path, miner, true, nullptr));
      DiscardSink discard;
      RETURN_IF_ERROR(source->Run(discard));
    }
    settings.miner = miner.ToJson();
  }
  std::vector<TraceSequence> traces;
  uint64_t events = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string& path = inputs[i];
    ASSIGN_OR_RETURN(auto source, MakeSource(settings, path, miner, false,
                                             options.key_logs));
    TraceCollector collector(options.keep_fields);
    RETURN_IF_ERROR(source->Run(collector));
    if (options.on_warning) {
      for (const Status& warning : collector.warnings()) {
        options.on_warning(warning);
      }
    }
    for (TraceSequence& trace : collector.TakeTraces()) {
      trace.id = QualifiedTraceId(trace.id, path);
      events += trace.tokens.size();
      traces.push_back(std::move(trace));
    }
    if (options.on_input_done) options.on_input_done(i + 1, events);
  }
  return traces;
}

Status ReadStream(const SourceSettings& settings, std::istream& in,
                  const std::string& name, TraceSink& sink) {
  RETURN_IF_ERROR(settings.Check());
  const int depth = settings.EffectiveDepth();
  switch (settings.kind) {
    case SourceKind::kLog: {
      ASSIGN_OR_RETURN(LogTemplateMiner miner, StoredMiner(settings));
      ASSIGN_OR_RETURN(LogSourceOptions options, LogOptions(settings, false));
      return LogSource(name, miner, std::move(options)).Read(in, name, sink);
    }
    case SourceKind::kSequences:
      return SequenceSource(name, SequenceSourceOptions{.token_depth = depth})
          .Read(in, name, sink);
    case SourceKind::kStrace:
      return StraceSource(name, StraceSourceOptions{.token_depth = depth})
          .Read(in, name, sink);
    case SourceKind::kSyscalls:
      return UnmSource(name, ListOptions(settings)).Read(in, name, sink);
    case SourceKind::kPcap:
      return Unsupported(
          "a stream of text is read by the log, sequences, strace and "
          "syscalls sources; a capture is not text");
  }
  return Internal("unknown source kind");
}

}  // namespace protolm::detect
