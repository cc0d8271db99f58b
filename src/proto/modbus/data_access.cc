// Address/quantity and address/value bodies (see data_access.h).
#include "proto/modbus/data_access.h"

#include "proto/modbus/field_levels.h"

namespace protolm::modbus {

Result<ReadRequest> DecodeReadRequest(PduReader& in) {
  ReadRequest body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.quantity, in.U16("quantity", kLevelAddressing));
  return body;
}

Result<SingleWrite> DecodeSingleWrite(PduReader& in) {
  SingleWrite body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.value, in.U16("value", kLevelValues));
  return body;
}

Result<MultipleWriteResponse> DecodeMultipleWriteResponse(PduReader& in) {
  MultipleWriteResponse body;
  ASSIGN_OR_RETURN(body.address, in.U16("address", kLevelAddressing));
  ASSIGN_OR_RETURN(body.quantity, in.U16("quantity", kLevelAddressing));
  return body;
}

Status EncodeBody(const ReadRequest& body, ByteWriter& out) {
  out.U16Be(body.address);
  out.U16Be(body.quantity);
  return Status::Ok();
}

Status EncodeBody(const SingleWrite& body, ByteWriter& out) {
  out.U16Be(body.address);
  out.U16Be(body.value);
  return Status::Ok();
}

Status EncodeBody(const MultipleWriteResponse& body, ByteWriter& out) {
  out.U16Be(body.address);
  out.U16Be(body.quantity);
  return Status::Ok();
}

}  // namespace protolm::modbus
