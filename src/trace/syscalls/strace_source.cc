// strace output → one trace of calls per process (see strace_source.h).
#include "trace/syscalls/strace_source.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "trace/syscalls/strace_abstraction.h"
#include "trace/syscalls/strace_call.h"
#include "trace/syscalls/strace_line.h"
#include "trace/warning_limiter.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {
namespace {

/// The PID at the end of an -ff file's name ("out.6201"), if any.
std::optional<int64_t> PidSuffix(const std::string& name) {
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::optional<int64_t> pid = ParseInt64(std::string_view(name).substr(dot + 1));
  if (!pid || *pid <= 0) return std::nullopt;
  return pid;
}

bool IsThreadClone(std::string_view name, std::string_view text) {
  return (name == "clone" || name == "clone3") &&
         text.find("CLONE_THREAD") != std::string_view::npos;
}

/// Groups strace lines into per-process traces for a TraceSink.
class StraceTraces {
 public:
  StraceTraces(const std::string& name, const StraceSourceOptions& options,
               TraceSink& sink)
      : options_(options), sink_(sink), warnings_(name, sink) {
    std::optional<int64_t> pid = PidSuffix(name);
    default_pid_ = pid.value_or(0);
    default_id_ = pid ? std::to_string(*pid) : name;
  }

  /// One parsed line, number `line_number`.
  void Visit(const StraceLine& line, uint64_t line_number) {
    using Kind = StraceLine::Kind;
    int64_t tid = line.pid.value_or(default_pid_);
    switch (line.kind) {
      case Kind::kNote:
        return;
      case Kind::kCall:
        Emit(tid, line.time_us, std::string(line.text), line_number);
        return;
      case Kind::kUnfinished:
        Start(tid, line.name, line.text, line.time_us, line_number);
        return;
      case Kind::kResumed:
        Resume(tid, line, line_number);
        return;
      case Kind::kSignal:
        EmitSignal(tid, line.name, line.time_us, line_number);
        return;
      case Kind::kExit:
        Exit(tid);
        return;
    }
  }

  WarningLimiter& warnings() { return warnings_; }

  /// Ends what is still open, in the order the traces started.
  void Finish() {
    std::vector<int64_t> waiting;
    for (const auto& [tid, pending] : pending_) waiting.push_back(tid);
    for (int64_t tid : waiting) FlushPending(tid);
    std::vector<const OpenTrace*> open;
    for (const auto& [key, trace] : traces_) open.push_back(trace.get());
    std::sort(open.begin(), open.end(), [](const OpenTrace* a, const OpenTrace* b) {
      return a->info.number < b->info.number;
    });
    warnings_.Finish();
    for (const OpenTrace* trace : open) sink_.OnTraceEnd(trace->info);
  }

 private:
  struct OpenTrace {
    TraceInfo info;
    std::set<int64_t> live_tids;
  };
  struct Pending {
    std::string text;  // `name(args so far`
    std::optional<int64_t> time_us;
    uint64_t line_number = 0;
  };

  bool grouped() const {
    return options_.grouping == StraceGrouping::kThreadGroup;
  }

  /// The trace `tid` belongs to, started when it is the first line of it.
  OpenTrace& TraceOf(int64_t tid, uint64_t line_number) {
    auto group = group_of_.find(tid);
    if (group == group_of_.end()) {
      int64_t leader = tid;
      if (grouped() && !thread_clones_.empty()) {
        auto creator = group_of_.find(thread_clones_.back());
        if (creator != group_of_.end()) leader = creator->second;
      }
      group = group_of_.emplace(tid, leader).first;
    }
    std::unique_ptr<OpenTrace>& trace = traces_[group->second];
    if (!trace) {
      trace = std::make_unique<OpenTrace>();
      trace->info.id = tid == default_pid_ && group->second == tid
                           ? default_id_
                           : std::to_string(group->second);
      trace->info.number = ++traces_started_;
      trace->info.first_record = line_number;
      sink_.OnTraceStart(trace->info);
    }
    trace->live_tids.insert(tid);
    return *trace;
  }

  void Start(int64_t tid, std::string_view name, std::string_view text,
             std::optional<int64_t> time_us, uint64_t line_number) {
    TraceOf(tid, line_number);
    if (pending_.count(tid)) FlushPending(tid);
    pending_[tid] = Pending{std::string(text), time_us, line_number};
    if (IsThreadClone(name, text)) thread_clones_.push_back(tid);
  }

  void Resume(int64_t tid, const StraceLine& line, uint64_t line_number) {
    auto it = pending_.find(tid);
    if (it == pending_.end()) {
      warnings_.Warn(line_number, std::string("'").append(line.name.substr(0, 40)) +
                            " resumed' with no unfinished start; its "
                            "arguments before the cut are lost");
      it = pending_.emplace(tid, Pending{std::string(line.name) + "(",
                                         line.time_us, line_number})
               .first;
    }
    it->second.text += line.text;
    if (line.still_unfinished) return;
    Pending pending = std::move(it->second);
    pending_.erase(it);
    ForgetThreadClone(tid);
    Emit(tid, pending.time_us, std::move(pending.text), line_number);
  }

  /// An unfinished call that will never resume, as a call returning "?".
  void FlushPending(int64_t tid) {
    auto it = pending_.find(tid);
    if (it == pending_.end()) return;
    Pending pending = std::move(it->second);
    pending_.erase(it);
    ForgetThreadClone(tid);
    Emit(tid, pending.time_us, pending.text + ") = ?", pending.line_number);
  }

  void ForgetThreadClone(int64_t tid) {
    std::erase(thread_clones_, tid);
  }

  void Emit(int64_t tid, std::optional<int64_t> time_us, std::string text,
            uint64_t line_number) {
    Result<StraceCall> call = ParseStraceCall(text);
    if (!call.ok()) {
      warnings_.Warn(line_number, call.status().message());
      return;
    }
    OpenTrace& trace = TraceOf(tid, line_number);
    FillCommon(tid, time_us);
    event_.fields.push_back({"syscall", std::string(call->name)});
    event_.fields.push_back({"args", AbstractArguments(*call)});
    event_.fields.push_back({"ret", std::string(call->ret)});
    event_.fields.push_back({"result", ResultOf(*call)});
    if (options_.token_depth) {
      event_.token = *options_.token_depth == 0 ? std::string(call->name)
                                                : AbstractCall(*call);
    }
    sink_.OnEvent(trace.info, event_);
    NoteThreadCreated(tid, *call, text);
  }

  void EmitSignal(int64_t tid, std::string_view signal,
                  std::optional<int64_t> time_us, uint64_t line_number) {
    OpenTrace& trace = TraceOf(tid, line_number);
    FillCommon(tid, time_us);
    event_.fields.push_back({"signal", std::string(signal)});
    if (options_.token_depth) event_.token = "signal:" + std::string(signal);
    sink_.OnEvent(trace.info, event_);
  }

  void FillCommon(int64_t tid, std::optional<int64_t> time_us) {
    event_.time_us = time_us;
    int64_t leader = group_of_.at(tid);
    event_.actor = grouped() ? ProcessActor{leader, tid}
                             : ProcessActor{tid, std::nullopt};
    event_.bytes.clear();
    event_.pdu.reset();
    event_.fields.clear();
    event_.token.clear();
  }

  /// A CLONE_THREAD clone() that returned the new thread's id: the thread
  /// joins its creator's group.
  void NoteThreadCreated(int64_t tid, const StraceCall& call,
                         std::string_view text) {
    if (!grouped() || !IsThreadClone(call.name, text)) return;
    std::optional<int64_t> child = ParseInt64(call.ret);
    if (!child || *child <= 0 || group_of_.count(*child)) return;
    group_of_[*child] = group_of_.at(tid);
  }

  /// `+++ exited +++`: the thread is gone; its trace ends with its last one.
  void Exit(int64_t tid) {
    FlushPending(tid);
    auto group = group_of_.find(tid);
    if (group == group_of_.end()) return;  // exited before any call we saw
    auto trace = traces_.find(group->second);
    group_of_.erase(group);
    if (trace == traces_.end()) return;
    trace->second->live_tids.erase(tid);
    if (!trace->second->live_tids.empty()) return;
    sink_.OnTraceEnd(trace->second->info);
    traces_.erase(trace);
  }

  const StraceSourceOptions& options_;
  TraceSink& sink_;
  WarningLimiter warnings_;
  int64_t default_pid_ = 0;
  std::string default_id_;
  uint64_t traces_started_ = 0;
  std::map<int64_t, int64_t> group_of_;  // live tid → its trace's leader
  std::map<int64_t, std::unique_ptr<OpenTrace>> traces_;  // by leader
  std::map<int64_t, Pending> pending_;   // by tid
  std::vector<int64_t> thread_clones_;   // tids in an unfinished thread clone
  TraceEvent event_;
};

}  // namespace

StraceSource::StraceSource(std::string path, StraceSourceOptions options)
    : path_(std::move(path)), options_(options) {}

Status StraceSource::Run(TraceSink& sink) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return IoError(path_ + ": cannot open for reading");
  return Read(in, path_, sink);
}

Status StraceSource::Read(std::istream& in, const std::string& name,
                          TraceSink& sink) {
  StraceTraces traces(name, options_, sink);
  bool seen_strace = false;
  LineReader lines(in);
  std::string_view text;
  for (LineReader::Outcome outcome;
       (outcome = lines.Next(text)) != LineReader::Outcome::kEnd;) {
    if (outcome == LineReader::Outcome::kTooLong) {
      traces.warnings().WarnLineTooLong(lines.line_number());
      continue;
    }
    if (SplitWhitespace(text).empty()) continue;
    Result<StraceLine> line = ParseStraceLine(text);
    if (!line.ok() && !seen_strace) {
      traces.Finish();
      return line.status().WithContext(
          name + ":" + std::to_string(lines.line_number()) +
          ": not strace output");
    }
    if (!line.ok()) {
      traces.warnings().Warn(lines.line_number(), line.status().message());
      continue;
    }
    seen_strace = true;
    traces.Visit(*line, lines.line_number());
  }
  traces.Finish();
  return Status::Ok();
}

}  // namespace protolm
