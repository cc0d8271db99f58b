// File names and selection of the embedded runtime (see runtime_files.h).
#include "spec/codegen/runtime_files.h"

namespace protolm::spec::codegen {
namespace {

struct RuntimeEntry {
  std::string_view stem;
  std::string_view name;
  bool icmp_only;
  bool executable;
};

constexpr RuntimeEntry kEntries[] = {
    {"plm_runtime", "plm_runtime.h", false, false},
    {"plm_net", "plm_net.c", false, false},
    {"plm_tun", "plm_tun.c", false, false},
    {"icmp_node", "icmp_node.c", true, false},
    {"icmp_samples", "icmp_samples.c", true, false},
    {"icmp_interop_test", "icmp_interop_test.sh", true, true},
};

std::string_view TextOf(std::string_view stem) {
  for (const auto& [name, text] : EmbeddedRuntimeFiles()) {
    if (name == stem) return text;
  }
  return {};  // not reached: CMakeLists.txt embeds every entry
}

}  // namespace

std::vector<RuntimeFile> RuntimeFilesFor(const std::string& protocol) {
  std::vector<RuntimeFile> out;
  for (const RuntimeEntry& entry : kEntries) {
    if (entry.icmp_only && protocol != "ICMP") continue;
    out.push_back(
        {std::string(entry.name), TextOf(entry.stem), entry.executable});
  }
  return out;
}

}  // namespace protolm::spec::codegen
