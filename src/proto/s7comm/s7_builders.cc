// S7comm PDU builders (see s7_builders.h).
#include "proto/s7comm/s7_builders.h"

#include <utility>

namespace protolm::s7comm {
namespace {

S7Pdu Make(Rosctr rosctr, uint16_t pdu_ref, Body body) {
  S7Pdu p;
  p.rosctr = rosctr;
  p.pdu_ref = pdu_ref;
  p.body = std::move(body);
  return p;
}

UserdataParam SzlParam(UserdataType type) {
  UserdataParam u;
  u.type = type;
  u.group = static_cast<uint8_t>(UserdataGroup::kCpuFunctions);
  u.subfunction = kSubfunctionSzlRead;
  return u;
}

UserdataParam SzlResponseParam(uint8_t sequence, uint16_t error_code) {
  UserdataParam u = SzlParam(UserdataType::kResponse);
  u.method = kUserdataMethodResponse;
  u.sequence = sequence;
  u.continuation = UserdataParam::Continuation{0, 0, error_code};
  return u;
}

}  // namespace

S7Pdu SetupCommunicationJob(uint16_t pdu_ref, uint16_t max_amq_calling,
                            uint16_t max_amq_called, uint16_t pdu_length) {
  return Make(
      Rosctr::kJob, pdu_ref,
      SetupCommunication{0, max_amq_calling, max_amq_called, pdu_length});
}

S7Pdu SetupCommunicationAckData(uint16_t pdu_ref, uint16_t max_amq_calling,
                                uint16_t max_amq_called, uint16_t pdu_length) {
  return Make(
      Rosctr::kAckData, pdu_ref,
      SetupCommunication{0, max_amq_calling, max_amq_called, pdu_length});
}

S7Pdu ReadVarJob(uint16_t pdu_ref, std::vector<VarItem> items) {
  return Make(Rosctr::kJob, pdu_ref, ReadVarRequest{std::move(items)});
}

S7Pdu ReadVarAckData(uint16_t pdu_ref, std::vector<DataItem> items) {
  return Make(Rosctr::kAckData, pdu_ref, ReadVarResponse{std::move(items)});
}

S7Pdu WriteVarJob(uint16_t pdu_ref, std::vector<VarItem> items,
                  std::vector<DataItem> data) {
  for (DataItem& d : data)
    d.return_code = static_cast<uint8_t>(ReturnCode::kReserved);
  return Make(Rosctr::kJob, pdu_ref,
              WriteVarRequest{std::move(items), std::move(data)});
}

S7Pdu WriteVarAckData(uint16_t pdu_ref, std::vector<uint8_t> return_codes) {
  return Make(Rosctr::kAckData, pdu_ref,
              WriteVarResponse{std::move(return_codes)});
}

S7Pdu ErrorAckData(uint16_t pdu_ref, uint8_t error_class, uint8_t error_code) {
  S7Pdu p = Make(Rosctr::kAckData, pdu_ref, OpaqueBody{});
  p.error_class = error_class;
  p.error_code = error_code;
  return p;
}

S7Pdu ErrorAck(uint16_t pdu_ref, uint8_t error_class, uint8_t error_code) {
  S7Pdu p = ErrorAckData(pdu_ref, error_class, error_code);
  p.rosctr = Rosctr::kAck;
  return p;
}

DataItem ByteData(Bytes value) {
  return DataItem{static_cast<uint8_t>(ReturnCode::kSuccess), DataType::kByte,
                  std::move(value)};
}

DataItem BitData(bool value) {
  return DataItem{static_cast<uint8_t>(ReturnCode::kSuccess), DataType::kBit,
                  Bytes{static_cast<uint8_t>(value ? 1 : 0)}};
}

DataItem ErrorData(ReturnCode code) {
  return DataItem{static_cast<uint8_t>(code), DataType::kNull, {}};
}

S7Pdu SzlReadRequest(uint16_t pdu_ref, uint16_t szl_id, uint16_t szl_index) {
  UserdataData data;
  data.payload = SzlRequest{szl_id, szl_index};
  return Make(Rosctr::kUserdata, pdu_ref,
              Userdata{SzlParam(UserdataType::kRequest), std::move(data)});
}

S7Pdu SzlReadResponse(uint16_t pdu_ref, uint8_t sequence, uint16_t szl_id,
                      uint16_t szl_index, uint16_t record_length,
                      std::vector<Bytes> records) {
  SzlResponse list;
  list.id = szl_id;
  list.index = szl_index;
  list.record_length = record_length;
  list.record_count = static_cast<uint16_t>(records.size());
  list.records = std::move(records);
  UserdataData data;
  data.payload = std::move(list);
  return Make(Rosctr::kUserdata, pdu_ref,
              Userdata{SzlResponseParam(sequence, 0), std::move(data)});
}

S7Pdu SzlReadError(uint16_t pdu_ref, uint8_t sequence, uint16_t error_code) {
  UserdataData data;
  data.return_code = static_cast<uint8_t>(ReturnCode::kObjectDoesNotExist);
  data.type = DataType::kNull;
  data.payload = Bytes{};
  return Make(
      Rosctr::kUserdata, pdu_ref,
      Userdata{SzlResponseParam(sequence, error_code), std::move(data)});
}

}  // namespace protolm::s7comm
