// PrefixWalker: a response grammar written as straight-line code, asked "which
// byte may come next?" about a prefix of that response.
//
// A response constraint re-runs its grammar from the first byte on every call:
// each step (Byte, Exactly, U16In, Echo, ...) names the set of values the next
// byte may take. While produced bytes remain, the step checks the byte against
// its set and hands it back so the grammar can branch on it; when the produced
// bytes run out, the step writes its set into the AllowedTokens and the walk
// stops. End() marks where a complete response may stop (kEnd allowed). A
// produced byte outside its set leaves nothing allowed. Grammars must only
// offer choices that can still be completed, so a walk never ends on an empty
// set. One walker per call; it borrows `produced` and `out`.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "proto/response_constraint.h"
#include "util/bytes.h"

namespace protolm {

using ByteSet = std::bitset<256>;

/// The set holding only `v`; the set of [lo, hi] (empty when lo > hi).
ByteSet OnlyByte(uint8_t v);
ByteSet ByteRange(unsigned lo, unsigned hi);

class PrefixWalker {
 public:
  /// Clears `out`; the walk fills it.
  PrefixWalker(ByteView produced, AllowedTokens* out);

  /// The next byte, which must lie in `allowed`; nullopt when the walk stops
  /// here (the prefix ends, or its byte is outside `allowed`).
  std::optional<uint8_t> Byte(const ByteSet& allowed);
  std::optional<uint8_t> Exactly(uint8_t v) { return Byte(OnlyByte(v)); }
  std::optional<uint8_t> Between(unsigned lo, unsigned hi) {
    return Byte(ByteRange(lo, hi));
  }
  std::optional<uint8_t> Any() { return Byte(ByteSet().set()); }

  /// A big-endian 16-bit value in [lo, hi].
  std::optional<uint16_t> U16Between(uint32_t lo, uint32_t hi);
  std::optional<uint16_t> U16Exactly(uint16_t v) { return U16Between(v, v); }
  /// A big-endian 16-bit value v with feasible[v] set (v < feasible.size()).
  std::optional<uint16_t> U16In(const std::vector<bool>& feasible);

  /// The bytes of `expected`, in order; false when the walk stopped.
  bool Echo(ByteView expected);
  /// `n` bytes from `allowed` each; false when the walk stopped.
  bool Repeat(size_t n, const ByteSet& allowed);
  bool AnyBytes(size_t n) { return Repeat(n, ByteSet().set()); }

  /// A complete response ends here: kEnd is allowed once the prefix is
  /// consumed, a longer prefix allows nothing.
  void End();

  /// Response bytes consumed so far.
  size_t position() const { return pos_; }

 private:
  ByteView produced_;
  AllowedTokens* out_;
  size_t pos_ = 0;
};

}  // namespace protolm
