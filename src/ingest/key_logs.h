// The key logs of a capture (--keylog): the files read once by every
// protocol that decrypts with them (proto/key_log.h), for the capture
// source to give each session of such a protocol its decryptor. Immutable
// once read; thread-safe.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "proto/key_log.h"
#include "util/status.h"

namespace protolm {

class KeyLogs {
 public:
  /// Reads `paths` for the protocol called `protocol`, or for every
  /// protocol that reads key logs when it is "auto". Lines that do not
  /// parse are reported through `on_warning`. Errors: InvalidArgument for
  /// an unknown protocol or one that reads no key logs (none in auto mode);
  /// IoError naming a file that cannot be read.
  static Result<std::shared_ptr<const KeyLogs>> Read(
      std::span<const std::string> paths, std::string_view protocol,
      const KeyLogWarning& on_warning);

  /// The key log of the protocol called `protocol`; nullptr when it has
  /// none.
  const KeyLog* For(std::string_view protocol) const;

 private:
  std::vector<std::pair<std::string, std::shared_ptr<const KeyLog>>> logs_;
};

}  // namespace protolm
