// ADFA-LD files → one trace of numbered system calls each (see
// adfa_source.h).
#include "trace/syscalls/adfa_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>
#include <vector>

#include "trace/warning_limiter.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm {
namespace {

namespace fs = std::filesystem;

/// Every regular file under `dir`, sorted.
Result<std::vector<fs::path>> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  fs::recursive_directory_iterator it(
      dir, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error)) files.push_back(it->path());
  }
  if (error) return IoError(dir.string() + ": cannot list: " + error.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

AdfaSource::AdfaSource(std::string path, SyscallListOptions options)
    : path_(std::move(path)), options_(options) {}

Status AdfaSource::Run(TraceSink& sink) {
  std::error_code error;
  fs::file_status status = fs::status(path_, error);
  if (!fs::exists(status)) return NotFound(path_ + ": no such file or directory");
  if (!fs::is_directory(status)) {
    return ReadFile(path_, fs::path(path_).filename().string(), sink);
  }
  ASSIGN_OR_RETURN(std::vector<fs::path> files, FilesUnder(path_));
  for (const fs::path& file : files) {
    Status read =
        ReadFile(file.string(), file.lexically_relative(path_).string(), sink);
    if (!read.ok()) sink.OnWarning(read);
  }
  return Status::Ok();
}

Status AdfaSource::ReadFile(const std::string& file, const std::string& id,
                            TraceSink& sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return IoError(file + ": cannot open for reading");
  return ReadTrace(in, id, sink);
}

Status AdfaSource::ReadTrace(std::istream& in, const std::string& id,
                             TraceSink& sink) {
  WarningLimiter warnings(id, sink);
  std::optional<TraceInfo> trace;
  auto start = [&] {
    trace.emplace();
    trace->id = id;
    trace->number = ++traces_started_;
    trace->first_record = 1;
    sink.OnTraceStart(*trace);
  };
  LineReader lines(in);
  std::string_view line;
  for (LineReader::Outcome outcome; (outcome = lines.Next(line)) !=
                                    LineReader::Outcome::kEnd;) {
    if (outcome == LineReader::Outcome::kTooLong) {
      warnings.WarnLineTooLong(lines.line_number());
      continue;
    }
    for (std::string_view word : SplitWhitespace(line)) {
      std::optional<int64_t> number = ParseInt64(word);
      if (!number && !trace) {
        return Malformed(id + ":" + std::to_string(lines.line_number()) +
                         ": not an ADFA-LD trace (a list of system-call "
                         "numbers): it starts '" +
                         std::string(word.substr(0, 20)) + "'");
      }
      if (!number) {
        warnings.Warn(lines.line_number(),
                      std::string("'").append(word.substr(0, 20)) +
                          "' is not a system-call number; skipped");
        continue;
      }
      if (!trace) start();
      FillSyscallNumberEvent(*number, std::monostate(), options_, event_);
      sink.OnEvent(*trace, event_);
    }
  }
  if (!trace) start();  // an empty file: a trace without events
  warnings.Finish();
  sink.OnTraceEnd(*trace);
  return Status::Ok();
}

}  // namespace protolm
