// The SSLv2-compatible ClientHello (RFC 5246 appendix E.2; RFC 6101 E.1):
// what old clients send first to reach SSLv3 and TLS servers.
//
// A 2-byte header with the high bit set holds the length; then message type
// 1, the highest version the client supports (level 3), the lengths of the
// cipher specs, session id and challenge, the 3-byte cipher specs (a TLS
// cipher suite when the first byte is 0, else an SSLv2 kind) and the session
// id and challenge. The tree is rooted like a record's: content_type "sslv2"
// (level 1), msg_type client_hello (level 2). Pure function; thread-safe.
#pragma once

#include "proto/field_tree.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

/// Dissects the unit `bytes` (header included) into `root`.
Status DissectSslv2ClientHello(ByteView bytes, Field& root);

}  // namespace protolm::tls
