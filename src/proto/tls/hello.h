// The bodies of ClientHello and ServerHello (TLS 1.0-1.3 and the drafts).
//
// ClientHello: the offered version (level 3), random, session id, cipher
// suites (named; GREASE and signalling values included), compression methods
// and extensions. ServerHello: the version (level 3), random, session id,
// the chosen cipher suite (level 3), compression method and extensions; a
// ServerHello whose random is RFC 8446's special value is a
// HelloRetryRequest, and TLS 1.3 draft versions (0x7fxx) use the draft layout
// without session id and compression method. Pure functions; thread-safe.
#pragma once

#include "proto/field_tree.h"
#include "proto/tls/field_cursor.h"
#include "util/status.h"

namespace protolm::tls {

Status DissectClientHello(Cursor& body, Field& message);

/// Also sets `*retry_request` when the message is a HelloRetryRequest.
Status DissectServerHello(Cursor& body, Field& message, bool* retry_request);

}  // namespace protolm::tls
