// The built-in profiles' JSON text, compiled in from data/profiles/*.json
// (generated at build time by cmake/protolm_embed.cmake).
#pragma once

#include <span>
#include <string_view>
#include <utility>

namespace protolm::device {

/// (profile name = file name without ".json", JSON text) per built-in
/// profile; static storage, thread-safe.
std::span<const std::pair<std::string_view, std::string_view>>
BuiltinProfileTexts();

}  // namespace protolm::device
