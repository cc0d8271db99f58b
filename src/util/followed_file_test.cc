// Following a growing file: new lines, truncation, rotation and the stop
// that loses nothing written before it.
#include "util/followed_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace protolm {
namespace {

namespace fs = std::filesystem;

class FollowedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("followed_file_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    path_ = (dir_ / "live.log").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Append(const std::string& text) {
    std::ofstream out(path_, std::ios::app | std::ios::binary);
    out << text;
  }

  std::unique_ptr<FollowedFile> Follow(bool from_start) {
    auto followed = FollowedFile::Open(
        path_, stop_, {from_start, std::chrono::milliseconds(5)});
    EXPECT_TRUE(followed.ok()) << followed.status().message();
    return followed.ok() ? std::move(followed).value() : nullptr;
  }

  std::string NextLine(FollowedFile& followed) {
    std::string line;
    std::getline(followed.stream(), line);
    return line;
  }

  fs::path dir_;
  std::string path_;
  std::atomic<bool> stop_{false};
};

TEST_F(FollowedFileTest, WaitsAtTheEndForLinesWrittenLater) {
  Append("one\n");
  auto followed = Follow(/*from_start=*/true);
  ASSERT_NE(followed, nullptr);
  EXPECT_EQ(NextLine(*followed), "one");
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    Append("two\n");
  });
  EXPECT_EQ(NextLine(*followed), "two");
  writer.join();
  EXPECT_EQ(followed->bytes_read(), 8u);
}

TEST_F(FollowedFileTest, StartsAtTheCurrentEndByDefault) {
  Append("old\n");
  auto followed = Follow(/*from_start=*/false);
  ASSERT_NE(followed, nullptr);
  Append("new\n");
  EXPECT_EQ(NextLine(*followed), "new");
}

TEST_F(FollowedFileTest, StopEndsTheStreamAfterWhatWasWrittenBeforeIt) {
  Append("");
  auto followed = Follow(/*from_start=*/true);
  ASSERT_NE(followed, nullptr);
  Append("a\nb\n");
  stop_ = true;
  EXPECT_EQ(NextLine(*followed), "a");
  EXPECT_EQ(NextLine(*followed), "b");
  std::string line;
  EXPECT_FALSE(std::getline(followed->stream(), line));
}

TEST_F(FollowedFileTest, ReadsATruncatedFileAgainFromItsStart) {
  Append("first line\n");
  auto followed = Follow(/*from_start=*/true);
  ASSERT_NE(followed, nullptr);
  EXPECT_EQ(NextLine(*followed), "first line");
  { std::ofstream truncate(path_, std::ios::trunc); }
  Append("x\n");
  EXPECT_EQ(NextLine(*followed), "x");
  EXPECT_EQ(followed->restarts(), 1u);
}

TEST_F(FollowedFileTest, FollowsTheNewFileAfterRotation) {
  Append("before\n");
  auto followed = Follow(/*from_start=*/true);
  ASSERT_NE(followed, nullptr);
  EXPECT_EQ(NextLine(*followed), "before");
  Append("last of old\n");
  fs::rename(path_, path_ + ".1");
  Append("first of new\n");
  EXPECT_EQ(NextLine(*followed), "last of old");
  EXPECT_EQ(NextLine(*followed), "first of new");
  EXPECT_EQ(followed->restarts(), 1u);
}

TEST_F(FollowedFileTest, AMissingFileIsAOneLineError) {
  auto followed = FollowedFile::Open((dir_ / "absent.log").string(), stop_);
  ASSERT_FALSE(followed.ok());
  EXPECT_EQ(followed.status().code(), StatusCode::kIoError);
  EXPECT_NE(followed.status().message().find("absent.log: cannot open"),
            std::string::npos);
}

}  // namespace
}  // namespace protolm
