// Following a growing file (see followed_file.h): a streambuf over a POSIX
// file descriptor whose underflow waits at the end instead of ending.
#include "util/followed_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <streambuf>
#include <thread>
#include <vector>

namespace protolm {

class FollowedFile::Buffer : public std::streambuf {
 public:
  Buffer(std::string path, int fd, uint64_t offset,
         const std::atomic<bool>& stop, FollowOptions options)
      : path_(std::move(path)),
        fd_(fd),
        offset_(offset),
        stop_(stop),
        options_(options),
        chunk_(64 * 1024) {}
  ~Buffer() override { Close(); }

  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t restarts() const { return restarts_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    while (fd_ >= 0) {
      // Read the flag before reading the file: bytes written before the
      // stop are then seen by this read.
      const bool stopping = stop_.load();
      ssize_t n = ::read(fd_, chunk_.data(), chunk_.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      if (n > 0) {
        offset_ += static_cast<uint64_t>(n);
        bytes_read_ += static_cast<uint64_t>(n);
        setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
        return traits_type::to_int_type(*gptr());
      }
      if (stopping) break;
      if (Restarted()) continue;
      std::this_thread::sleep_for(options_.poll);
    }
    return traits_type::eof();
  }

 private:
  // At the end of the file: true when it was truncated (read it again from
  // the start) or replaced (read the new one), after acting on it.
  bool Restarted() {
    struct stat open_file {};
    if (::fstat(fd_, &open_file) == 0 &&
        static_cast<uint64_t>(open_file.st_size) < offset_) {
      ::lseek(fd_, 0, SEEK_SET);
      offset_ = 0;
      ++restarts_;
      return true;
    }
    struct stat named {};
    if (::stat(path_.c_str(), &named) != 0) return false;  // renamed away
    if (named.st_ino == open_file.st_ino && named.st_dev == open_file.st_dev) {
      return false;
    }
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    Close();
    fd_ = fd;
    offset_ = 0;
    ++restarts_;
    return true;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string path_;
  int fd_;
  uint64_t offset_;  // where fd_ reads next
  const std::atomic<bool>& stop_;
  FollowOptions options_;
  std::vector<char> chunk_;
  uint64_t bytes_read_ = 0;
  uint64_t restarts_ = 0;
};

Result<std::unique_ptr<FollowedFile>> FollowedFile::Open(
    const std::string& path, const std::atomic<bool>& stop,
    FollowOptions options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return IoError(path + ": cannot open: " + std::strerror(errno));
  }
  off_t start = options.from_start ? 0 : ::lseek(fd, 0, SEEK_END);
  if (start < 0) {
    ::close(fd);
    return IoError(path + ": cannot seek: " + std::strerror(errno));
  }
  auto buffer = std::make_unique<Buffer>(path, fd, static_cast<uint64_t>(start),
                                         stop, options);
  return std::unique_ptr<FollowedFile>(new FollowedFile(std::move(buffer)));
}

FollowedFile::FollowedFile(std::unique_ptr<Buffer> buffer)
    : buffer_(std::move(buffer)), stream_(buffer_.get()) {}

FollowedFile::~FollowedFile() = default;

std::istream& FollowedFile::stream() { return stream_; }
uint64_t FollowedFile::bytes_read() const { return buffer_->bytes_read(); }
uint64_t FollowedFile::restarts() const { return buffer_->restarts(); }

}  // namespace protolm
