// FollowedFile: a file read as it grows, like `tail -F`, through an
// std::istream, so that every reader of line text (logs, strace output,
// system-call lists) can watch a live file unchanged.
//
// At the end of the file the stream waits (polling every `poll`) for more
// bytes instead of ending. A file cut shorter than what was read (truncated
// in place) is read again from its start; a file replaced under its name
// (log rotation: renamed away, a new file created) is finished to its end,
// then the new file is read from its start. The stream ends when `stop` is
// set: whatever the file held when the stop was seen is read first, so
// nothing written before a stop is lost. By default reading starts at the
// file's current end (new lines only); `from_start` reads what it already
// holds too. One thread reads; `stop` may be set from any thread or a
// signal handler.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>

#include "util/status.h"

namespace protolm {

struct FollowOptions {
  bool from_start = false;
  std::chrono::milliseconds poll{50};
};

class FollowedFile {
 public:
  /// Errors: IoError when `path` cannot be opened (one line naming it).
  static Result<std::unique_ptr<FollowedFile>> Open(
      const std::string& path, const std::atomic<bool>& stop,
      FollowOptions options = {});
  ~FollowedFile();

  FollowedFile(const FollowedFile&) = delete;
  FollowedFile& operator=(const FollowedFile&) = delete;

  std::istream& stream();
  /// Bytes handed to the stream so far, over every file followed.
  uint64_t bytes_read() const;
  /// How often the file was truncated or replaced while followed.
  uint64_t restarts() const;

 private:
  class Buffer;
  explicit FollowedFile(std::unique_ptr<Buffer> buffer);

  std::unique_ptr<Buffer> buffer_;
  std::istream stream_;
};

}  // namespace protolm
