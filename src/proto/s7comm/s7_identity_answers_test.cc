// An S7 CPU numbers the parts of its userdata answers per connection; the
// clone's S7DataUnitNumbering does the same.
#include "proto/s7comm/s7_identity_answers.h"

#include <gtest/gtest.h>

namespace protolm::s7comm {
namespace {

TEST(S7DataUnitNumbering, S7AnswersInPartsAreNumberedPerConnection) {
  // An SZL answer in parts (data unit reference 05 at byte 25, more follows)
  // and one that fits (reference 00, the last data unit).
  const Bytes in_parts =
      FromHex(
          "0300002102f080320700000467000c0004000112081284010205010000ff09"
          "0000")
          .value();
  const Bytes whole =
      FromHex(
          "0300002102f080320700000468000c0004000112081284010200000000ff09"
          "0000")
          .value();
  S7DataUnitNumbering connection;
  EXPECT_EQ(connection.Number(whole), whole);
  for (int n = 1; n <= 300; ++n) {
    Bytes numbered = connection.Number(in_parts);
    ASSERT_EQ(numbered.size(), in_parts.size());
    EXPECT_EQ(numbered[25], n <= 255 ? n : n - 255);  // 0 is skipped
    numbered[25] = in_parts[25];
    EXPECT_EQ(numbered, in_parts);
  }
  const Bytes cut(in_parts.begin(), in_parts.begin() + 26);
  EXPECT_EQ(S7DataUnitNumbering().Number(cut), cut);
  // Another connection starts again at 1.
  EXPECT_EQ(S7DataUnitNumbering().Number(in_parts)[25], 1);
}

}  // namespace
}  // namespace protolm::s7comm
