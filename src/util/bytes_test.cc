// Tests of the bounds-checked reader/writer and hex helpers.
#include "util/bytes.h"

#include <gtest/gtest.h>

namespace protolm {
namespace {

TEST(ByteReader, ReadsBothEndiannessesAndStopsAtTheEnd) {
  const Bytes data = {0x01, 0x02, 0x03, 0x04, 0x05};
  ByteReader r(data);
  EXPECT_EQ(r.U16Be(), 0x0102);
  EXPECT_EQ(r.U16Le(), 0x0403);
  EXPECT_EQ(r.remaining(), 1u);
  EXPECT_EQ(r.U16Be(), std::nullopt);  // only one byte left
  EXPECT_EQ(r.offset(), 4u);           // a failed read consumes nothing
  EXPECT_EQ(r.U8(), 0x05);
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.U8(), std::nullopt);
}

TEST(ByteReader, WideReadsTakeAndPeek) {
  const Bytes data = {0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x00, 0x2a, 0x99};
  ByteReader r(data);
  EXPECT_EQ(r.Peek(1), 0xad);
  EXPECT_EQ(r.U32Be(), 0xdeadbeefu);
  EXPECT_EQ(r.U32Le(), 0x2a000000u);
  EXPECT_EQ(r.Take(2), std::nullopt);
  auto rest = r.TakeRest();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0], 0x99);
  EXPECT_FALSE(r.Skip(1));
}

TEST(ByteReader, U24AndU64) {
  const Bytes data = {1, 2, 3, 0, 0, 0, 0, 0, 0, 1, 0};
  ByteReader r(data);
  EXPECT_EQ(r.U24Be(), 0x010203u);
  EXPECT_EQ(r.U64Be(), 0x100u);
  EXPECT_EQ(r.U64Le(), std::nullopt);
}

TEST(ByteWriter, WritesAndPatches) {
  ByteWriter w;
  w.U8(0xaa);
  w.U16Be(0);
  w.U16Le(0x1234);
  w.U32Be(0x01020304);
  w.U24Be(0x0a0b0c);
  w.PatchU16Be(1, 0xbeef);
  EXPECT_EQ(ToHex(w.bytes()), "aabeef3412010203040a0b0c");
}

TEST(Hex, RoundTripsAndRejectsBadText) {
  auto bytes = FromHex("0x00 01:ff\nAb");
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(ToHex(*bytes), "0001ffab");
  auto odd = FromHex("abc");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().message(), "hex: odd number of digits");
  auto bad = FromHex("0g");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "hex: column 2: 'g' is not a hex digit");
}

TEST(Status, CarriesContextAndResultPropagates) {
  Status s = Malformed("length 3 < 7").WithContext("a.pcap: offset 40");
  EXPECT_EQ(s.message(), "a.pcap: offset 40: length 3 < 7");
  EXPECT_EQ(s.code(), StatusCode::kMalformed);
  auto fails = []() -> Result<int> { return NotFound("x"); };
  auto outer = [&]() -> Result<int> {
    ASSIGN_OR_RETURN(int v, fails());
    return v + 1;
  };
  EXPECT_FALSE(outer().ok());
  EXPECT_EQ(outer().status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(Status::Ok().ok());
}

}  // namespace
}  // namespace protolm
