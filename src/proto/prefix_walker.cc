// PrefixWalker steps (see prefix_walker.h).
#include "proto/prefix_walker.h"

namespace protolm {

ByteSet OnlyByte(uint8_t v) {
  ByteSet s;
  s.set(v);
  return s;
}

ByteSet ByteRange(unsigned lo, unsigned hi) {
  ByteSet s;
  for (unsigned v = lo; v <= hi && v < 256; ++v) s.set(v);
  return s;
}

PrefixWalker::PrefixWalker(ByteView produced, AllowedTokens* out)
    : produced_(produced), out_(out) {
  out_->bytes.reset();
  out_->end = false;
}

std::optional<uint8_t> PrefixWalker::Byte(const ByteSet& allowed) {
  if (pos_ >= produced_.size()) {
    out_->bytes = allowed;
    return std::nullopt;
  }
  const uint8_t b = produced_[pos_];
  if (!allowed.test(b)) return std::nullopt;  // off the grammar: nothing
  ++pos_;
  return b;
}

std::optional<uint16_t> PrefixWalker::U16Between(uint32_t lo, uint32_t hi) {
  if (hi > 0xFFFF) hi = 0xFFFF;
  if (lo > hi) return Byte(ByteSet());
  auto high = Between(lo >> 8, hi >> 8);
  if (!high) return std::nullopt;
  const unsigned low_min = *high == (lo >> 8) ? (lo & 0xFF) : 0;
  const unsigned low_max = *high == (hi >> 8) ? (hi & 0xFF) : 0xFF;
  auto low = Between(low_min, low_max);
  if (!low) return std::nullopt;
  return static_cast<uint16_t>(*high << 8 | *low);
}

std::optional<uint16_t> PrefixWalker::U16In(const std::vector<bool>& feasible) {
  if (produced_.size() - pos_ >= 2) {  // both bytes produced: just check
    const auto v =
        static_cast<uint16_t>(produced_[pos_] << 8 | produced_[pos_ + 1]);
    if (v >= feasible.size() || !feasible[v]) return std::nullopt;
    pos_ += 2;
    return v;
  }
  ByteSet highs;
  for (size_t v = 0; v < feasible.size() && v <= 0xFFFF; ++v)
    if (feasible[v]) highs.set(v >> 8);
  auto high = Byte(highs);
  if (!high) return std::nullopt;
  ByteSet lows;
  const size_t base = size_t{*high} << 8;
  for (size_t v = base; v < base + 256 && v < feasible.size(); ++v)
    if (feasible[v]) lows.set(v & 0xFF);
  auto low = Byte(lows);
  if (!low) return std::nullopt;
  return static_cast<uint16_t>(base | *low);
}

bool PrefixWalker::Echo(ByteView expected) {
  for (uint8_t b : expected)
    if (!Exactly(b)) return false;
  return true;
}

bool PrefixWalker::Repeat(size_t n, const ByteSet& allowed) {
  // The bytes of a run are independent: check the produced part at once.
  const size_t have = produced_.size() - pos_;
  const size_t take = n < have ? n : have;
  for (size_t i = 0; i < take; ++i)
    if (!allowed.test(produced_[pos_ + i])) {
      pos_ += i;
      return Byte(allowed).has_value();  // fails on the offending byte
    }
  pos_ += take;
  if (take == n) return true;
  out_->bytes = allowed;
  return false;
}

void PrefixWalker::End() {
  if (pos_ == produced_.size()) out_->end = true;
}

}  // namespace protolm
