// The content of records other than handshake: alerts, ChangeCipherSpec,
// heartbeats and application data.
//
// An alert is a level (level 3) and a description (level 2, by name); a
// record of other than a whole number of plaintext alerts is an encrypted
// alert (description "encrypted"). ChangeCipherSpec is the single byte 1. A
// heartbeat message is its type (level 2), the payload length, the payload
// and at least 16 bytes of padding; a payload length the message cannot hold
// is a malformation (CVE-2014-0160, "Heartbleed"), as is too little padding.
// Application data is encrypted: only its length is shown. Each function
// fills `record` and returns the first fault. Pure functions; thread-safe.
#pragma once

#include "proto/field_tree.h"
#include "proto/tls/field_cursor.h"
#include "util/status.h"

namespace protolm::tls {

struct AlertFacts {
  bool fatal = false;
  bool encrypted = false;
};

Status DissectAlert(Cursor& body, Field& record, AlertFacts* facts);
Status DissectChangeCipherSpec(Cursor& body, Field& record);
/// Also gives the heartbeat message type.
Status DissectHeartbeat(Cursor& body, Field& record, uint8_t* type);
void DissectApplicationData(Cursor& body, Field& record);

}  // namespace protolm::tls
