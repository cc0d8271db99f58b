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

  std::optional<uint8_t> U8();
  std::optional<uint16_t> U16Be();
  std::optional<uint16_t> U16Le();
  std::optional<uint32_t> U24Be();
  std::optional<uint32_t> U32Be();
  std::optional<uint32_t> U32Le();
  std::optional<uint64_t> U64Be();
  std::optional<uint64_t> U64Le();
  /// The next n bytes as a view into the same buffer.
  std::optional<ByteView> Take(size_t n);
  /// Advances n bytes; false (and no move) if fewer remain.
  bool Skip(size_t n);
  /// The byte `ahead` positions past the cursor, without consuming it.
  std::optional<uint8_t> Peek(size_t ahead = 0) const;
  /// Everything not read yet; consumes it.
  ByteView TakeRest();

 private:
  std::optional<uint64_t> ReadBig(size_t width);
  std::optional<uint64_t> ReadLittle(size_t width);

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
