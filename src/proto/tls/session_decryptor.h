// Decrypting one TLS session with a key log (proto/key_log.h's
// SessionDecryptor): records opened with the keys the handshake puts in
// use (session_keys.h), their plaintext framed into the codec's units
// again.
//
// A decrypted record becomes a plaintext record (its real content type,
// the sent version, the plaintext's length) and joins its direction's
// plaintext stream, which the codec's framing (record.h) cuts into units,
// so a handshake message split over encrypted records comes out whole and
// several messages in one record are one unit, as in cleartext. Each unit
// is shown to the session's keys before the next record is opened.
// Application data is not kept: its plaintext record holds zeros of the
// same length. A record that does not open (other keys, damage) goes on as
// it came, after any incomplete message before it, and the first of each
// direction is warned of; sessions the key log does not name and records
// before any keys pass unchanged. Not thread-safe.
#pragma once

#include <memory>

#include "proto/key_log.h"
#include "proto/tls/crypto/nss_key_log.h"

namespace protolm::tls {

std::unique_ptr<SessionDecryptor> NewTlsSessionDecryptor(
    std::shared_ptr<const NssKeyLog> log, KeyLogWarning on_warning);

}  // namespace protolm::tls
