// RunProtolm: RunCommand on the binary named by PROTOLM_BINARY (see
// run_protolm.h).
#include "run_protolm.h"

namespace protolm::testing {

CommandResult RunProtolm(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {PROTOLM_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv);
}

}  // namespace protolm::testing
