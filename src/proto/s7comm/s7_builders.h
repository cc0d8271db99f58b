// Builders of the S7comm PDUs a client, a prober or a simulated PLC sends.
//
// Each returns a typed S7Pdu; encode it with EncodeS7Pdu (s7_encode.h) or put
// it on the wire with FrameS7Pdu (message.h). Builders fill in the constant
// parts the way Siemens S7-300 PLCs and snap7 do (userdata method and
// parameter lengths, transport sizes, "last data unit"), so a built PDU is
// byte-identical to a captured one that says the same thing. Pure functions.
#pragma once

#include <cstdint>
#include <vector>

#include "proto/s7comm/s7_pdu.h"
#include "util/bytes.h"

namespace protolm::s7comm {

/// Setup communication job (client) and its ack_data (PLC).
S7Pdu SetupCommunicationJob(uint16_t pdu_ref, uint16_t max_amq_calling,
                            uint16_t max_amq_called, uint16_t pdu_length);
S7Pdu SetupCommunicationAckData(uint16_t pdu_ref, uint16_t max_amq_calling,
                                uint16_t max_amq_called, uint16_t pdu_length);

/// Read var job with any-pointer (or opaque) items, and its ack_data with one
/// data item per requested item.
S7Pdu ReadVarJob(uint16_t pdu_ref, std::vector<VarItem> items);
S7Pdu ReadVarAckData(uint16_t pdu_ref, std::vector<DataItem> items);

/// Write var job (items and their data, same order; the data items' return
/// codes become 0x00, as requests carry them) and its ack_data with one
/// return code per item.
S7Pdu WriteVarJob(uint16_t pdu_ref, std::vector<VarItem> items,
                  std::vector<DataItem> data);
S7Pdu WriteVarAckData(uint16_t pdu_ref, std::vector<uint8_t> return_codes);

/// An ack_data or ack that refuses a job: error class and code in the
/// header, no parameter, no data.
S7Pdu ErrorAckData(uint16_t pdu_ref, uint8_t error_class, uint8_t error_code);
S7Pdu ErrorAck(uint16_t pdu_ref, uint8_t error_class, uint8_t error_code);

/// A data item holding `value`: success, byte/word/dword transport size.
DataItem ByteData(Bytes value);
/// A data item holding one bit (a bit read/write).
DataItem BitData(bool value);
/// A data item reporting a failed access (no value).
DataItem ErrorData(ReturnCode code);

/// SZL read request (userdata, CPU functions, subfunction 1).
S7Pdu SzlReadRequest(uint16_t pdu_ref, uint16_t szl_id, uint16_t szl_index);
/// A complete SZL read response with `records` (each record_length bytes);
/// `sequence` is the PLC's userdata sequence number.
S7Pdu SzlReadResponse(uint16_t pdu_ref, uint8_t sequence, uint16_t szl_id,
                      uint16_t szl_index, uint16_t record_length,
                      std::vector<Bytes> records);
/// An SZL read refused with a userdata error code (0xd401: unknown SZL id,
/// 0xd402: unknown index, ...).
S7Pdu SzlReadError(uint16_t pdu_ref, uint8_t sequence, uint16_t error_code);

}  // namespace protolm::s7comm
