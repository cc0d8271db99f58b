// The TLS codec: TLS 1.0-1.3 (and SSLv3, SSLv2-compatible hellos) over TCP,
// port 443, without decryption (see proto/codec.h for the interface).
//
// How the Codec's framing maps onto TLS. The interface frames a stream into
// units that are dissected one at a time, statelessly. A TLS stream is a
// run of records, and handshake messages are a second stream inside the
// handshake records: several messages may share a record, and one message
// may span several records. The framed unit is therefore one record, or,
// when a handshake message runs past the end of its record, the run of
// handshake records up to the first that ends at a message boundary
// (record.h). Dissect shows the records of the unit and every handshake
// message in it whole (unit.h), so coalesced messages are children of one
// unit and fragmented ones are joined. Handshake records after
// ChangeCipherSpec are encrypted; a stateless codec recognises them by shape
// (handshake_shape.h). Detection scores a plausible record header, most of
// all a ClientHello or ServerHello. Stateless and thread-safe.
#pragma once

#include <string_view>

#include "proto/codec.h"

namespace protolm::tls {

/// The process-wide TLS codec.
const Codec& TlsCodec();

/// The codec's name: the --protocol value, the datasets' "protocol" field.
inline constexpr std::string_view kProtocolName = "tls";

}  // namespace protolm::tls
