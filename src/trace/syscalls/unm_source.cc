// UNM `PID NUMBER` lines → one trace of numbered system calls per PID (see
// unm_source.h).
#include "trace/syscalls/unm_source.h"

#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "trace/warning_limiter.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {
namespace {

struct UnmLine {
  int64_t pid = 0;
  int64_t number = 0;
};

std::optional<UnmLine> ParseUnmLine(std::string_view line) {
  std::vector<std::string_view> words = SplitWhitespace(line);
  if (words.size() != 2) return std::nullopt;
  std::optional<int64_t> pid = ParseInt64(words[0]);
  std::optional<int64_t> number = ParseInt64(words[1]);
  if (!pid || !number) return std::nullopt;
  return UnmLine{*pid, *number};
}

}  // namespace

UnmSource::UnmSource(std::string path, SyscallListOptions options)
    : path_(std::move(path)), options_(options) {}

Status UnmSource::Run(TraceSink& sink) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return IoError(path_ + ": cannot open for reading");
  return Read(in, path_, sink);
}

Status UnmSource::Read(std::istream& in, const std::string& name,
                       TraceSink& sink) {
  WarningLimiter warnings(name, sink);
  std::deque<TraceInfo> traces;  // in order of start; stable references
  std::map<int64_t, const TraceInfo*> by_pid;
  TraceEvent event;
  LineReader lines(in);
  std::string_view line;
  for (LineReader::Outcome outcome; (outcome = lines.Next(line)) !=
                                    LineReader::Outcome::kEnd;) {
    if (outcome == LineReader::Outcome::kTooLong) {
      warnings.WarnLineTooLong(lines.line_number());
      continue;
    }
    if (SplitWhitespace(line).empty()) continue;
    std::optional<UnmLine> call = ParseUnmLine(line);
    if (!call) {
      std::string what = "not a 'PID NUMBER' line";
      if (traces.empty()) {
        return Malformed(name + ":" + std::to_string(lines.line_number()) +
                         ": " + what + "; not UNM system-call data");
      }
      warnings.Warn(lines.line_number(), what + "; skipped");
      continue;
    }
    auto it = by_pid.find(call->pid);
    if (it == by_pid.end()) {
      TraceInfo& trace = traces.emplace_back();
      trace.id = std::to_string(call->pid);
      trace.number = traces.size();
      trace.first_record = lines.line_number();
      it = by_pid.emplace(call->pid, &trace).first;
      sink.OnTraceStart(trace);
    }
    FillSyscallNumberEvent(call->number, ProcessActor{call->pid, std::nullopt},
                           options_, event);
    sink.OnEvent(*it->second, event);
  }
  warnings.Finish();
  for (const TraceInfo& trace : traces) sink.OnTraceEnd(trace);
  return Status::Ok();
}

}  // namespace protolm
