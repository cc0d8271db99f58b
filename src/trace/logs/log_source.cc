// Log lines → templated events in session or window traces (see
// log_source.h).
#include "trace/logs/log_source.h"

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <regex>
#include <vector>

#include "trace/logs/log_masks.h"
#include "trace/warning_limiter.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {
namespace {

constexpr size_t kMaxSessionScanBytes = 4096;

/// Which traces each line belongs to: sessions by expression, or windows.
class LineTraces {
 public:
  LineTraces(const std::string& name, std::optional<std::regex> session,
             size_t window_lines, TraceSink& sink)
      : name_(name), session_(std::move(session)),
        window_lines_(window_lines), sink_(sink) {}

  /// The traces of line `number`, started as needed.
  std::vector<const TraceInfo*> Of(std::string_view line, uint64_t number) {
    if (!session_) return {&Window(number)};
    std::vector<const TraceInfo*> traces;
    std::string_view scanned = line.substr(0, kMaxSessionScanBytes);
    using Iterator = std::regex_iterator<std::string_view::const_iterator>;
    for (Iterator it(scanned.begin(), scanned.end(), *session_), end;
         it != end; ++it) {
      const auto& match = *it;
      bool use_group = match.size() > 1 && match[1].matched;
      std::string key = use_group ? match[1].str() : match[0].str();
      const TraceInfo* trace = &Session(key, number);
      if (std::find(traces.begin(), traces.end(), trace) == traces.end())
        traces.push_back(trace);
    }
    if (traces.empty()) ++lines_without_session_;
    return traces;
  }

  /// Ends a full window after its last event.
  void AfterLine() {
    if (session_ || traces_.empty() || lines_in_window_ < window_lines_) return;
    sink_.OnTraceEnd(traces_.back());
    traces_.clear();
  }

  void EndAll() {
    if (lines_without_session_ > 0) {
      sink_.OnWarning(Malformed(name_ + ": " +
                                std::to_string(lines_without_session_) +
                                " lines named no session; left out"));
    }
    for (const TraceInfo& trace : traces_) sink_.OnTraceEnd(trace);
  }

 private:
  const TraceInfo& Start(std::string id, uint64_t number) {
    TraceInfo& trace = traces_.emplace_back();
    trace.id = std::move(id);
    trace.number = ++started_;
    trace.first_record = number;
    sink_.OnTraceStart(trace);
    return trace;
  }

  const TraceInfo& Window(uint64_t number) {
    if (traces_.empty()) {
      lines_in_window_ = 0;
      Start(name_ + ":" + std::to_string(number), number);
    }
    ++lines_in_window_;
    return traces_.back();
  }

  const TraceInfo& Session(const std::string& key, uint64_t number) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return *it->second;
    const TraceInfo& trace = Start(key, number);
    by_key_.emplace(key, &trace);
    return trace;
  }

  const std::string& name_;
  std::optional<std::regex> session_;
  size_t window_lines_;
  TraceSink& sink_;
  std::deque<TraceInfo> traces_;  // open traces in order of start
  std::map<std::string, const TraceInfo*> by_key_;
  uint64_t started_ = 0;
  size_t lines_in_window_ = 0;
  uint64_t lines_without_session_ = 0;
};

}  // namespace

LogSource::LogSource(std::string path, LogTemplateMiner& miner,
                     LogSourceOptions options)
    : path_(std::move(path)), miner_(miner), options_(std::move(options)) {}

Status LogSource::Run(TraceSink& sink) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return IoError(path_ + ": cannot open for reading");
  return Read(in, path_, sink);
}

Status LogSource::Read(std::istream& in, const std::string& name,
                       TraceSink& sink) {
  std::optional<std::regex> session;
  if (options_.session_regex) {
    try {
      session.emplace(*options_.session_regex,
                      std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& error) {
      return InvalidArgument("session expression '" + *options_.session_regex +
                             "': " + error.what());
    }
  }
  if (!session && options_.window_lines == 0)
    return InvalidArgument("a window of 0 lines");
  LineTraces traces(name, std::move(session), options_.window_lines, sink);
  WarningLimiter warnings(name, sink);
  std::vector<EventField> fields;
  std::string token;
  TraceEvent event;
  bool read_text = false;
  LineReader lines(in);
  std::string_view line;
  for (LineReader::Outcome outcome;
       (outcome = lines.Next(line)) != LineReader::Outcome::kEnd;) {
    uint64_t number = lines.line_number();
    if (outcome == LineReader::Outcome::kTooLong) {
      warnings.WarnLineTooLong(number);
      continue;
    }
    if (HasControlBytes(line)) {
      if (!read_text) return NotText(name, number);
      warnings.Warn(number, "control bytes (binary data?); line skipped");
      continue;
    }
    if (SplitWhitespace(line).empty()) continue;
    read_text = true;
    fields.clear();
    std::string_view message = line;
    if (options_.header) {
      std::optional<std::string_view> stripped =
          options_.header->Strip(line, fields);
      if (stripped) message = *stripped;
      else warnings.Warn(number, "no header; the whole line read as the message");
    }
    LogMatch match = options_.learn ? miner_.Learn(message) : miner_.Match(message);
    fields.push_back({"template", std::to_string(match.template_id)});
    for (size_t i = 0; i < match.parameters.size(); ++i)
      fields.push_back(
          {std::string("p").append(std::to_string(i + 1)), match.parameters[i]});
    token.clear();
    if (options_.token_depth && *options_.token_depth == 0) {
      token = std::string("E").append(std::to_string(match.template_id));
    } else if (options_.token_depth) {
      const LogTemplate* found = miner_.Find(match.template_id);
      token = found != nullptr ? found->Text() : MaskLogMessage(message);
    }
    for (const TraceInfo* trace : traces.Of(line, number)) {
      event.time_us.reset();
      event.actor = std::monostate();
      event.bytes.clear();
      event.pdu.reset();
      event.fields = fields;
      event.token = token;
      sink.OnEvent(*trace, event);
    }
    traces.AfterLine();
  }
  warnings.Finish();
  traces.EndAll();
  return Status::Ok();
}

}  // namespace protolm
