// Modbus/TCP framing and resynchronisation (see framing.h).
#include "proto/modbus/framing.h"

#include "proto/modbus/function_code.h"
#include "proto/modbus/mbap.h"

namespace protolm::modbus {
namespace {

// Offset of the function code within an ADU.
constexpr size_t kFunctionCodeOffset = kMbapSize;

// A full header (through the function code) at `at` that looks like the
// specification's: protocol id 0, length 2..254, function code not 0.
bool PlausibleHeaderAt(ByteView stream, size_t at) {
  if (stream.size() - at < kFunctionCodeOffset + 1) return false;
  ByteReader in(stream.subspan(at));
  in.Skip(2);
  const uint16_t protocol_id = *in.U16Be();
  const uint16_t length = *in.U16Be();
  const uint8_t function = stream[at + kFunctionCodeOffset] & ~kExceptionBit;
  return protocol_id == kModbusProtocolId && length >= kMinMbapLength &&
         length <= kMaxSpecMbapLength && function != 0;
}

}  // namespace

FrameResult FrameAdu(ByteView stream) {
  ByteReader in(stream);
  if (!in.Skip(2)) return FrameResult::NeedMore();  // transaction id
  std::optional<uint16_t> protocol_id = in.U16Be();
  if (!protocol_id) return FrameResult::NeedMore();
  if (*protocol_id != kModbusProtocolId) return FrameResult::Invalid();
  std::optional<uint16_t> length = in.U16Be();
  if (!length) return FrameResult::NeedMore();
  if (*length < kMinMbapLength) return FrameResult::Invalid();
  const size_t adu_size = kAduSizeBase + *length;
  if (stream.size() < adu_size) return FrameResult::NeedMore(adu_size);
  return FrameResult::Complete(adu_size);
}

std::optional<size_t> FindAduStart(ByteView stream) {
  for (size_t at = 0; at + kFunctionCodeOffset < stream.size(); ++at) {
    if (!PlausibleHeaderAt(stream, at)) continue;
    const size_t length = (size_t{stream[at + 4]} << 8) | stream[at + 5];
    const size_t next = at + kAduSizeBase + length;
    if (next + kFunctionCodeOffset < stream.size() &&
        !PlausibleHeaderAt(stream, next)) {
      continue;
    }
    return at;
  }
  return std::nullopt;
}

}  // namespace protolm::modbus
