// ConfigReader: reads the fields of a JSON configuration into plain values
// and keeps the first fault as a one-line error naming the file and the
// field's path ("probe.json: s7.areas[1].area: 'x' is not one of db, m, i,
// q"). Shared by the probe configurations of every protocol
// (probe_settings.h). A field left out keeps the value it had (the
// default). Not thread-safe; one per configuration read.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "util/status.h"

namespace protolm {

class ConfigReader {
 public:
  explicit ConfigReader(std::string origin) : origin_(std::move(origin)) {}

  /// Ok, or the first fault met.
  const Status& status() const { return status_; }

  /// Records a fault at `path` unless one came before.
  void Fail(const std::string& path, const std::string& what);

  /// A fault for every key of `object` in neither `keys` nor `more`.
  void RejectUnknown(const nlohmann::json& object, const std::string& path,
                     std::initializer_list<const char*> keys,
                     std::span<const char* const> more = {});

  /// An integer in min..max.
  template <typename T>
  void Int(const nlohmann::json& object, const std::string& path,
           const char* key, T& out, int64_t min, int64_t max) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number_integer()) return Fail(path + key, "must be an integer");
    const int64_t v = it->template get<int64_t>();
    if (v < min || v > max)
      return Fail(path + key, std::to_string(v) + " outside " +
                                  std::to_string(min) + ".." +
                                  std::to_string(max));
    out = static_cast<T>(v);
  }

  void Bool(const nlohmann::json& object, const std::string& path,
            const char* key, bool& out);

  /// A number in min..max.
  void Number(const nlohmann::json& object, const std::string& path,
              const char* key, double& out, double min, double max);

 private:
  std::string origin_;
  Status status_;
};

}  // namespace protolm
