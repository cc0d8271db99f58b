// Function 43 bodies (see device_identification.h).
#include "proto/modbus/device_identification.h"

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"
#include "proto/modbus/function_code.h"

namespace protolm::modbus {

Result<DeviceIdRequest> DecodeDeviceIdRequest(PduReader& in) {
  DeviceIdRequest body;
  ASSIGN_OR_RETURN(body.read_code, in.U8("read_code", kLevelAddressing));
  ASSIGN_OR_RETURN(body.object_id, in.U8("object_id", kLevelAddressing));
  return body;
}

Result<DeviceIdResponse> DecodeDeviceIdResponse(PduReader& in) {
  DeviceIdResponse body;
  ASSIGN_OR_RETURN(body.read_code, in.U8("read_code", kLevelAddressing));
  ASSIGN_OR_RETURN(body.conformity_level,
                   in.U8("conformity_level", kLevelValues));
  ASSIGN_OR_RETURN(body.more_follows, in.U8("more_follows", kLevelAddressing));
  ASSIGN_OR_RETURN(body.next_object_id,
                   in.U8("next_object_id", kLevelAddressing));
  ASSIGN_OR_RETURN(uint8_t count, in.U8("number_of_objects", kLevelAddressing));
  in.Open("objects");
  for (int i = 0; i < count; ++i) {
    in.Open("object");
    DeviceObject object;
    ASSIGN_OR_RETURN(object.id, in.U8("object_id", kLevelValues));
    ASSIGN_OR_RETURN(uint8_t length, in.U8("object_length", kLevelHidden));
    ASSIGN_OR_RETURN(ByteView value,
                     in.Text("object_value", length, kLevelValues));
    object.value.assign(value.begin(), value.end());
    in.Close();
    body.objects.push_back(std::move(object));
  }
  in.Close();
  return body;
}

Result<MeiPdu> DecodeMeiPdu(PduReader& in, uint8_t mei_type) {
  ASSIGN_OR_RETURN(ByteView data, in.Hex("data", in.remaining(), kLevelValues));
  return MeiPdu{mei_type, Bytes(data.begin(), data.end())};
}

Status EncodeBody(const DeviceIdRequest& body, ByteWriter& out) {
  out.U8(kMeiReadDeviceIdentification);
  out.U8(body.read_code);
  out.U8(body.object_id);
  return Status::Ok();
}

Status EncodeBody(const DeviceIdResponse& body, ByteWriter& out) {
  RETURN_IF_ERROR(CheckCountFits(body.objects.size(), 255, "device objects"));
  out.U8(kMeiReadDeviceIdentification);
  out.U8(body.read_code);
  out.U8(body.conformity_level);
  out.U8(body.more_follows);
  out.U8(body.next_object_id);
  out.U8(static_cast<uint8_t>(body.objects.size()));
  for (const DeviceObject& object : body.objects) {
    RETURN_IF_ERROR(
        CheckCountFits(object.value.size(), 255, "device object length"));
    out.U8(object.id);
    out.U8(static_cast<uint8_t>(object.value.size()));
    out.Append(object.value);
  }
  return Status::Ok();
}

Status EncodeBody(const MeiPdu& body, ByteWriter& out) {
  out.U8(body.mei_type);
  out.Append(body.data);
  return Status::Ok();
}

}  // namespace protolm::modbus
