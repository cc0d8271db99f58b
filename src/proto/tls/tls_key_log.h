// The TLS descriptor's key log (Protocol::ReadKeyLog): NSS key log files
// (crypto/nss_key_log.h) read once, and a decryptor per session
// (session_decryptor.h) over them.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "proto/key_log.h"
#include "util/status.h"

namespace protolm::tls {

/// Errors: IoError naming the first file that cannot be read.
Result<std::shared_ptr<const KeyLog>> ReadTlsKeyLog(
    std::span<const std::string> paths, const KeyLogWarning& on_warning);

}  // namespace protolm::tls
