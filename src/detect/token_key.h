// Token ids and the byte keys that let hash tables look up runs of them.
//
// Detectors count short runs of event ids (STIDE's windows, an n-gram's
// contexts, a trace's count vector). A run is keyed by the bytes of its ids,
// and the tables hash those bytes with heterogeneous lookup, so a lookup reads
// a view into the trace and allocates nothing; any run length and vocabulary
// size work the same way.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace protolm::detect {

/// An event type's index in a Vocabulary; 0 is the unknown event.
using TokenId = uint32_t;
inline constexpr TokenId kUnknownToken = 0;

/// The bytes of `run`, valid as long as the ids it views.
inline std::string_view RunKey(std::span<const TokenId> run) {
  return {reinterpret_cast<const char*>(run.data()), run.size_bytes()};
}

/// Hash for unordered containers keyed by std::string, looked up by view.
struct KeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view key) const {
    return std::hash<std::string_view>{}(key);
  }
};

}  // namespace protolm::detect
