// Checked JSON field reads: see json_fields.h.
#include "detect/json_fields.h"

#include <cmath>

namespace protolm::detect {

namespace {

Result<const nlohmann::json*> Field(const nlohmann::json& object,
                                    const char* key) {
  if (!object.is_object()) {
    return Malformed(std::string("expected an object holding \"") + key + "\"");
  }
  auto it = object.find(key);
  if (it == object.end()) return Malformed(std::string("no \"") + key + "\"");
  return &*it;
}

}  // namespace

Result<uint64_t> ReadUnsigned(const nlohmann::json& object, const char* key,
                              uint64_t min, uint64_t max) {
  ASSIGN_OR_RETURN(const nlohmann::json* value, Field(object, key));
  if (!value->is_number_unsigned() || value->get<uint64_t>() < min ||
      value->get<uint64_t>() > max) {
    return Malformed(std::string("\"") + key + "\" is not an integer " +
                     std::to_string(min) + ".." + std::to_string(max));
  }
  return value->get<uint64_t>();
}

Result<double> ReadNumber(const nlohmann::json& object, const char* key) {
  ASSIGN_OR_RETURN(const nlohmann::json* value, Field(object, key));
  if (!value->is_number() || !std::isfinite(value->get<double>())) {
    return Malformed(std::string("\"") + key + "\" is not a finite number");
  }
  return value->get<double>();
}

Result<std::string> ReadString(const nlohmann::json& object, const char* key) {
  ASSIGN_OR_RETURN(const nlohmann::json* value, Field(object, key));
  if (!value->is_string()) {
    return Malformed(std::string("\"") + key + "\" is not a string");
  }
  return value->get<std::string>();
}

Result<const nlohmann::json*> ReadArray(const nlohmann::json& object,
                                        const char* key) {
  ASSIGN_OR_RETURN(const nlohmann::json* value, Field(object, key));
  if (!value->is_array()) {
    return Malformed(std::string("\"") + key + "\" is not an array");
  }
  return value;
}

Result<const nlohmann::json*> ReadObject(const nlohmann::json& object,
                                         const char* key) {
  ASSIGN_OR_RETURN(const nlohmann::json* value, Field(object, key));
  if (!value->is_object()) {
    return Malformed(std::string("\"") + key + "\" is not an object");
  }
  return value;
}

Result<uint64_t> UnsignedBelow(const nlohmann::json& value, uint64_t limit,
                               const char* what) {
  if (!value.is_number_unsigned() || value.get<uint64_t>() >= limit) {
    return Malformed(std::string(what) + " is not an integer below " +
                     std::to_string(limit));
  }
  return value.get<uint64_t>();
}

}  // namespace protolm::detect
