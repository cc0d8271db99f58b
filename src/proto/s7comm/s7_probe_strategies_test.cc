// The S7 boundaries probe reads SZL lists, uses varied areas, non-zero
// offsets, bit accesses, word/real types and out-of-range items.
#include "proto/s7comm/s7_probe_strategies.h"

#include <gtest/gtest.h>

#include <set>

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT

TEST(S7Boundaries, CoversSzlAreasOffsetsAndBits) {
  const S7ProbeConfig config = DefaultS7ProbeConfig();
  const auto pdus = S7Boundaries(config, 1600, 3);
  ASSERT_EQ(pdus.size(), 1600u);
  std::set<std::pair<uint16_t, uint16_t>> szl;
  std::set<uint8_t> areas;
  std::set<uint8_t> types;
  size_t nonzero_offsets = 0, bit_accesses = 0, writes = 0, multi_item = 0,
         past_end = 0;
  for (const S7Pdu& pdu : pdus) {
    if (const auto* u = std::get_if<Userdata>(&pdu.body)) {
      if (u->data)
        if (const auto* s = std::get_if<SzlRequest>(&u->data->payload))
          szl.insert({s->id, s->index});
      continue;
    }
    std::vector<VarItem> items;
    if (const auto* r = std::get_if<ReadVarRequest>(&pdu.body))
      items = r->items;
    if (const auto* w = std::get_if<WriteVarRequest>(&pdu.body)) {
      items = w->items;
      ++writes;
    }
    multi_item += items.size() > 1;
    for (const VarItem& item : items) {
      const auto& p = std::get<AnyPointer>(item);
      areas.insert(static_cast<uint8_t>(p.area));
      types.insert(static_cast<uint8_t>(p.type));
      nonzero_offsets += p.byte_offset != 0;
      bit_accesses += p.type == ItemType::kBit;
      for (const S7AreaRange& a : config.s7_areas)
        if (a.area == p.area && (a.area != Area::kDataBlock || a.db == p.db))
          past_end += p.byte_offset + p.length > a.size;
    }
  }
  for (const SzlSelector& s : config.szl)
    EXPECT_TRUE(szl.count({s.id, s.index}));
  EXPECT_GT(szl.size(), config.szl.size());  // unknown lists and indexes too
  EXPECT_EQ(areas.size(), 4u);               // DB, M, I, Q
  EXPECT_TRUE(types.count(static_cast<uint8_t>(ItemType::kReal)));
  EXPECT_GT(nonzero_offsets, 500u);
  EXPECT_GT(bit_accesses, 50u);
  EXPECT_GT(writes, 300u);
  EXPECT_GT(multi_item, 0u);
  EXPECT_GT(past_end, 50u);
}

TEST(S7Random, IsDeterministic) {
  const S7ProbeConfig config = DefaultS7ProbeConfig();
  EXPECT_EQ(S7Random(config, 100, 1), S7Random(config, 100, 1));
}

}  // namespace
}  // namespace protolm::s7comm
