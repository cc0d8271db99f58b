// libFuzzer target: the S7comm codec over arbitrary bytes. Walks the input as
// the ingest pipeline does (Frame, Resync after invalid bytes, Dissect each
// unit in both directions), and checks the invariants: framed lengths stay in
// bounds, Inspect (the tree-less ingest path) says exactly what Dissect says,
// and whatever decodes without a fault re-encodes to the same bytes (whole
// units, the S7 PDU alone, the COTP TPDU alone).
#include <cstdint>
#include <cstdlib>

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_decode.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/s7comm/s7comm_codec.h"

namespace {

using namespace protolm;
using namespace protolm::s7comm;

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckUnit(ByteView unit) {
  const Codec& codec = s7comm::S7commCodec();
  for (Direction dir :
       {Direction::kClientToServer, Direction::kServerToClient}) {
    Dissection d = codec.Dissect(unit, dir);
    Check(codec.Inspect(unit, dir) == Inspection{d.info, d.status});
  }
  MessageDecoding m = DecodeMessage(unit);
  if (!m.status.ok()) return;
  Result<Bytes> again = EncodeTpdus(m.tpdus);
  Check(again.ok() && *again == Bytes(unit.begin(), unit.end()));
  if (m.s7) {
    Result<Bytes> s7 = EncodeS7Pdu(*m.s7);
    Check(s7.ok() && *s7 == m.payload);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteView input(data, size);
  const Codec& codec = s7comm::S7commCodec();
  int score = codec.DetectScore(input);
  Check(score >= 0 && score <= 100);

  ByteView rest = input;
  while (!rest.empty()) {
    FrameResult f = codec.Frame(rest);
    if (f.kind == FrameResult::Kind::kNeedMore) {
      Check(f.length == 0 || f.length > rest.size());
      break;
    }
    if (f.kind == FrameResult::Kind::kInvalid) {
      std::optional<size_t> next = codec.Resync(rest.subspan(1));
      if (!next) break;
      Check(*next < rest.size() - 1);
      rest = rest.subspan(1 + *next);
      continue;
    }
    Check(f.length > 0 && f.length <= rest.size());
    CheckUnit(rest.first(f.length));
    rest = rest.subspan(f.length);
  }
  CheckUnit(input);

  S7Decoding s7 = DecodeS7(input);
  if (!s7.fault) {
    Result<Bytes> again = EncodeS7Pdu(s7.pdu);
    Check(again.ok() && *again == Bytes(input.begin(), input.end()));
  }
  CotpDecoding cotp = DecodeCotp(input, 0);
  if (cotp.status.ok()) {
    Result<Bytes> again = EncodeCotp(cotp.tpdu);
    Check(again.ok() && *again == Bytes(input.begin(), input.end()));
  }
  return 0;
}
