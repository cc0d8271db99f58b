// libFuzzer target for the log readers: the first input byte picks the
// reader (log lines by HDFS block session, by windows with the syslog
// header, or DeepLog key sequences), the rest is the file. After a log
// reading, the miner's JSON must load back into the same templates, and
// matching (each template's own text) must learn nothing. Aborts on a
// broken TraceSink contract, a warning flood or a failed round trip.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "trace/logs/log_source.h"
#include "trace/logs/sequence_source.h"
#include "trace/sink_order_test_util.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  if (size < 1) return 0;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1,
                                    size - 1));
  // 10 line warnings, their count, the lines without session.
  testing::OrderCheckingSink sink(/*max_warnings=*/12);
  if (data[0] % 3 == 2) {
    (void)SequenceSource("fuzz", {.token_depth = 0}).Read(in, "fuzz", sink);
    sink.RequireAllEnded();
    return 0;
  }
  LogTemplateMiner miner({.max_templates = 50});
  LogSourceOptions options;
  options.token_depth = data[0] & 4 ? 1 : 0;
  if (data[0] % 3 == 0) {
    options.session_regex = "blk_-?[0-9]+";
    options.header = LogHeader::Preset("hdfs").value();
  } else {
    options.window_lines = 3;
    options.header = LogHeader::Preset("syslog").value();
  }
  (void)LogSource("fuzz.log", miner, options).Read(in, "fuzz.log", sink);
  sink.RequireAllEnded();

  nlohmann::json saved = miner.ToJson();
  Result<LogTemplateMiner> loaded = LogTemplateMiner::FromJson(saved);
  Require(loaded.ok() && loaded->ToJson() == saved);
  for (uint32_t id = 1; id <= loaded->size(); ++id)
    (void)loaded->Match(loaded->Find(id)->Text());
  Require(loaded->ToJson() == saved);
  return 0;
}
