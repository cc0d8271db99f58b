// Splitting datasets and deriving context (dataset_split.h).
#include "clone/dataset_split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace protolm::clone {
namespace {

DatasetRecord Record(uint64_t session, uint8_t tag) {
  DatasetRecord r;
  r.session = session;
  r.request = {tag};
  r.response = {static_cast<uint8_t>(tag + 100)};
  return r;
}

TEST(SplitDatasetTest, PartitionsAllIndicesEightyTenTen) {
  DatasetSplit split = SplitDataset(1000, 7);
  EXPECT_EQ(split.train.size(), 800u);
  EXPECT_EQ(split.validation.size(), 100u);
  EXPECT_EQ(split.test.size(), 100u);
  std::set<size_t> all(split.train.begin(), split.train.end());
  all.insert(split.validation.begin(), split.validation.end());
  all.insert(split.test.begin(), split.test.end());
  EXPECT_EQ(all.size(), 1000u);
  EXPECT_EQ(*all.rbegin(), 999u);
}

TEST(SplitDatasetTest, SameSeedSameSplitOtherSeedOther) {
  DatasetSplit a = SplitDataset(200, 1), b = SplitDataset(200, 1),
               c = SplitDataset(200, 2);
  EXPECT_EQ(a.test, b.test);
  EXPECT_NE(a.test, c.test);
}

TEST(SplitDatasetTest, TinyDatasetsStillGetEveryPart) {
  DatasetSplit split = SplitDataset(3, 1);
  EXPECT_EQ(split.train.size(), 1u);
  EXPECT_EQ(split.validation.size(), 1u);
  EXPECT_EQ(split.test.size(), 1u);
}

TEST(ContextTest, PreviousRecordsOfTheSameSessionOldestFirst) {
  std::vector<DatasetRecord> records = {Record(1, 1), Record(1, 2),
                                        Record(2, 3), Record(2, 4),
                                        Record(2, 5)};
  auto context = ContextOf(records, 4, 5);
  ASSERT_EQ(context.size(), 2u);  // session 2 only
  EXPECT_EQ(context[0].request, Bytes{3});
  EXPECT_EQ(context[1].response, Bytes{104});
  EXPECT_EQ(ContextOf(records, 4, 1).size(), 1u);
  EXPECT_TRUE(ContextOf(records, 4, 0).empty());
}

TEST(ContextTest, TheRecordsOwnContextWins) {
  std::vector<DatasetRecord> records = {Record(1, 1), Record(1, 2)};
  records[1].context = std::vector<ByteExchange>{{{9}, {8}}, {{7}, {6}}};
  auto context = ContextOf(records, 1, 1);
  ASSERT_EQ(context.size(), 1u);
  EXPECT_EQ(context[0].request, Bytes{7});
}

TEST(RequestRecordsTest, DropsRecordsWithoutARequest) {
  DatasetRecord orphan;  // a response without a request
  orphan.session = 1;
  orphan.response = {42};
  std::vector<DatasetRecord> records = {Record(1, 1), orphan, Record(1, 2)};
  EXPECT_EQ(RequestRecords(records).size(), 2u);
  auto examples = ToExamples(records, {0, 2}, 1);
  ASSERT_EQ(examples.size(), 2u);
  EXPECT_EQ(examples[1].request, Bytes{2});
  ASSERT_EQ(examples[1].context.size(), 1u);  // the orphan, as recorded
  EXPECT_EQ(examples[1].context[0].response, Bytes{42});
}

}  // namespace
}  // namespace protolm::clone
