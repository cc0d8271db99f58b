// Key sequences → one trace per line (see sequence_source.h).
#include "trace/logs/sequence_source.h"

#include <fstream>

#include "trace/warning_limiter.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {

SequenceSource::SequenceSource(std::string path, SequenceSourceOptions options)
    : path_(std::move(path)), options_(options) {}

Status SequenceSource::Run(TraceSink& sink) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return IoError(path_ + ": cannot open for reading");
  return Read(in, path_, sink);
}

Status SequenceSource::Read(std::istream& in, const std::string& name,
                            TraceSink& sink) {
  WarningLimiter warnings(name, sink);
  uint64_t started = 0;
  TraceEvent event;
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
      if (started == 0) return NotText(name, number);
      warnings.Warn(number, "control bytes (binary data?); line skipped");
      continue;
    }
    std::vector<std::string_view> keys = SplitWhitespace(line);
    if (keys.empty()) continue;
    TraceInfo trace;
    trace.id = std::to_string(number);
    trace.number = ++started;
    trace.first_record = number;
    sink.OnTraceStart(trace);
    for (std::string_view key : keys) {
      event.time_us.reset();
      event.actor = std::monostate();
      event.bytes.clear();
      event.pdu.reset();
      event.fields.assign(1, EventField{"key", std::string(key)});
      event.token.clear();
      if (options_.token_depth) event.token = key;
      sink.OnEvent(trace, event);
    }
    sink.OnTraceEnd(trace);
  }
  warnings.Finish();
  return Status::Ok();
}

}  // namespace protolm
