// LineReader: a text stream read one line at a time, with a bound on the
// length of a line.
//
// Readers of untrusted text (strace output, system-call lists, logs) read
// through it so that a gigantic line (a binary file, a log line gone wrong)
// costs at most the bound in memory: a line longer than `max_line_bytes` is
// skipped to its end and reported as such, never stored. Lines end at "\n";
// a "\r" before it is dropped; the last line needs no "\n". The line handed
// out is a view into the reader's buffer, valid until the next call. A line
// is handed out as soon as the stream has it (a growing stream such as a
// followed file is not read ahead). Borrows the stream; one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace protolm {

/// The default bound on one line: 1 MiB.
inline constexpr size_t kMaxLineBytes = size_t{1} << 20;

class LineReader {
 public:
  enum class Outcome {
    kLine,     // `line` holds the next line
    kTooLong,  // the next line was longer than the bound and was skipped
    kEnd,      // no more lines (end of stream or a read error)
  };

  explicit LineReader(std::istream& in, size_t max_line_bytes = kMaxLineBytes);

  /// Reads the next line into `line` (without its end of line).
  Outcome Next(std::string_view& line);

  /// The 1-based number of the line Next() returned last (0 before it).
  uint64_t line_number() const { return line_number_; }

 private:
  /// Appends the next chunk of the stream to the buffer; false at its end.
  bool Fill();
  /// Drops everything up to and including the next "\n" (or the end).
  void SkipRestOfLine();

  std::istream& in_;
  size_t max_line_bytes_;
  std::string buffer_;
  size_t start_ = 0;  // where the unread part of buffer_ begins
  uint64_t line_number_ = 0;
};

}  // namespace protolm
