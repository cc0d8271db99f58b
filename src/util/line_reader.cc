// Bounded line reading over a stream (see line_reader.h).
#include "util/line_reader.h"

#include <algorithm>
#include <cstring>

namespace protolm {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

LineReader::LineReader(std::istream& in, size_t max_line_bytes)
    : in_(in), max_line_bytes_(max_line_bytes) {}

bool LineReader::Fill() {
  if (start_ > 0) {  // keep the buffer from growing past one line + a chunk
    buffer_.erase(0, start_);
    start_ = 0;
  }
  // Wait for one byte, then take what the stream holds, up to a chunk: a
  // stream that grows (a followed file) hands out each line as it comes,
  // where read() would wait for a whole chunk.
  if (!in_ || in_.peek() == std::istream::traits_type::eof()) return false;
  size_t old_size = buffer_.size();
  buffer_.resize(old_size + kChunkBytes);
  std::streamsize got =
      in_.readsome(buffer_.data() + old_size, kChunkBytes);
  buffer_.resize(old_size + static_cast<size_t>(std::max<std::streamsize>(got, 0)));
  return got > 0;
}

void LineReader::SkipRestOfLine() {
  for (;;) {
    const char* begin = buffer_.data() + start_;
    const void* newline = std::memchr(begin, '\n', buffer_.size() - start_);
    if (newline != nullptr) {
      start_ += static_cast<const char*>(newline) - begin + 1;
      return;
    }
    buffer_.clear();
    start_ = 0;
    if (!Fill()) return;
  }
}

LineReader::Outcome LineReader::Next(std::string_view& line) {
  size_t searched = 0;  // bytes after start_ known to hold no "\n"
  for (;;) {
    const char* begin = buffer_.data() + start_;
    size_t available = buffer_.size() - start_;
    const void* newline =
        std::memchr(begin + searched, '\n', available - searched);
    size_t length = newline != nullptr
                        ? static_cast<const char*>(newline) - begin
                        : available;
    if (length > max_line_bytes_) {
      ++line_number_;
      SkipRestOfLine();
      return Outcome::kTooLong;
    }
    size_t consumed = length + 1;
    if (newline == nullptr) {
      searched = available;
      if (Fill()) continue;
      if (buffer_.size() == start_) return Outcome::kEnd;
      length = consumed = buffer_.size() - start_;  // a last line with no "\n"
    }
    begin = buffer_.data() + start_;
    start_ += consumed;
    if (length > 0 && begin[length - 1] == '\r') --length;
    line = std::string_view(begin, length);
    ++line_number_;
    return Outcome::kLine;
  }
}

}  // namespace protolm
