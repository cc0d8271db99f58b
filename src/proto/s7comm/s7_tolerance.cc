// Value comparison of S7comm responses for RVA-ε (see s7_tolerance.h).
#include "proto/s7comm/s7_tolerance.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "proto/s7comm/message.h"

namespace protolm::s7comm {
namespace {

bool Close(double expected, double predicted, double range, double epsilon) {
  return std::fabs(expected - predicted) <= epsilon * range;
}

double BigEndian(const Bytes& v) {
  double out = 0;
  for (uint8_t b : v) out = out * 256 + b;
  return out;
}

}  // namespace

bool S7ValuesWithinEpsilon(ByteView expected, ByteView predicted,
                           double epsilon) {
  MessageDecoding e = DecodeMessage(expected);
  MessageDecoding p = DecodeMessage(predicted);
  if (!e.s7 || !p.s7) return std::ranges::equal(expected, predicted);
  if (e.s7->rosctr != p.s7->rosctr || e.s7->error_class != p.s7->error_class ||
      e.s7->error_code != p.s7->error_code ||
      e.s7->body.index() != p.s7->body.index())
    return false;
  const auto* ei = std::get_if<ReadVarResponse>(&e.s7->body);
  const auto* pi = std::get_if<ReadVarResponse>(&p.s7->body);
  if (ei == nullptr || pi == nullptr) return true;
  if (ei->items.size() != pi->items.size()) return false;
  for (size_t i = 0; i < ei->items.size(); ++i) {
    const DataItem& a = ei->items[i];
    const DataItem& b = pi->items[i];
    if (a.return_code != b.return_code || a.value.size() != b.value.size())
      return false;
    if (a.value.size() == 2 || a.value.size() == 4) {
      const double range =
          std::pow(256.0, static_cast<double>(a.value.size())) - 1;
      if (!Close(BigEndian(a.value), BigEndian(b.value), range, epsilon))
        return false;
    } else if (a.value != b.value) {
      return false;
    }
  }
  return true;
}

}  // namespace protolm::s7comm
