// ADU decoding, encoding and dissection (see adu.h).
#include "proto/modbus/adu.h"

#include <optional>
#include <string>
#include <utility>

#include "proto/modbus/encode_limits.h"
#include "proto/modbus/field_levels.h"

namespace protolm::modbus {
namespace {

// Everything one pass over an ADU learns.
struct AduParse {
  Status status;
  MbapHeader mbap;
  std::optional<Request> request;
  std::optional<Response> response;
};

Result<MbapHeader> ReadMbap(PduReader& in, size_t adu_size) {
  MbapHeader h;
  in.Open("mbap");
  ASSIGN_OR_RETURN(h.transaction_id, in.U16("trans_id", kLevelHidden));
  ASSIGN_OR_RETURN(h.protocol_id, in.U16("proto_id", kLevelHidden));
  ASSIGN_OR_RETURN(h.length, in.U16("length", kLevelHidden));
  ASSIGN_OR_RETURN(h.unit_id, in.U8("unit_id", kLevelAddressing));
  in.Close();
  if (h.protocol_id != kModbusProtocolId) {
    return in.MalformedAt(2, "protocol id " + std::to_string(h.protocol_id) +
                                 " is not 0; this is not Modbus/TCP");
  }
  if (h.length < kMinMbapLength) {
    return in.MalformedAt(4, "MBAP length " + std::to_string(h.length) +
                                 " is below 2 (unit id and function code)");
  }
  if (h.length > kMaxSpecMbapLength) {
    return in.MalformedAt(4, "MBAP length " + std::to_string(h.length) +
                                 " exceeds 254, the specification's maximum "
                                 "(a 260-byte ADU)");
  }
  const size_t announced = kAduSizeBase + h.length;
  if (announced > adu_size) {
    return Truncated("modbus ADU: truncated at offset " +
                     std::to_string(adu_size) + ": MBAP length " +
                     std::to_string(h.length) + " announces " +
                     std::to_string(announced) + " bytes, " +
                     std::to_string(adu_size) + " given");
  }
  if (announced < adu_size) {
    return in.MalformedAt(
        announced, std::to_string(adu_size - announced) + " bytes follow the " +
                       std::to_string(announced) +
                       "-byte ADU its MBAP length announces; frame "
                       "the stream with Frame() first");
  }
  return h;
}

AduParse ParseAdu(ByteView adu, Direction dir, Field* tree, PduInfo* info) {
  AduParse out;
  const bool is_request = dir == Direction::kClientToServer;
  if (tree != nullptr) {
    tree->name = is_request ? "modbus.req" : "modbus.resp";
    tree->offset = 0;
    tree->length = adu.size();
  }
  PduReader in(adu, tree);
  Result<MbapHeader> mbap = ReadMbap(in, adu.size());
  if (!mbap.ok()) {
    out.status = mbap.status();
    return out;
  }
  out.mbap = *mbap;
  if (info != nullptr) {
    info->role = is_request ? PduRole::kRequest : PduRole::kResponse;
    info->pair_key = PairKey(out.mbap);
  }
  PduHead head;
  if (is_request) {
    Result<Request> request = ReadRequestPdu(in, head);
    if (request.ok()) out.request = std::move(request).value();
    out.status = request.status();
  } else {
    Result<Response> response = ReadResponsePdu(in, head);
    if (response.ok()) out.response = std::move(response).value();
    out.status = response.status();
  }
  if (head.function_byte) {
    const bool exception = !is_request && (*head.function_byte & kExceptionBit);
    const uint8_t function = static_cast<uint8_t>(
        exception ? *head.function_byte & ~kExceptionBit : *head.function_byte);
    std::string name = FunctionName(function, head.mei_type);
    if (tree != nullptr) {
      if (exception) tree->name = "modbus.exc";
      tree->value = name;
    }
    if (info != nullptr) {
      info->function = std::move(name);
      info->exception = exception;
    }
  }
  return out;
}

template <typename AduT>
Result<Bytes> EncodeAnyAdu(const AduT& adu) {
  ASSIGN_OR_RETURN(Bytes pdu, EncodePdu(adu.pdu));
  RETURN_IF_ERROR(CheckCountFits(pdu.size() + 1, kMaxSpecMbapLength,
                                 "MBAP length (unit id + PDU)"));
  MbapHeader header = adu.mbap;
  header.length = static_cast<uint16_t>(pdu.size() + 1);
  ByteWriter out;
  EncodeMbap(header, out);
  out.Append(pdu);
  return out.Take();
}

Result<Field> TreeOf(Result<Bytes> encoded, Direction dir) {
  if (!encoded.ok()) return encoded.status();
  Dissection d = DissectAdu(*encoded, dir);
  if (!d.status.ok()) return d.status;
  return std::move(d.tree);
}

}  // namespace

Result<RequestAdu> DecodeRequestAdu(ByteView adu) {
  AduParse p = ParseAdu(adu, Direction::kClientToServer, nullptr, nullptr);
  if (!p.status.ok()) return p.status;
  return RequestAdu{p.mbap, std::move(*p.request)};
}

Result<ResponseAdu> DecodeResponseAdu(ByteView adu) {
  AduParse p = ParseAdu(adu, Direction::kServerToClient, nullptr, nullptr);
  if (!p.status.ok()) return p.status;
  return ResponseAdu{p.mbap, std::move(*p.response)};
}

Result<Bytes> EncodeAdu(const RequestAdu& adu) { return EncodeAnyAdu(adu); }
Result<Bytes> EncodeAdu(const ResponseAdu& adu) { return EncodeAnyAdu(adu); }

Dissection DissectAdu(ByteView adu, Direction dir) {
  Dissection d;
  AduParse p = ParseAdu(adu, dir, &d.tree, &d.info);
  d.status = std::move(p.status);
  return d;
}

Inspection InspectAdu(ByteView adu, Direction dir) {
  Inspection i;
  i.status = ParseAdu(adu, dir, nullptr, &i.info).status;
  return i;
}

Result<Field> ToTree(const RequestAdu& adu) {
  return TreeOf(EncodeAdu(adu), Direction::kClientToServer);
}

Result<Field> ToTree(const ResponseAdu& adu) {
  return TreeOf(EncodeAdu(adu), Direction::kServerToClient);
}

}  // namespace protolm::modbus
