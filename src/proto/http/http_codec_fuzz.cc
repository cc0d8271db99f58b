// libFuzzer target for the HTTP codec: DetectScore, Resync, Frame and
// Dissect in both directions on arbitrary bytes, and the framing of the
// whole input as a stream. Asserts (abort) that scores are 0..100, that
// framed units and resync offsets lie inside the input, that no field
// points outside its unit, that Inspect agrees with Dissect, and that fault
// messages are one line.
#include <cstdint>
#include <cstdlib>

#include "proto/field_bounds.h"
#include "proto/http/http_codec.h"

namespace protolm::http {
namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

void CheckUnit(ByteView unit) {
  const Codec& codec = HttpCodec();
  for (Direction dir :
       {Direction::kClientToServer, Direction::kServerToClient}) {
    Dissection d = codec.Dissect(unit, dir);
    Require(codec.Inspect(unit, dir) == Inspection{d.info, d.status});
    Require(d.status.message().find('\n') == std::string::npos);
    Require(FieldsWithin(d.tree, unit.size()));
  }
}

}  // namespace
}  // namespace protolm::http

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  const ByteView input(data, size);
  const Codec& codec = http::HttpCodec();
  const int score = codec.DetectScore(input);
  http::Require(score >= 0 && score <= 100);
  if (std::optional<size_t> start = codec.Resync(input))
    http::Require(*start < size);
  http::CheckUnit(input);
  ByteView rest = input;
  while (!rest.empty()) {
    const FrameResult frame = codec.Frame(rest);
    if (frame.kind != FrameResult::Kind::kFrame) break;
    http::Require(frame.length > 0 && frame.length <= rest.size());
    http::CheckUnit(rest.first(frame.length));
    rest = rest.subspan(frame.length);
  }
  return 0;
}
