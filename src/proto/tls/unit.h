// One framed TLS unit (record.h) as a field tree with the pipeline's facts.
//
// The tree is rooted at "tls": one "record" field per record (content type,
// level 1 for the first record; version; length; and the content of
// records other than handshake), then one "handshake" field per handshake
// message of the unit's handshake records joined, each located at its bytes
// in the unit (a message in pieces covers the record headers between them).
// Faults are statuses naming the field and its unit offset: a record cut
// short, a record over 2^14 + 2048 bytes, an unknown content type or version,
// a length that does not match what it counts, a heartbeat's payload length
// over its message. The first fault is the status; dissection goes on with
// the next record where it can, so the tree shows what was read.
//
// PduInfo: every unit is an event, in either direction: TLS units answer no
// request (a flight goes one way, a unit may hold several messages), so the
// pipeline writes one record per unit rather than pairing them; the
// function is the first handshake message's name ("client_hello",
// "hello_retry_request", "encrypted_handshake_message") or the content type
// ("alert", "change_cipher_spec", "application_data", "heartbeat_request");
// a fatal alert is an exception. Pure function; thread-safe.
#pragma once

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/direction.h"

namespace protolm::tls {

Dissection DissectUnit(ByteView unit);

}  // namespace protolm::tls
