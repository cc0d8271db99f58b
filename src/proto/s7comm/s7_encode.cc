// S7comm PDU encoding (see s7_encode.h).
#include "proto/s7comm/s7_encode.h"

#include <string>

#include "proto/s7comm/s7_names.h"

namespace protolm::s7comm {
namespace {

Status Bad(const std::string& what) {
  return InvalidArgument("s7comm encode: " + what);
}

/// Writes the parameter and data parts of each body kind.
class BodyWriter {
 public:
  BodyWriter(Rosctr rosctr, ByteWriter& param, ByteWriter& data)
      : rosctr_(rosctr), param_(param), data_(data) {}

  Status operator()(const OpaqueBody& b) {
    if (rosctr_ == Rosctr::kUserdata)
      return Bad("a userdata PDU needs a Userdata body");
    param_.Append(b.param);
    data_.Append(b.data);
    return Status::Ok();
  }

  Status operator()(const SetupCommunication& s) {
    if (rosctr_ != Rosctr::kJob && rosctr_ != Rosctr::kAckData)
      return Bad("setup communication travels in a job or an ack_data");
    param_.U8(static_cast<uint8_t>(Function::kSetupCommunication));
    param_.U8(s.reserved);
    param_.U16Be(s.max_amq_calling);
    param_.U16Be(s.max_amq_called);
    param_.U16Be(s.pdu_length);
    return Status::Ok();
  }

  Status operator()(const ReadVarRequest& r) {
    if (rosctr_ != Rosctr::kJob) return Bad("a read var request is a job");
    return WriteItems(Function::kReadVar, r.items);
  }

  Status operator()(const WriteVarRequest& w) {
    if (rosctr_ != Rosctr::kJob) return Bad("a write var request is a job");
    if (w.data.size() != w.items.size())
      return Bad("write var request has " + std::to_string(w.items.size()) +
                 " items but " + std::to_string(w.data.size()) + " data items");
    RETURN_IF_ERROR(WriteItems(Function::kWriteVar, w.items));
    return WriteDataItems(w.data);
  }

  Status operator()(const ReadVarResponse& r) {
    if (rosctr_ != Rosctr::kAckData)
      return Bad("a read var response is an ack_data");
    RETURN_IF_ERROR(WriteFunctionAndCount(Function::kReadVar, r.items.size()));
    return WriteDataItems(r.items);
  }

  Status operator()(const WriteVarResponse& w) {
    if (rosctr_ != Rosctr::kAckData)
      return Bad("a write var response is an ack_data");
    RETURN_IF_ERROR(
        WriteFunctionAndCount(Function::kWriteVar, w.return_codes.size()));
    for (uint8_t code : w.return_codes) data_.U8(code);
    return Status::Ok();
  }

  Status operator()(const Userdata& u) {
    if (rosctr_ != Rosctr::kUserdata)
      return Bad("a userdata body needs ROSCTR 7 (userdata)");
    const UserdataParam& p = u.param;
    uint8_t type = static_cast<uint8_t>(p.type);
    if (type > 0x0f || p.group > 0x0f)
      return Bad("userdata type and group are 4 bits each");
    if (p.continuation && !p.extra.empty())
      return Bad("userdata parameter has both a continuation and extra bytes");
    if (!p.continuation && p.extra.size() == 4)
      return Bad(
          "4 extra userdata parameter bytes would read as a "
          "continuation; set `continuation` instead");
    size_t own_len = p.continuation ? 8 : 4 + p.extra.size();
    if (own_len > 255) return Bad("userdata parameter longer than 255 bytes");
    param_.U24Be(0x000112);
    param_.U8(static_cast<uint8_t>(own_len));
    param_.U8(p.method);
    param_.U8(static_cast<uint8_t>(type << 4 | p.group));
    param_.U8(p.subfunction);
    param_.U8(p.sequence);
    if (p.continuation) {
      param_.U8(p.continuation->data_unit_ref);
      param_.U8(p.continuation->last_data_unit);
      param_.U16Be(p.continuation->error_code);
    }
    param_.Append(p.extra);
    if (!u.data) return Status::Ok();
    ByteWriter payload;
    RETURN_IF_ERROR(std::visit(
        [&](const auto& v) { return WriteUserdataPayload(v, payload); },
        u.data->payload));
    if (payload.size() > 0xffff - 4)
      return Bad("userdata data of " + std::to_string(payload.size()) +
                 " bytes does not fit a PDU");
    data_.U8(u.data->return_code);
    data_.U8(static_cast<uint8_t>(u.data->type));
    data_.U16Be(static_cast<uint16_t>(payload.size()));
    data_.Append(payload.bytes());
    return Status::Ok();
  }

 private:
  static Status WriteUserdataPayload(const Bytes& b, ByteWriter& w) {
    w.Append(b);
    return Status::Ok();
  }
  static Status WriteUserdataPayload(const SzlRequest& q, ByteWriter& w) {
    w.U16Be(q.id);
    w.U16Be(q.index);
    return Status::Ok();
  }
  static Status WriteUserdataPayload(const SzlResponse& s, ByteWriter& w) {
    if (s.records.size() > s.record_count)
      return Bad("SZL response has " + std::to_string(s.records.size()) +
                 " records but a record count of " +
                 std::to_string(s.record_count));
    if (!s.tail.empty() && s.tail.size() >= s.record_length)
      return Bad("SZL response tail must be shorter than one record");
    w.U16Be(s.id);
    w.U16Be(s.index);
    w.U16Be(s.record_length);
    w.U16Be(s.record_count);
    for (size_t i = 0; i < s.records.size(); ++i) {
      if (s.records[i].size() != s.record_length)
        return Bad("SZL record " + std::to_string(i + 1) + " has " +
                   std::to_string(s.records[i].size()) +
                   " bytes, the record length is " +
                   std::to_string(s.record_length));
      w.Append(s.records[i]);
    }
    w.Append(s.tail);
    return Status::Ok();
  }

  Status WriteFunctionAndCount(Function f, size_t count) {
    if (count > 255)
      return Bad(std::to_string(count) + " items; at most 255 fit the count");
    param_.U8(static_cast<uint8_t>(f));
    param_.U8(static_cast<uint8_t>(count));
    return Status::Ok();
  }

  Status WriteItems(Function f, const std::vector<VarItem>& items) {
    RETURN_IF_ERROR(WriteFunctionAndCount(f, items.size()));
    for (size_t i = 0; i < items.size(); ++i) {
      param_.U8(kVarSpecType);
      if (const auto* a = std::get_if<AnyPointer>(&items[i])) {
        if (a->byte_offset >= (1u << 21) || a->bit_offset > 7)
          return Bad("item " + std::to_string(i + 1) + ": address " +
                     std::to_string(a->byte_offset) + "." +
                     std::to_string(a->bit_offset) +
                     " does not fit 21 bits of byte and 3 of bit");
        param_.U8(10);
        param_.U8(kSyntaxIdAny);
        param_.U8(static_cast<uint8_t>(a->type));
        param_.U16Be(a->length);
        param_.U16Be(a->db);
        param_.U8(static_cast<uint8_t>(a->area));
        param_.U24Be(a->byte_offset << 3 | a->bit_offset);
      } else {
        const auto& o = std::get<OpaqueAddress>(items[i]);
        if (o.body.size() > 254)
          return Bad("item " + std::to_string(i + 1) +
                     ": address longer than 254 bytes");
        if (o.syntax_id == kSyntaxIdAny && o.body.size() == 9)
          return Bad("item " + std::to_string(i + 1) +
                     ": a 9-byte syntax 0x10 address is an AnyPointer");
        param_.U8(static_cast<uint8_t>(1 + o.body.size()));
        param_.U8(o.syntax_id);
        param_.Append(o.body);
      }
    }
    return Status::Ok();
  }

  Status WriteDataItems(const std::vector<DataItem>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      const DataItem& d = items[i];
      size_t n = d.value.size();
      bool in_bits = d.type == DataType::kByte || d.type == DataType::kInteger;
      size_t wire_len = in_bits ? n * 8 : n;
      if (wire_len > 0xffff)
        return Bad("data item " + std::to_string(i + 1) + " of " +
                   std::to_string(n) + " bytes is too long for its length");
      data_.U8(d.return_code);
      data_.U8(static_cast<uint8_t>(d.type));
      data_.U16Be(static_cast<uint16_t>(wire_len));
      data_.Append(d.value);
      if (n % 2 == 1 && i + 1 < items.size()) data_.U8(0);
    }
    return Status::Ok();
  }

  Rosctr rosctr_;
  ByteWriter& param_;
  ByteWriter& data_;
};

}  // namespace

Result<Bytes> EncodeS7Pdu(const S7Pdu& pdu) {
  uint8_t rosctr = static_cast<uint8_t>(pdu.rosctr);
  if (!IsKnownRosctr(rosctr))
    return Bad("ROSCTR " + HexText(rosctr, 2) + " is not 1, 2, 3 or 7");
  ByteWriter param;
  ByteWriter data;
  RETURN_IF_ERROR(std::visit(BodyWriter(pdu.rosctr, param, data), pdu.body));
  bool with_error = HasErrorFields(pdu.rosctr);
  size_t total = (with_error ? 12 : 10) + param.size() + data.size();
  if (param.size() > 0xffff || data.size() > 0xffff || total > 0xffff)
    return Bad("PDU of " + std::to_string(total) +
               " bytes does not fit the 16-bit lengths");
  ByteWriter w;
  w.U8(kProtocolId);
  w.U8(rosctr);
  w.U16Be(pdu.redundancy_id);
  w.U16Be(pdu.pdu_ref);
  w.U16Be(static_cast<uint16_t>(param.size()));
  w.U16Be(static_cast<uint16_t>(data.size()));
  if (with_error) {
    w.U8(pdu.error_class);
    w.U8(pdu.error_code);
  }
  w.Append(param.bytes());
  w.Append(data.bytes());
  return w.Take();
}

}  // namespace protolm::s7comm
