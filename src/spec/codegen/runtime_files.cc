// File names and selection of the embedded runtime (see runtime_files.h).
#include "spec/codegen/runtime_files.h"

#include <algorithm>

#include "spec/codegen/c_calls.h"

namespace protolm::spec::codegen {
namespace {

// Every file CMakeLists.txt embeds, in the order they are written.
constexpr std::string_view kFiles[] = {
    "plm_runtime.h", "plm_net.c",      "plm_tun.c",
    "icmp_node.c",   "icmp_samples.c", "icmp_interop_test.sh"};

std::string_view TextOf(std::string_view stem) {
  for (const auto& [name, text] : EmbeddedRuntimeFiles()) {
    if (name == stem) return text;
  }
  return {};  // not reached: CMakeLists.txt embeds every entry
}

// "icmp" for a source that includes "icmp_generated.h"; "" when it includes
// no generated header (the runtime library).
std::string_view GeneratedPrefixOf(std::string_view text) {
  constexpr std::string_view kInclude = "#include \"";
  constexpr std::string_view kGenerated = "_generated.h";
  for (size_t at = text.find(kInclude); at != std::string_view::npos;
       at = text.find(kInclude, at + 1)) {
    size_t start = at + kInclude.size();
    std::string_view header = text.substr(start, text.find('"', start) - start);
    if (header.ends_with(kGenerated)) {
      return header.substr(0, header.size() - kGenerated.size());
    }
  }
  return {};
}

RuntimeFile::Role RoleOf(std::string_view name, std::string_view text) {
  if (name.ends_with(".sh")) return RuntimeFile::Role::kTest;
  return GeneratedPrefixOf(text).empty() ? RuntimeFile::Role::kLibrary
                                         : RuntimeFile::Role::kProgram;
}

// A program links when it was written for this prefix and the generated code
// defines every function of that prefix it calls.
bool Links(std::string_view program, const std::string& prefix,
           const std::set<std::string>& functions) {
  if (GeneratedPrefixOf(program) != prefix) return false;
  std::set<std::string> calls = CalledFunctions(program);
  return std::all_of(calls.begin(), calls.end(), [&](const std::string& f) {
    return !f.starts_with(prefix + "_") || functions.count(f) > 0;
  });
}

// True when `script` names one of the programs among `files`.
bool RunsOneOf(const RuntimeFile& script,
               const std::vector<RuntimeFile>& files) {
  return std::any_of(files.begin(), files.end(), [&](const RuntimeFile& f) {
    return f.role == RuntimeFile::Role::kProgram &&
           script.text.find(f.stem()) != std::string_view::npos;
  });
}

}  // namespace

std::vector<RuntimeFile> RuntimeFilesFor(
    const std::string& prefix, const std::set<std::string>& functions) {
  std::vector<RuntimeFile> files, left_out;
  for (std::string_view name : kFiles) {
    RuntimeFile file;
    file.name = name;
    file.text = TextOf(file.stem());
    file.role = RoleOf(name, file.text);
    bool kept = file.role != RuntimeFile::Role::kProgram ||
                Links(file.text, prefix, functions);
    (kept ? files : left_out).push_back(std::move(file));
  }
  // A test script needs every program it runs, and runs at least one.
  std::vector<RuntimeFile> out;
  for (const RuntimeFile& file : files) {
    if (file.role == RuntimeFile::Role::kTest &&
        (!RunsOneOf(file, files) || RunsOneOf(file, left_out))) {
      continue;
    }
    out.push_back(file);
  }
  return out;
}

}  // namespace protolm::spec::codegen
