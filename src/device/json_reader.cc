// JsonReader: typed, path-reporting reads of profile JSON (json_reader.h).
#include "device/json_reader.h"

#include <algorithm>
#include <charconv>

namespace protolm::device {

std::string JsonFaults::Summary() const {
  constexpr size_t kShown = 5;
  std::string out;
  for (size_t i = 0; i < faults_.size() && i < kShown; ++i) {
    if (i) out += "; ";
    out += faults_[i];
  }
  if (faults_.size() > kShown) {
    out += "; and " + std::to_string(faults_.size() - kShown) + " more";
  }
  return out;
}

JsonReader::JsonReader(const nlohmann::json& value, std::string path,
                       JsonFaults& faults)
    : value_(value),
      path_(std::move(path)),
      faults_(faults),
      is_object_(value.is_object()) {
  if (!is_object_) faults_.Add(path_, "expected an object");
}

bool JsonReader::Has(const char* key) const {
  return is_object_ && value_.contains(key);
}

const nlohmann::json* JsonReader::Get(const char* key) {
  if (!Has(key)) return nullptr;
  read_.emplace_back(key);
  return &value_.at(key);
}

void JsonReader::String(const char* key, std::string& out) {
  const nlohmann::json* v = Get(key);
  if (!v) return;
  if (!v->is_string()) {
    faults_.Add(path_ + "." + key, "expected a string");
    return;
  }
  out = v->get<std::string>();
}

void JsonReader::Bool(const char* key, bool& out) {
  const nlohmann::json* v = Get(key);
  if (!v) return;
  if (!v->is_boolean()) {
    faults_.Add(path_ + "." + key, "expected true or false");
    return;
  }
  out = v->get<bool>();
}

void JsonReader::Double(const char* key, double& out) {
  const nlohmann::json* v = Get(key);
  if (!v) return;
  if (!v->is_number()) {
    faults_.Add(path_ + "." + key, "expected a number");
    return;
  }
  out = v->get<double>();
}

bool JsonReader::ToInteger(const nlohmann::json& v, const std::string& path,
                           int64_t min, int64_t max, int64_t& out) {
  int64_t parsed = 0;
  bool ok = false;
  if (v.is_number_integer()) {
    parsed = v.get<int64_t>();
    ok = true;
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    int base = 10;
    size_t skip = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      base = 16;
      skip = 2;
    }
    const char* end = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(s.data() + skip, end, parsed, base);
    ok = ec == std::errc() && ptr == end && skip < s.size();
  }
  if (!ok || parsed < min || parsed > max) {
    faults_.Add(path, "expected an integer " + std::to_string(min) + ".." +
                          std::to_string(max) + ", got " + v.dump());
    return false;
  }
  out = parsed;
  return true;
}

void JsonReader::Integer(const char* key, int64_t min, int64_t max,
                         int64_t& out) {
  const nlohmann::json* v = Get(key);
  if (!v) return;
  ToInteger(*v, path_ + "." + key, min, max, out);
}

void JsonReader::Finish() {
  if (!is_object_) return;
  for (const auto& [key, unused] : value_.items()) {
    if (std::find(read_.begin(), read_.end(), key) == read_.end()) {
      faults_.Add(path_ + "." + key, "unknown key (see docs/device.md)");
    }
  }
}

}  // namespace protolm::device
