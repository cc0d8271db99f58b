// TLS record framing (see record.h).
#include "proto/tls/record.h"

#include "proto/tls/handshake_shape.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr uint8_t kSslv2HighBit = 0x80;
constexpr size_t kSslv2HeaderSize = 2;
constexpr uint8_t kSslv2ClientHello = 1;

/// What a stream too short for a whole header may still turn out to be.
FrameResult FrameShortStart(ByteView stream) {
  if (stream.empty()) return FrameResult::NeedMore();
  if ((stream[0] & kSslv2HighBit) != 0) {  // an SSLv2 ClientHello so far?
    if (stream.size() >= 3 && stream[2] != kSslv2ClientHello)
      return FrameResult::Invalid();
    if (stream.size() >= 4 && stream[3] != 0x00 &&
        stream[3] != kRecordMajorVersion) {
      return FrameResult::Invalid();
    }
    return FrameResult::NeedMore(kRecordHeaderSize);
  }
  if (!IsKnownContentType(stream[0])) return FrameResult::Invalid();
  if (stream.size() >= 2 && stream[1] != kRecordMajorVersion)
    return FrameResult::Invalid();
  return FrameResult::NeedMore(kRecordHeaderSize);
}

/// The records after the first handshake record, joined while its last
/// message runs on; the first record alone when they do not end a message.
FrameResult JoinHandshakeRecords(ByteView stream, const RecordHeader& first,
                                 size_t first_end) {
  HandshakeScanner scanner;
  scanner.Feed(stream.subspan(kRecordHeaderSize, first.length));
  size_t end = first_end;
  for (size_t records = 1; scanner.shape() == HandshakeShape::kPartial &&
                           records < kMaxJoinedRecords;
       ++records) {
    std::optional<RecordHeader> next = ReadRecordHeader(stream.subspan(end));
    if (!next) return FrameResult::NeedMore(end + kRecordHeaderSize);
    if (next->type != kHandshake || next->version != first.version ||
        next->length > kMaxRecordLength) {
      break;
    }
    const size_t next_end = end + kRecordHeaderSize + next->length;
    if (stream.size() < next_end) return FrameResult::NeedMore(next_end);
    scanner.Feed(stream.subspan(end + kRecordHeaderSize, next->length));
    end = next_end;
  }
  if (scanner.shape() == HandshakeShape::kWhole)
    return FrameResult::Complete(end);
  return FrameResult::Complete(first_end);
}

}  // namespace

std::optional<RecordHeader> ReadRecordHeader(ByteView bytes) {
  ByteReader in(bytes);
  std::optional<uint8_t> type = in.U8();
  std::optional<uint16_t> version = in.U16Be();
  std::optional<uint16_t> length = in.U16Be();
  if (!type || !version || !length) return std::nullopt;
  return RecordHeader{*type, *version, *length};
}

bool PlausibleRecordHeader(const RecordHeader& header) {
  return IsKnownContentType(header.type) && IsRecordVersion(header.version) &&
         header.length <= kMaxRecordLength;
}

bool IsSslv2ClientHelloStart(ByteView bytes) {
  if (bytes.size() < 5 || (bytes[0] & kSslv2HighBit) == 0) return false;
  const uint16_t version = static_cast<uint16_t>(bytes[3] << 8 | bytes[4]);
  return bytes[2] == kSslv2ClientHello &&
         (version == 0x0002 || IsRecordVersion(version));
}

FrameResult FrameUnit(ByteView stream) {
  if (stream.size() < kRecordHeaderSize) return FrameShortStart(stream);
  if (IsSslv2ClientHelloStart(stream)) {
    const size_t size = kSslv2HeaderSize +
                        (size_t{stream[0] & 0x7fu} << 8 | stream[1]);
    if (stream.size() < size) return FrameResult::NeedMore(size);
    return FrameResult::Complete(size);
  }
  const RecordHeader header = *ReadRecordHeader(stream);
  if (!IsKnownContentType(header.type) ||
      (header.version >> 8) != kRecordMajorVersion) {
    return FrameResult::Invalid();
  }
  const size_t end = kRecordHeaderSize + header.length;
  if (stream.size() < end) return FrameResult::NeedMore(end);
  if (header.type != kHandshake) return FrameResult::Complete(end);
  return JoinHandshakeRecords(stream, header, end);
}

std::optional<size_t> FindUnitStart(ByteView stream) {
  for (size_t at = 0; at + kRecordHeaderSize <= stream.size(); ++at) {
    const RecordHeader header = *ReadRecordHeader(stream.subspan(at));
    if (!PlausibleRecordHeader(header)) continue;
    const size_t next = at + kRecordHeaderSize + header.length;
    if (next + kRecordHeaderSize <= stream.size() &&
        !PlausibleRecordHeader(*ReadRecordHeader(stream.subspan(next)))) {
      continue;
    }
    return at;
  }
  return std::nullopt;
}

}  // namespace protolm::tls
