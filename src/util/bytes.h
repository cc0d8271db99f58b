// Byte buffers and the one bounds-checked way to read and write them.
//
// Every parser in protolm reads untrusted bytes through ByteReader: each read
// states its width and endianness and returns std::nullopt instead of running
// past the end, so a truncated or hostile input can never cause an
// out-of-bounds access. ByteWriter is the matching builder for encoders. Neither
// owns threads or locks; a reader only borrows the bytes it reads (the caller
// keeps them alive).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

/// Sequential reader over borrowed bytes. A failed read consumes nothing.
class ByteReader {
 public:
  explicit ByteReader(ByteView data) : data_(data) {}

  size_t offset() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return pos_ >= data_.size(); }
  size_t size() const { return data_.size(); }

  // Defined in the class so they inline: they sit on every parser's hot path.
  std::optional<uint8_t> U8() {
    if (empty()) return std::nullopt;
    return data_[pos_++];
  }
  std::optional<uint16_t> U16Be() {
    if (remaining() < 2) return std::nullopt;
    uint16_t v = static_cast<uint16_t>(data_[pos_] << 8 | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  std::optional<uint16_t> U16Le() { return Narrow<uint16_t>(ReadLittle(2)); }
  std::optional<uint32_t> U24Be() { return Narrow<uint32_t>(ReadBig(3)); }
  std::optional<uint32_t> U32Be() { return Narrow<uint32_t>(ReadBig(4)); }
  std::optional<uint32_t> U32Le() { return Narrow<uint32_t>(ReadLittle(4)); }
  std::optional<uint64_t> U64Be() { return ReadBig(8); }
  std::optional<uint64_t> U64Le() { return ReadLittle(8); }
  /// The next n bytes as a view into the same buffer.
  std::optional<ByteView> Take(size_t n) {
    if (remaining() < n) return std::nullopt;
    ByteView view = data_.subspan(pos_, n);
    pos_ += n;
    return view;
  }
  /// Advances n bytes; false (and no move) if fewer remain.
  bool Skip(size_t n) {
    if (remaining() < n) return false;
    pos_ += n;
    return true;
  }
  /// The byte `ahead` positions past the cursor, without consuming it.
  std::optional<uint8_t> Peek(size_t ahead = 0) const {
    if (remaining() <= ahead) return std::nullopt;
    return data_[pos_ + ahead];
  }
  /// Everything not read yet; consumes it.
  ByteView TakeRest() {
    ByteView view = data_.subspan(pos_);
    pos_ = data_.size();
    return view;
  }

 private:
  template <typename T>
  static std::optional<T> Narrow(std::optional<uint64_t> v) {
    if (!v) return std::nullopt;
    return static_cast<T>(*v);
  }
  std::optional<uint64_t> ReadBig(size_t width) {
    if (remaining() < width) return std::nullopt;
    uint64_t v = 0;
    for (size_t i = 0; i < width; ++i) v = (v << 8) | data_[pos_ + i];
    pos_ += width;
    return v;
  }
  std::optional<uint64_t> ReadLittle(size_t width) {
    if (remaining() < width) return std::nullopt;
    uint64_t v = 0;
    for (size_t i = width; i > 0; --i) v = (v << 8) | data_[pos_ + i - 1];
    pos_ += width;
    return v;
  }

  ByteView data_;
  size_t pos_ = 0;
};

/// Appends integers of explicit width and endianness to a growing buffer.
class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(Bytes initial) : out_(std::move(initial)) {}

  void U8(uint8_t v) { out_.push_back(v); }
  void U16Be(uint16_t v);
  void U16Le(uint16_t v);
  void U24Be(uint32_t v);
  void U32Be(uint32_t v);
  void U32Le(uint32_t v);
  void U64Be(uint64_t v);
  void Append(ByteView bytes);
  /// Overwrites two bytes at `pos` (a length field filled in after the body).
  /// Precondition: pos + 2 <= size().
  void PatchU16Be(size_t pos, uint16_t v);

  size_t size() const { return out_.size(); }
  const Bytes& bytes() const { return out_; }
  Bytes Take() { return std::move(out_); }

 private:
  Bytes out_;
};

/// Lower-case hex, two digits per byte, no separators.
std::string ToHex(ByteView bytes);
/// Parses hex text (whitespace and an optional "0x" prefix are allowed).
Result<Bytes> FromHex(std::string_view text);

}  // namespace protolm
