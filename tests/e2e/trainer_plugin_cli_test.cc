// The trainer plugin (libtorch) end to end: `protolm` loads it only when it
// trains, and a missing, broken or stale plugin stops `protolm train` with
// one line naming the path, the reason and how to build it. (The working
// plugin is exercised by clone_cli_test.cc.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "run_protolm.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"

namespace protolm::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// protolm with PROTOLM_TRAINER set to `plugin` (through env(1)).
CommandResult RunWithPlugin(const std::string& plugin,
                            const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"env", "PROTOLM_TRAINER=" + plugin,
                                   PROTOLM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv);
}

// A dataset `protolm train` accepts: the exchanges of the sample capture.
std::string SampleDataset(const ScratchDir& dir) {
  const std::string dataset = dir.Path("dataset.jsonl");
  CommandResult ingest = RunProtolm(
      {"ingest",
       std::string(PROTOLM_SOURCE_DIR) + "/samples/modbus-sample.pcap", "-o",
       dataset});
  EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
  return dataset;
}

TEST(TrainerPluginCli, MissingPluginIsOneClearLine) {
  ScratchDir dir;
  CommandResult r = RunWithPlugin("/nonexistent/libprotolm_trainer.so",
                                  {"train", "--dataset", SampleDataset(dir),
                                   "--epochs", "1", "-o", dir.Path("m.plm")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot load the trainer plugin (libtorch) "
                               "PROTOLM_TRAINER=/nonexistent/"
                               "libprotolm_trainer.so"));
  EXPECT_THAT(r.err, HasSubstr("No such file or directory"));
  EXPECT_THAT(r.err, HasSubstr("--target protolm_trainer"));
  EXPECT_THAT(r.err, Not(HasSubstr("training a")));
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

TEST(TrainerPluginCli, FileThatIsNotAPluginIsRefused) {
  ScratchDir dir;
  const std::string fake = dir.Path("libprotolm_trainer.so");
  // Longer than an ELF header, so the loader reads the magic and refuses it.
  WriteFile(fake, std::string(256, '#'));
  CommandResult r =
      RunWithPlugin(fake, {"train", "--dataset", SampleDataset(dir), "--epochs",
                           "1", "-o", dir.Path("m.plm")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("PROTOLM_TRAINER=" + fake));
  EXPECT_THAT(r.err, HasSubstr("invalid ELF header"));
}

// A shared object built with cc(1) from `source`.
std::string BuildSharedObject(const ScratchDir& dir,
                              const std::string& source) {
  const std::string c_file = dir.Path("plugin.c");
  const std::string so_file = dir.Path("libprotolm_trainer.so");
  WriteFile(c_file, source);
  CommandResult cc =
      RunCommand({"cc", "-shared", "-fPIC", "-o", so_file, c_file});
  EXPECT_EQ(cc.exit_code, 0) << cc.err;
  return so_file;
}

TEST(TrainerPluginCli, SharedObjectWithoutTheEntryPointIsRefused) {
  ScratchDir dir;
  const std::string plugin = BuildSharedObject(
      dir, "int protolm_something_else(void) { return 1; }\n");
  CommandResult r =
      RunWithPlugin(plugin, {"train", "--dataset", SampleDataset(dir),
                             "--epochs", "1", "-o", dir.Path("m.plm")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not a protolm trainer plugin"));
  EXPECT_THAT(r.err, HasSubstr("protolm_trainer_api"));
}

TEST(TrainerPluginCli, StalePluginIsRefusedBeforeItIsCalled) {
  ScratchDir dir;
  // The table's first member is the API version; this one is from the future.
  const std::string plugin = BuildSharedObject(
      dir,
      "struct table { unsigned version; unsigned long long layout; "
      "void* train; };\n"
      "static const struct table t = {999, 0, 0};\n"
      "const struct table* protolm_trainer_api(void) { return &t; }\n");
  CommandResult r =
      RunWithPlugin(plugin, {"train", "--dataset", SampleDataset(dir),
                             "--epochs", "1", "-o", dir.Path("m.plm")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is a stale trainer plugin (API version 999"));
  EXPECT_THAT(r.err, HasSubstr("rebuild it: cmake --build"));
}

TEST(TrainerPluginCli, CommandsThatDoNotTrainNeverLoadIt) {
  CommandResult r =
      RunWithPlugin("/nonexistent/libprotolm_trainer.so", {"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0."));
}

}  // namespace
}  // namespace protolm::testing
