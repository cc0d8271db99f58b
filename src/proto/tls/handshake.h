// Handshake messages in the reassembled handshake bytes of a framed unit.
//
// The bodies of a unit's handshake records, joined, hold whole messages
// (the framing joins records until they do): each becomes a "handshake" field
// with its msg_type (level 2) and length, and its body dissected by type.
// Bytes that are not plaintext messages (handshake_shape.h) are one
// encrypted handshake message (msg_type "encrypted_handshake_message"), as
// Wireshark shows a Finished after ChangeCipherSpec. A message longer than
// the bytes at hand is a truncation located at its length field. Fields are
// in stream offsets (the caller remaps them with the unit map). Pure
// function; thread-safe.
#pragma once

#include <string>

#include "proto/field_tree.h"
#include "proto/tls/field_cursor.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

/// Adds the messages of `stream` to `into`; `*first_name` is the first
/// message's name. Returns the first fault.
Status DissectHandshakeStream(ByteView stream, const UnitMap& map, Field& into,
                              std::string* first_name);

}  // namespace protolm::tls
