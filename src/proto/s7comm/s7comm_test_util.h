// Helpers shared by the S7comm tests: hex literals to bytes, and the check
// that a message that decodes re-encodes to the same bytes.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_encode.h"
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

}  // namespace protolm::s7comm::testing
