// TLS records in one direction of a TCP stream, and the framed unit the codec
// cuts from them.
//
// A record is a 5-byte header (content type, version, length) and a body of
// at most 2^14 + 2048 bytes (RFC 5246 6.2.3: a ciphertext's limit). The unit
// the codec frames is one record, except where handshake messages run past
// the end of a record: then the unit is the run of handshake records up to
// the first one that ends at a message boundary (as an S7 PDU is the run of
// its COTP units), so every handshake message is dissected whole. A unit
// may also be an SSLv2-compatible ClientHello (a 2-byte header with the high
// bit set, RFC 5246 appendix E.2). FrameUnit, like tshark, takes any record
// length (a record over the limit is a malformation Dissect reports);
// FindUnitStart, after lost bytes, wants a header within the limits and,
// when the next header is in view, that one too. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "proto/codec.h"
#include "util/bytes.h"

namespace protolm::tls {

inline constexpr size_t kRecordHeaderSize = 5;
/// The first byte of every SSLv3 and TLS record version.
inline constexpr uint8_t kRecordMajorVersion = 3;
/// The longest record body the specification allows (a ciphertext).
inline constexpr size_t kMaxRecordLength = (1u << 14) + 2048;
/// The most handshake records one framed unit joins.
inline constexpr size_t kMaxJoinedRecords = 32;

inline constexpr uint8_t kChangeCipherSpec = 20;
inline constexpr uint8_t kAlert = 21;
inline constexpr uint8_t kHandshake = 22;
inline constexpr uint8_t kApplicationData = 23;
inline constexpr uint8_t kHeartbeat = 24;

struct RecordHeader {
  uint8_t type = 0;
  uint16_t version = 0;
  uint16_t length = 0;
};

/// The header at the start of `bytes`, or nullopt when fewer than 5 bytes.
std::optional<RecordHeader> ReadRecordHeader(ByteView bytes);

/// A known content type, an SSLv3..TLS 1.3 version and a length within the
/// limit.
bool PlausibleRecordHeader(const RecordHeader& header);

/// The first bytes (5 or more) of an SSLv2-compatible ClientHello: the
/// 2-byte header's high bit, message type 1, version SSLv2 or SSLv3..TLS 1.3.
bool IsSslv2ClientHelloStart(ByteView bytes);

/// The unit at the start of `stream` (see above).
FrameResult FrameUnit(ByteView stream);

/// After lost bytes: the first offset with a plausible record header.
std::optional<size_t> FindUnitStart(ByteView stream);

}  // namespace protolm::tls
