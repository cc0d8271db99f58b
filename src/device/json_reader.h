// Reading a JSON document into plain structs while collecting every fault
// with its path ("modbus.coils.count: expected an integer 0..65536").
//
// JsonReader wraps one JSON object; typed getters read optional keys,
// record a fault (and leave the target unchanged) when a value has the wrong
// type or range, and remember which keys were read so Finish() can report
// unknown keys (typos). Integers may also be written as "0x..." strings.
// Not thread-safe; used by one loader at a time.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace protolm::device {

/// The faults found so far while reading one document.
class JsonFaults {
 public:
  void Add(const std::string& path, const std::string& what) {
    faults_.push_back(path + ": " + what);
  }
  bool empty() const { return faults_.empty(); }
  /// The first few faults joined with "; " and a count of the rest.
  std::string Summary() const;

 private:
  std::vector<std::string> faults_;
};

class JsonReader {
 public:
  /// `value` must outlive the reader. A non-object records a fault and
  /// makes every getter a no-op.
  JsonReader(const nlohmann::json& value, std::string path, JsonFaults& faults);

  const std::string& path() const { return path_; }
  bool Has(const char* key) const;

  void String(const char* key, std::string& out);
  void Bool(const char* key, bool& out);
  void Double(const char* key, double& out);
  /// An integer in [min, max].
  void Integer(const char* key, int64_t min, int64_t max, int64_t& out);
  template <typename T>
  void Uint(const char* key, T& out, int64_t min = 0,
            int64_t max = std::numeric_limits<T>::max()) {
    int64_t v = out;
    Integer(key, min, max, v);
    out = static_cast<T>(v);
  }
  /// The value at key (nullptr when absent); marks it read.
  const nlohmann::json* Get(const char* key);
  /// Reads a value that is a JSON integer or "0x.." / decimal string.
  bool ToInteger(const nlohmann::json& v, const std::string& path, int64_t min,
                 int64_t max, int64_t& out);
  /// Records faults for keys never read.
  void Finish();
  JsonFaults& faults() { return faults_; }

 private:
  const nlohmann::json& value_;
  std::string path_;
  JsonFaults& faults_;
  std::vector<std::string> read_;
  bool is_object_;
};

}  // namespace protolm::device
