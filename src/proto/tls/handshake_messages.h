// The bodies of every TLS 1.0-1.3 handshake message besides the hellos.
//
// Certificate (TLS 1.2 list or TLS 1.3 context + entries with extensions),
// CertificateRequest (TLS 1.0/1.1, 1.2 and 1.3 forms), NewSessionTicket (1.2
// and 1.3), EncryptedExtensions, CertificateVerify (with or without the
// signature scheme), CertificateStatus, KeyUpdate, Finished, the empty ones
// (HelloRequest, ServerHelloDone, EndOfEarlyData), and the key exchanges,
// shown as opaque bytes with their length (their form depends on the cipher
// suite, which a stateless codec does not know). Where one message type has
// several forms by version, the form whose lengths fill the body exactly is
// taken, since a codec that sees one record at a time does not know the
// version either. Other types are shown as opaque bodies. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "proto/field_tree.h"
#include "proto/tls/field_cursor.h"
#include "util/status.h"

namespace protolm::tls {

/// Dissects the body of a message of `type` into `message`. `*name` is the
/// message's name, which the body may refine ("hello_retry_request").
Status DissectHandshakeBody(uint8_t type, Cursor& body, Field& message,
                            std::string* name);

}  // namespace protolm::tls
