// Tests of IpFragmentReassembler: order, overlaps, missing fragments,
// timeouts, memory limits and rejected fragments.
#include "capture/ip_fragment_reassembler.h"

#include <string>

#include "gtest/gtest.h"

namespace protolm {
namespace {

FragmentKey Key(uint32_t id = 7) {
  FragmentKey key;
  key.src = IpAddress::FromBytes(Bytes{10, 0, 0, 1});
  key.dst = IpAddress::FromBytes(Bytes{10, 0, 0, 2});
  key.id = id;
  key.protocol = 17;
  return key;
}

Bytes Filled(char c, size_t n) { return Bytes(n, static_cast<uint8_t>(c)); }

std::string AsText(const Bytes& b) { return std::string(b.begin(), b.end()); }

TEST(IpFragmentReassembler, InOrder) {
  IpFragmentReassembler r;
  EXPECT_FALSE(r.Add(Key(), 0, 0, true, Filled('a', 8)).datagram);
  FragmentOutcome last = r.Add(Key(), 1, 8, false, Filled('b', 3));
  ASSERT_TRUE(last.datagram);
  EXPECT_EQ(AsText(*last.datagram), "aaaaaaaabbb");
  EXPECT_EQ(r.pending(), 0u);
  EXPECT_EQ(r.stats().reassembled_datagrams, 1u);
}

TEST(IpFragmentReassembler, OutOfOrder) {
  IpFragmentReassembler r;
  EXPECT_FALSE(r.Add(Key(), 0, 16, false, Filled('c', 2)).datagram);
  EXPECT_FALSE(r.Add(Key(), 0, 0, true, Filled('a', 8)).datagram);
  FragmentOutcome done = r.Add(Key(), 0, 8, true, Filled('b', 8));
  ASSERT_TRUE(done.datagram);
  EXPECT_EQ(AsText(*done.datagram), "aaaaaaaabbbbbbbbcc");
}

TEST(IpFragmentReassembler, OverlapKeepsFirstCopyAndReportsConflict) {
  IpFragmentReassembler r;
  r.Add(Key(), 0, 0, true, Filled('a', 16));
  FragmentOutcome done = r.Add(Key(), 0, 8, false, Filled('X', 12));
  ASSERT_TRUE(done.datagram);
  EXPECT_EQ(AsText(*done.datagram), "aaaaaaaaaaaaaaaaXXXX");
  ASSERT_EQ(done.problems.size(), 1u);
  EXPECT_NE(done.problems[0].find("overlap with different bytes"),
            std::string::npos);
  EXPECT_EQ(r.stats().overlapping_bytes, 8u);
}

TEST(IpFragmentReassembler, MissingFragmentIsDroppedAtTheEnd) {
  IpFragmentReassembler r;
  r.Add(Key(), 0, 0, true, Filled('a', 8));
  r.Add(Key(), 0, 16, false, Filled('c', 8));
  EXPECT_EQ(r.DropAll(), 1u);
  EXPECT_EQ(r.stats().dropped_fragments, 2u);
}

TEST(IpFragmentReassembler, TimeoutDropsOldDatagrams) {
  FragmentLimits limits;
  limits.timeout_us = 1000;
  IpFragmentReassembler r(limits);
  r.Add(Key(1), 0, 0, true, Filled('a', 8));
  FragmentOutcome later = r.Add(Key(2), 5000, 0, true, Filled('b', 8));
  ASSERT_EQ(later.problems.size(), 1u);
  EXPECT_NE(later.problems[0].find("reassembly timeout"), std::string::npos);
  EXPECT_EQ(r.pending(), 1u);
}

TEST(IpFragmentReassembler, DatagramLimitEvictsTheOldest) {
  FragmentLimits limits;
  limits.max_datagrams = 2;
  IpFragmentReassembler r(limits);
  r.Add(Key(1), 0, 0, true, Filled('a', 8));
  r.Add(Key(2), 1, 0, true, Filled('a', 8));
  FragmentOutcome third = r.Add(Key(3), 2, 0, true, Filled('a', 8));
  ASSERT_EQ(third.problems.size(), 1u);
  EXPECT_NE(third.problems[0].find("buffer full"), std::string::npos);
  EXPECT_EQ(r.pending(), 2u);
  // Datagram 1 is gone: its last fragment alone does not complete it.
  EXPECT_FALSE(r.Add(Key(1), 3, 8, false, Filled('b', 1)).datagram);
}

TEST(IpFragmentReassembler, RejectsAbsurdFragments) {
  IpFragmentReassembler r;
  FragmentOutcome past = r.Add(Key(), 0, 65528, false, Filled('a', 16));
  ASSERT_EQ(past.problems.size(), 1u);
  EXPECT_NE(past.problems[0].find("ends past 65535"), std::string::npos);
  FragmentOutcome odd = r.Add(Key(), 0, 0, true, Filled('a', 5));
  ASSERT_EQ(odd.problems.size(), 1u);
  EXPECT_NE(odd.problems[0].find("not a multiple of 8"), std::string::npos);
  EXPECT_EQ(r.pending(), 0u);
}

TEST(IpFragmentReassembler, DisagreeingLengthsDropTheDatagram) {
  IpFragmentReassembler r;
  r.Add(Key(), 0, 8, false, Filled('b', 8));                         // total 16
  FragmentOutcome bad = r.Add(Key(), 0, 16, false, Filled('c', 8));  // total 24
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_NE(bad.problems[0].find("disagree on its length"), std::string::npos);
  EXPECT_EQ(r.pending(), 0u);
}

}  // namespace
}  // namespace protolm
