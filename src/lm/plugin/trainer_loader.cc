// Loading the trainer plugin on first use (see trainer_loader.h).
#include "lm/plugin/trainer_loader.h"

#include <dlfcn.h>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>
#include <vector>

namespace protolm::lm {
namespace {

// Compile definitions (lm/plugin/CMakeLists.txt): the plugin's file name,
// where this build tree puts it, and the build tree itself.
constexpr char kPluginFileName[] = PROTOLM_TRAINER_FILE_NAME;
constexpr char kPluginBuildPath[] = PROTOLM_TRAINER_BUILD_PATH;
constexpr char kBuildDir[] = PROTOLM_BUILD_DIR;

// What to do: `verb` is "build" or "rebuild".
std::string BuildHint(const char* verb) {
  return fmt::format("{} it: cmake --build {} --target protolm_trainer", verb,
                     kBuildDir);
}

std::string LoaderError() {
  const char* reason = dlerror();
  return reason != nullptr ? reason : "unknown dynamic loader error";
}

// dlopens `path` and checks that it is a plugin built from our headers.
// `where` names the path in errors ("PROTOLM_TRAINER=/x" or the path).
Result<const TrainerApi*> OpenPlugin(const std::string& path,
                                     const std::string& where) {
  // RTLD_LOCAL: the plugin's copies of our libraries stay its own.
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return IoError(
        fmt::format("cannot load the trainer plugin (libtorch) {}: {}; {}",
                    where, LoaderError(), BuildHint("build")));
  }
  // Handles are never closed: unloading libtorch is not safe, and the table
  // handed out lives in the plugin.
  auto entry =
      reinterpret_cast<TrainerApiEntry>(dlsym(handle, kTrainerEntryPoint));
  if (entry == nullptr) {
    return IoError(fmt::format("{} is not a protolm trainer plugin: {}; {}",
                               where, LoaderError(), BuildHint("build")));
  }
  const TrainerApi* api = entry();
  if (api == nullptr || api->version != kTrainerApiVersion ||
      api->layout != TrainerLayoutSignature() || api->train_model == nullptr ||
      api->train_token_model == nullptr) {
    return Unsupported(fmt::format(
        "{} is a stale trainer plugin (API version {}, layout {:#x}; this "
        "protolm needs version {}, layout {:#x}); {}",
        where, api != nullptr ? api->version : 0,
        api != nullptr ? api->layout : 0, kTrainerApiVersion,
        TrainerLayoutSignature(), BuildHint("rebuild")));
  }
  return api;
}

std::string ExecutableDirectory() {
  std::error_code error;
  std::filesystem::path exe =
      std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? "" : exe.parent_path().string();
}

Result<const TrainerApi*> FindAndOpenPlugin() {
  const char* from_environment = std::getenv("PROTOLM_TRAINER");
  if (from_environment != nullptr && *from_environment != '\0') {
    return OpenPlugin(from_environment,
                      std::string("PROTOLM_TRAINER=") + from_environment);
  }
  std::vector<std::string> candidates;
  const std::string exe_dir = ExecutableDirectory();
  if (!exe_dir.empty()) candidates.push_back(exe_dir + "/" + kPluginFileName);
  candidates.push_back(kPluginBuildPath);
  for (const std::string& path : candidates) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) return OpenPlugin(path, path);
  }
  return NotFound(fmt::format(
      "cannot load the trainer plugin (libtorch): no {} at {}; {} (or set "
      "PROTOLM_TRAINER to its path)",
      kPluginFileName, fmt::join(candidates, " or "), BuildHint("build")));
}

}  // namespace

Result<const TrainerApi*> LoadTrainer() {
  static std::mutex mutex;
  static const TrainerApi* loaded = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded == nullptr) {
    ASSIGN_OR_RETURN(loaded, FindAndOpenPlugin());
  }
  return loaded;
}

}  // namespace protolm::lm
