// Reading JSON configuration fields with located errors (see
// config_reader.h).
#include "proto/config_reader.h"

#include <set>

namespace protolm {

void ConfigReader::Fail(const std::string& path, const std::string& what) {
  if (status_.ok()) status_ = Malformed(origin_ + ": " + path + ": " + what);
}

void ConfigReader::RejectUnknown(const nlohmann::json& object,
                                 const std::string& path,
                                 std::initializer_list<const char*> keys,
                                 std::span<const char* const> more) {
  std::set<std::string> known(keys.begin(), keys.end());
  known.insert(more.begin(), more.end());
  for (const auto& [key, value] : object.items())
    if (!known.count(key))
      Fail(path + key, "unknown key (see docs/probe-and-metrics.md)");
}

void ConfigReader::Bool(const nlohmann::json& object, const std::string& path,
                        const char* key, bool& out) {
  auto it = object.find(key);
  if (it == object.end()) return;
  if (!it->is_boolean()) return Fail(path + key, "must be true or false");
  out = it->get<bool>();
}

void ConfigReader::Number(const nlohmann::json& object,
                          const std::string& path, const char* key,
                          double& out, double min, double max) {
  auto it = object.find(key);
  if (it == object.end()) return;
  if (!it->is_number()) return Fail(path + key, "must be a number");
  const double v = it->get<double>();
  if (v < min || v > max)
    return Fail(path + key, "outside " + std::to_string(min) + ".." +
                                std::to_string(max));
  out = v;
}

}  // namespace protolm
