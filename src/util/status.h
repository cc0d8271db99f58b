// Status and Result<T>: how errors cross module boundaries in protolm.
//
// Malformed input is data, not an exception: a function that can fail returns a
// Status (no value) or a Result<T> (a value or the reason there is none). The
// message is one line meant for the user: what failed and where (file:offset,
// line:col, peer address). RETURN_IF_ERROR and ASSIGN_OR_RETURN propagate errors
// without boilerplate. Both types are cheap to move and safe to copy.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace protolm {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller (user) asked for something that makes no sense
  kNotFound,         // a file, profile or key does not exist
  kIoError,          // the operating system refused a read or write
  kMalformed,        // input bytes or text do not follow the format
  kTruncated,        // input ends before a structure it announces
  kUnsupported,      // valid input that this version does not handle
  kOutOfRange,       // a number outside what the format allows
  kInternal,         // a bug: an invariant of ours does not hold
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Returns a copy whose message is "context: message"; used to add where an
  /// error happened as it travels up ("capture.pcap: offset 24: ...").
  Status WithContext(const std::string& context) const;

  /// "ok" or the message alone (the code is for programs, the text for people).
  std::string ToString() const;

  bool operator==(const Status&) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status(StatusCode::kInvalidArgument, std::move(m));
}
inline Status NotFound(std::string m) {
  return Status(StatusCode::kNotFound, std::move(m));
}
inline Status IoError(std::string m) {
  return Status(StatusCode::kIoError, std::move(m));
}
inline Status Malformed(std::string m) {
  return Status(StatusCode::kMalformed, std::move(m));
}
inline Status Truncated(std::string m) {
  return Status(StatusCode::kTruncated, std::move(m));
}
inline Status Unsupported(std::string m) {
  return Status(StatusCode::kUnsupported, std::move(m));
}
inline Status OutOfRange(std::string m) {
  return Status(StatusCode::kOutOfRange, std::move(m));
}
inline Status Internal(std::string m) {
  return Status(StatusCode::kInternal, std::move(m));
}

/// A value of type T or a non-ok Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Internal("Result built from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  /// Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace protolm

#define PROTOLM_CONCAT_INNER(a, b) a##b
#define PROTOLM_CONCAT(a, b) PROTOLM_CONCAT_INNER(a, b)

/// Returns the Status from the enclosing function if `expr` is not ok.
#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::protolm::Status _st = (expr);              \
    if (!_st.ok()) return _st;                   \
  } while (0)

/// `ASSIGN_OR_RETURN(auto x, F());` declares x from F()'s value or returns its error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(PROTOLM_CONCAT(_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
