// libFuzzer target for the Modbus codec: Frame, Resync, DetectScore and
// Dissect in both directions on arbitrary bytes. Asserts (abort) that nothing
// points outside the input, that typed decoding agrees with dissection, and
// that whatever decodes to a typed value re-encodes to the identical bytes
// and the identical tree.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "proto/field_bounds.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/modbus_codec.h"

namespace protolm::modbus {
namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

template <typename AduT>
void CheckRoundTrip(const Result<AduT>& typed, const Dissection& d,
                    ByteView adu) {
  Require(typed.ok() == d.status.ok());
  if (!typed.ok()) return;
  Result<Bytes> again = EncodeAdu(*typed);
  Require(again.ok());
  Require(again->size() == adu.size() &&
          std::equal(again->begin(), again->end(), adu.begin()));
  Result<Field> tree = ToTree(*typed);
  Require(tree.ok() && RenderTree(*tree) == RenderTree(d.tree));
}

void CheckAdu(ByteView adu) {
  const Codec& codec = ModbusCodec();
  Dissection req = codec.Dissect(adu, Direction::kClientToServer);
  Require(codec.Inspect(adu, Direction::kClientToServer) ==
          Inspection{req.info, req.status});
  Require(FieldsWithin(req.tree, adu.size()));
  CheckRoundTrip(DecodeRequestAdu(adu), req, adu);
  Dissection resp = codec.Dissect(adu, Direction::kServerToClient);
  Require(codec.Inspect(adu, Direction::kServerToClient) ==
          Inspection{resp.info, resp.status});
  Require(FieldsWithin(resp.tree, adu.size()));
  CheckRoundTrip(DecodeResponseAdu(adu), resp, adu);
}

}  // namespace
}  // namespace protolm::modbus

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  const ByteView input(data, size);
  const Codec& codec = modbus::ModbusCodec();
  const int score = codec.DetectScore(input);
  modbus::Require(score >= 0 && score <= 100);
  if (std::optional<size_t> start = codec.Resync(input)) {
    modbus::Require(*start < size);
  }
  const FrameResult frame = codec.Frame(input);
  if (frame.kind == FrameResult::Kind::kFrame) {
    modbus::Require(frame.length >= 8 && frame.length <= size);
    modbus::CheckAdu(input.first(frame.length));
  } else {
    modbus::CheckAdu(input);
  }
  return 0;
}
