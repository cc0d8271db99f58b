// Helpers shared by the S7comm tests: hex literals to bytes, the check that
// a message that decodes re-encodes to the same bytes, and dissection that
// checks the codec's tree-less Inspect against Dissect.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "proto/codec.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/s7comm/s7comm_codec.h"
#include "util/bytes.h"

namespace protolm::s7comm::testing {

inline Bytes Hex(std::string_view text) {
  Result<Bytes> b = FromHex(text);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

/// Decoded ok and both the TPDUs and the S7 PDU re-encode to the input.
inline void ExpectRoundTrip(const Bytes& framed) {
  MessageDecoding m = DecodeMessage(framed);
  ASSERT_TRUE(m.status.ok()) << m.status.ToString() << " in " << ToHex(framed);
  Result<Bytes> units = EncodeTpdus(m.tpdus);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  EXPECT_EQ(ToHex(*units), ToHex(framed));
  if (m.s7) {
    Result<Bytes> s7 = EncodeS7Pdu(*m.s7);
    ASSERT_TRUE(s7.ok()) << s7.status().ToString();
    EXPECT_EQ(ToHex(*s7), ToHex(m.payload));
  }
}

/// The codec's Dissect of `pdu`, after checking that Inspect gives the same
/// info and status (the ingest fast path must agree with the full decoding).
inline Dissection DissectChecked(ByteView pdu, Direction dir) {
  const Codec& codec = s7comm::S7commCodec();
  Dissection d = codec.Dissect(pdu, dir);
  Inspection i = codec.Inspect(pdu, dir);
  EXPECT_EQ(i, (Inspection{d.info, d.status}))
      << "Inspect disagrees with Dissect on " << ToHex(pdu) << ": status "
      << i.status.ToString() << " vs " << d.status.ToString() << ", function "
      << i.info.function << " vs " << d.info.function;
  return d;
}

}  // namespace protolm::s7comm::testing
