// Bodies of function 43 (encapsulated interface transport): read device
// identification (MEI type 14) and every other MEI type as opaque data.
//
// A read device identification request asks for a category of objects
// (read code 1 basic, 2 regular, 3 extended stream access, 4 one object)
// starting at an object id; the response lists objects (id, length, value)
// and says whether more follow and where to continue. The MEI type byte is
// part of these bodies on the wire; the dispatcher in pdu.cc reads it to
// choose the body. Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/modbus/pdu_reader.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

/// Read device id codes.
namespace read_code {
inline constexpr uint8_t kBasic = 1;
inline constexpr uint8_t kRegular = 2;
inline constexpr uint8_t kExtended = 3;
inline constexpr uint8_t kIndividual = 4;
}  // namespace read_code

/// more_follows values.
inline constexpr uint8_t kNoMoreObjects = 0x00;
inline constexpr uint8_t kMoreObjectsFollow = 0xFF;

struct DeviceIdRequest {
  uint8_t read_code = read_code::kBasic;
  uint8_t object_id = 0;  // 0 VendorName, 1 ProductCode, 2 MajorMinorRevision
  bool operator==(const DeviceIdRequest&) const = default;
};

struct DeviceObject {
  uint8_t id = 0;
  Bytes value;  // usually ASCII; at most 255 bytes
  bool operator==(const DeviceObject&) const = default;
};

struct DeviceIdResponse {
  uint8_t read_code = read_code::kBasic;
  uint8_t conformity_level = 0x01;  // 0x01-0x03, | 0x80 with individual access
  uint8_t more_follows = kNoMoreObjects;
  uint8_t next_object_id = 0;
  std::vector<DeviceObject> objects;  // number of objects = size
  bool operator==(const DeviceIdResponse&) const = default;
};

/// Function 43 with any MEI type but 14 (13 is CANopen general reference),
/// in either direction: the bytes after the MEI type, uninterpreted.
struct MeiPdu {
  uint8_t mei_type = 0;
  Bytes data;
  bool operator==(const MeiPdu&) const = default;
};

/// These decoders start after the MEI type byte, which the caller has read.
Result<DeviceIdRequest> DecodeDeviceIdRequest(PduReader& in);
/// Errors: Truncated when the object list ends before `number_of_objects`.
Result<DeviceIdResponse> DecodeDeviceIdResponse(PduReader& in);
Result<MeiPdu> DecodeMeiPdu(PduReader& in, uint8_t mei_type);

/// These encoders write the MEI type byte first.
Status EncodeBody(const DeviceIdRequest& body, ByteWriter& out);
/// OutOfRange when there are more than 255 objects or a value is longer.
Status EncodeBody(const DeviceIdResponse& body, ByteWriter& out);
Status EncodeBody(const MeiPdu& body, ByteWriter& out);

}  // namespace protolm::modbus
