// Checked reads of the fields of a detector model's JSON (an untrusted file).
//
// Each reader returns the value or a one-line Malformed status naming the key
// ("ngram: \"order\" is not an integer 1..8"); none throws, whatever the
// document holds. Shared by the vocabulary, the detectors and the model file.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "util/status.h"

namespace protolm::detect {

/// object[key], an unsigned integer in [min, max].
Result<uint64_t> ReadUnsigned(const nlohmann::json& object, const char* key,
                              uint64_t min, uint64_t max);
/// object[key], a finite number.
Result<double> ReadNumber(const nlohmann::json& object, const char* key);
/// object[key], a string.
Result<std::string> ReadString(const nlohmann::json& object, const char* key);
/// object[key], an array (a pointer into `object`).
Result<const nlohmann::json*> ReadArray(const nlohmann::json& object,
                                        const char* key);
/// object[key], an object (a pointer into `object`).
Result<const nlohmann::json*> ReadObject(const nlohmann::json& object,
                                         const char* key);
/// `value` itself, an unsigned integer below `limit`.
Result<uint64_t> UnsignedBelow(const nlohmann::json& value, uint64_t limit,
                               const char* what);

}  // namespace protolm::detect
