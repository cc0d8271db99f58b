// The TLS protocol descriptor (proto/protocol.h): the codec and the key log
// that decrypts sessions (tls_key_log.h).
//
// TLS has no device behaviour protolm models (no clone, no serving, no
// probing): every other facet keeps the descriptor's neutral default (no
// validator, grammar, memory image or knowledge; ProbeSettingsFrom is
// Unsupported, so probe and clone leave TLS out of their protocol lists).
#pragma once

#include "proto/protocol.h"

namespace protolm::tls {

/// The singleton; immutable, safe from any thread.
const Protocol& TlsProtocol();

}  // namespace protolm::tls
