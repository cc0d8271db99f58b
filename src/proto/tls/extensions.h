// TLS extensions: the list every hello, EncryptedExtensions, TLS 1.3
// Certificate entry, CertificateRequest and NewSessionTicket may carry.
//
// Each extension becomes an "extension" field whose "type" (level 3: the
// extension list is a key field) is named per the IANA registry, GREASE
// values included ("grease_0x1a1a"), unknown ones by number ("65000"). The
// data of the common extensions is dissected by name (server names, groups,
// signature schemes, ALPN protocols, versions, key shares, PSK identities,
// ECH, ...); where an extension's form depends on the message (key_share in
// a ClientHello, a ServerHello or a HelloRetryRequest), the context says
// which. Data that does not fill its extension exactly is a malformation
// naming the extension. Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "proto/field_tree.h"
#include "proto/tls/field_cursor.h"
#include "util/status.h"

namespace protolm::tls {

/// The message an extension list is part of.
enum class ExtensionContext : uint8_t {
  kClientHello,
  kServerHello,
  kHelloRetryRequest,
  kEncryptedExtensions,
  kCertificate,
  kCertificateRequest,
  kNewSessionTicket,
};

/// Reads a 2-byte-length extension list from `in` into an "extensions"
/// field of `parent`.
Status DissectExtensions(Cursor& in, ExtensionContext context, Field& parent);

}  // namespace protolm::tls
