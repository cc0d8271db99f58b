// S7comm PDU decoding with field trees and consistency checks (see
// s7_decode.h). Levels follow the abstraction scheme of the codec: rosctr,
// function, userdata type and error codes 2; addressing (area, db, offsets,
// lengths, transport sizes, return codes, SZL id/index) 3; values 4.
#include "proto/s7comm/s7_decode.h"

#include <utility>

#include "proto/s7comm/s7_names.h"

namespace protolm::s7comm {
namespace {

constexpr int kLevelKind = 2;
constexpr int kLevelAddress = 3;
constexpr int kLevelValue = 4;

constexpr size_t kHeaderSize = 10;
constexpr size_t kHeaderSizeWithError = 12;
constexpr uint32_t kUserdataHead = 0x000112;

std::string Str(size_t n) { return std::to_string(n); }

/// "item 2 of 5", "data item 1 of 3": which item a fault is in.
std::string Which(const char* what, size_t i, size_t count) {
  return std::string(what) + " " + Str(i + 1) + " of " + Str(count);
}

Field MakeNode(std::string name, size_t at, size_t len) {
  Field f;
  f.name = std::move(name);
  f.offset = at;
  f.length = len;
  return f;
}

/// Reads one section (parameter or data) of the PDU. Offsets in faults and
/// fields are PDU-relative: `base` is where the section starts.
class Section {
 public:
  Section(ByteView bytes, size_t base) : reader_(bytes), base_(base) {}
  size_t at() const { return base_ + reader_.offset(); }
  size_t remaining() const { return reader_.remaining(); }
  ByteReader& reader() { return reader_; }

 private:
  ByteReader reader_;
  size_t base_;
};

class Decoder {
 public:
  Decoder(ByteView pdu, FieldMode mode)
      : pdu_(pdu),
        record_(mode == FieldMode::kRecord),
        keep_(mode != FieldMode::kFactsOnly) {}

  S7Decoding Run() {
    Field header = record_ ? MakeNode("header", 0, 0) : Field();
    bool header_ok = DecodeHeader(Node(header));
    if (record_) out_.parts.push_back(std::move(header));
    if (header_ok) DecodeBody();
    SetInfo();
    return std::move(out_);
  }

 private:
  /// A node recording into `f` when this decoding records fields.
  FieldNode Node(Field& f) const { return FieldNode(record_ ? &f : nullptr); }

  /// The bytes as a typed value holds them; nothing when no value is kept.
  Bytes Copy(ByteView v) const {
    return keep_ ? Bytes(v.begin(), v.end()) : Bytes();
  }

  bool Fail(StatusCode code, size_t offset, std::string what) {
    if (!out_.fault) out_.fault = S7Fault{code, offset, std::move(what)};
    return false;
  }
  bool Malformed(size_t offset, std::string what) {
    return Fail(StatusCode::kMalformed, offset, std::move(what));
  }

  /// PduInfo from what the header and parameter said, as far as read.
  void SetInfo() {
    PduInfo& info = out_.info;
    std::optional<uint8_t> rosctr = out_.rosctr;
    if (rosctr == 1) info.role = PduRole::kRequest;
    if (rosctr == 2 || rosctr == 3) info.role = PduRole::kResponse;
    if (rosctr == 7 && userdata_type_) {
      if (*userdata_type_ == static_cast<uint8_t>(UserdataType::kRequest))
        info.role = PduRole::kRequest;
      if (*userdata_type_ == static_cast<uint8_t>(UserdataType::kResponse))
        info.role = PduRole::kResponse;
      if (*userdata_type_ == static_cast<uint8_t>(UserdataType::kPush))
        info.role = PduRole::kEvent;
    }
    info.function = std::move(function_);
    if (pdu_ref_read_ && info.role != PduRole::kEvent &&
        info.role != PduRole::kUnknown)
      info.pair_key = out_.pdu.pdu_ref;
    info.exception = out_.pdu.error_class != 0 || userdata_error_code_ != 0;
  }

  bool DecodeHeader(FieldNode h) {
    ByteReader r(pdu_);
    S7Pdu& p = out_.pdu;
    if (pdu_.size() < kHeaderSize)
      return Fail(StatusCode::kTruncated, 0,
                  "header needs 10 bytes, the PDU has " + Str(pdu_.size()));
    uint8_t protocol_id = *r.U8();
    h.Hex("protocol_id", protocol_id, 2, 0, 1);
    if (protocol_id != kProtocolId)
      return Malformed(
          0, "protocol id " + HexText(protocol_id, 2) + ", expected 0x32");
    uint8_t rosctr = *r.U8();
    h.Number("rosctr", rosctr, 1, 1, kLevelKind);
    out_.rosctr = rosctr;
    p.rosctr = static_cast<Rosctr>(rosctr);
    if (!IsKnownRosctr(rosctr))
      return Malformed(1, "unknown ROSCTR " + HexText(rosctr, 2) +
                              " (known: 1 job, 2 ack, 3 ack_data, 7 userdata)");
    p.redundancy_id = *r.U16Be();
    h.Hex("redundancy_id", p.redundancy_id, 4, 2, 2);
    p.pdu_ref = *r.U16Be();
    h.Number("pdu_ref", p.pdu_ref, 4, 2);
    pdu_ref_read_ = true;
    param_len_ = *r.U16Be();
    h.Number("param_len", param_len_, 6, 2);
    data_len_ = *r.U16Be();
    h.Number("data_len", data_len_, 8, 2);
    header_size_ = kHeaderSize;
    if (HasErrorFields(p.rosctr)) {
      if (pdu_.size() < kHeaderSizeWithError) {
        h.set_length(pdu_.size());
        return Fail(StatusCode::kTruncated, 10,
                    "header of an " + RosctrName(rosctr) +
                        " needs 12 bytes, the PDU has " + Str(pdu_.size()));
      }
      header_size_ = kHeaderSizeWithError;
      p.error_class = *r.U8();
      h.Hex("error_class", p.error_class, 2, 10, 1, kLevelKind);
      p.error_code = *r.U8();
      h.Hex("error_code", p.error_code, 2, 11, 1, kLevelKind);
    }
    h.set_length(header_size_);
    size_t left = pdu_.size() - header_size_;
    if (param_len_ > left)
      return Malformed(6, "parameter length " + Str(param_len_) +
                              " runs past the end of the PDU (" + Str(left) +
                              " bytes left)");
    left -= param_len_;
    if (data_len_ > left)
      return Malformed(8, "data length " + Str(data_len_) +
                              " runs past the end of the PDU (" + Str(left) +
                              " bytes after the parameter)");
    return true;
  }

  void DecodeBody() {
    param_at_ = header_size_;
    data_at_ = param_at_ + param_len_;
    ByteView param = pdu_.subspan(param_at_, param_len_);
    ByteView data = pdu_.subspan(data_at_, data_len_);
    Field param_tree =
        record_ ? MakeNode("param", param_at_, param_len_) : Field();
    Field data_tree = record_ ? MakeNode("data", data_at_, data_len_) : Field();
    if (out_.pdu.rosctr == Rosctr::kUserdata) {
      DecodeUserdata(param, data, Node(param_tree), Node(data_tree));
    } else {
      DecodeJobOrAck(param, data, Node(param_tree), Node(data_tree));
    }
    if (record_ && param_len_ > 0) out_.parts.push_back(std::move(param_tree));
    if (record_ && data_len_ > 0) out_.parts.push_back(std::move(data_tree));
    size_t end = data_at_ + data_len_;
    if (end < pdu_.size())
      Malformed(end, Str(pdu_.size() - end) +
                         " bytes follow the data part that the header's "
                         "lengths announce");
  }

  // --- job, ack, ack_data ---------------------------------------------------

  void DecodeJobOrAck(ByteView param, ByteView data, FieldNode pt,
                      FieldNode dt) {
    S7Pdu& p = out_.pdu;
    if (param.empty()) {
      if (!data.empty()) dt.Bytes("payload", data, data_at_, kLevelValue);
      p.body = OpaqueBody{{}, Copy(data)};
      return;
    }
    uint8_t function = param[0];
    function_ = FunctionName(function);
    pt.Shown("function", function, param_at_, 1, kLevelKind,
             [&] { return function_; });
    bool job = p.rosctr == Rosctr::kJob;
    bool ack_data = p.rosctr == Rosctr::kAckData;
    // An error ack_data may leave out the data its function would carry.
    bool bare_error = ack_data && p.error_class != 0 && data.empty();
    switch (static_cast<Function>(function)) {
      case Function::kSetupCommunication:
        if (job || ack_data) return DecodeSetup(param, data, pt);
        break;
      case Function::kReadVar:
        if (job) return DecodeVarRequest(param, data, pt, dt, false);
        if (ack_data && !bare_error)
          return DecodeReadResponse(param, data, pt, dt);
        break;
      case Function::kWriteVar:
        if (job) return DecodeVarRequest(param, data, pt, dt, true);
        if (ack_data && !bare_error)
          return DecodeWriteResponse(param, data, pt, dt);
        break;
      default:
        break;
    }
    DecodeOpaque(param, data, pt, dt);
  }

  void DecodeOpaque(ByteView param, ByteView data, FieldNode pt, FieldNode dt) {
    if (param.size() > 1)
      pt.Bytes("param_rest", param.subspan(1), param_at_ + 1);
    if (pt.recording()) AddPiServiceName(param, pt);
    if (!data.empty()) dt.Bytes("payload", data, data_at_, kLevelValue);
    out_.pdu.body = OpaqueBody{Copy(param), Copy(data)};
  }

  /// PLC stop (0x29: 5 unknown bytes, name) and PI service (0x28: 7 unknown
  /// bytes, parameter block, name) carry a PI service name ("P_PROGRAM").
  void AddPiServiceName(ByteView param, FieldNode pt) {
    ByteReader r(param);
    uint8_t function = r.U8().value_or(0);
    if (function == static_cast<uint8_t>(Function::kPlcStop)) {
      if (!r.Skip(5)) return;
    } else if (function == static_cast<uint8_t>(Function::kPlcControl)) {
      std::optional<uint16_t> block_len;
      if (!r.Skip(7) || !(block_len = r.U16Be()) || !r.Skip(*block_len)) return;
    } else {
      return;
    }
    size_t at = r.offset();
    std::optional<uint8_t> len = r.U8();
    if (!len || r.remaining() != *len) return;
    ByteView name = *r.Take(*len);
    pt.Text("pi_service", param_at_ + at + 1, *len, kLevelAddress,
            [&] { return std::string(name.begin(), name.end()); });
  }

  void DecodeSetup(ByteView param, ByteView data, FieldNode pt) {
    if (param.size() != 8) {
      Malformed(6, "setup communication parameter has " + Str(param.size()) +
                       " bytes, expected 8");
      return;
    }
    if (!data.empty()) {
      Malformed(8,
                "setup communication carries no data, but the data "
                "length is " +
                    Str(data.size()));
      return;
    }
    ByteReader r(param.subspan(1));
    size_t at = param_at_ + 1;
    SetupCommunication s;
    s.reserved = *r.U8();
    pt.Hex("reserved", s.reserved, 2, at, 1);
    s.max_amq_calling = *r.U16Be();
    pt.Number("max_amq_calling", s.max_amq_calling, at + 1, 2, kLevelValue);
    s.max_amq_called = *r.U16Be();
    pt.Number("max_amq_called", s.max_amq_called, at + 3, 2, kLevelValue);
    s.pdu_length = *r.U16Be();
    pt.Number("pdu_length", s.pdu_length, at + 5, 2, kLevelValue);
    out_.pdu.body = s;
  }

  /// Item count byte at param[1]; nullopt (fault set) if the parameter ends.
  std::optional<uint8_t> ReadItemCount(ByteView param, FieldNode pt) {
    if (param.size() < 2) {
      Malformed(param_at_ + 1,
                "parameter ends before the item count (parameter length " +
                    Str(param.size()) + ")");
      return std::nullopt;
    }
    pt.Number("item_count", param[1], param_at_ + 1, 1);
    return param[1];
  }

  void DecodeVarRequest(ByteView param, ByteView data, FieldNode pt,
                        FieldNode dt, bool write) {
    std::optional<uint8_t> count = ReadItemCount(param, pt);
    if (!count) return;
    std::vector<VarItem> items;
    if (keep_) items.reserve(*count);
    FieldNode items_tree = pt.Group("items", param_at_ + 2, 0);
    Section s(param.subspan(2), param_at_ + 2);
    for (size_t i = 0; i < *count; ++i) {
      std::optional<VarItem> item = DecodeVarItem(s, i, *count, items_tree);
      if (!item) return;
      if (keep_) items.push_back(std::move(*item));
    }
    items_tree.set_length(s.at() - (param_at_ + 2));
    if (s.remaining() > 0) {
      Malformed(s.at(), Str(s.remaining()) +
                            " bytes follow the last item of the parameter "
                            "(item count " +
                            Str(*count) + ")");
      return;
    }
    if (!write) {
      if (!data.empty()) {
        Malformed(8, "a read var job carries no data, but the data length is " +
                         Str(data.size()));
        return;
      }
      out_.pdu.body = ReadVarRequest{std::move(items)};
      return;
    }
    std::optional<std::vector<DataItem>> values =
        DecodeDataItems(data, *count, dt);
    if (!values) return;
    out_.pdu.body = WriteVarRequest{std::move(items), std::move(*values)};
  }

  std::optional<VarItem> DecodeVarItem(Section& s, size_t i, size_t count,
                                       FieldNode items_tree) {
    ByteReader& r = s.reader();
    size_t at = s.at();
    FieldNode it = items_tree.Group("item", at, 0);
    if (r.remaining() < 2) {
      Malformed(at, Which("item", i, count) +
                        ": the parameter ends (item count " + Str(count) +
                        " is more than the parameter holds)");
      return std::nullopt;
    }
    uint8_t spec = *r.U8();
    it.Hex("spec_type", spec, 2, at, 1);
    if (spec != kVarSpecType) {
      Malformed(at, Which("item", i, count) + ": variable specification " +
                        HexText(spec, 2) + ", expected 0x12");
      return std::nullopt;
    }
    uint8_t len = *r.U8();
    it.Number("spec_length", len, at + 1, 1);
    it.set_length(2 + size_t{len});
    if (len == 0 || r.remaining() < len) {
      it.set_length(2 + r.remaining());
      Malformed(at + 1,
                Which("item", i, count) + ": address length " + Str(len) +
                    (len == 0 ? " is empty"
                              : " runs past the end of the parameter (" +
                                    Str(r.remaining()) + " bytes left)"));
      return std::nullopt;
    }
    ByteView body = *r.Take(len);
    uint8_t syntax = body[0];
    it.Hex("syntax_id", syntax, 2, at + 2, 1);
    if (syntax != kSyntaxIdAny || len != 10) {
      it.Bytes("address", body.subspan(1), at + 3, kLevelAddress);
      return OpaqueAddress{syntax, Copy(body.subspan(1))};
    }
    ByteReader b(body.subspan(1));
    AnyPointer a;
    uint8_t type = *b.U8();
    a.type = static_cast<ItemType>(type);
    it.Shown("transport_size", type, at + 3, 1, kLevelAddress,
             [&] { return ItemTypeName(type); });
    a.length = *b.U16Be();
    it.Number("length", a.length, at + 4, 2, kLevelAddress);
    a.db = *b.U16Be();
    it.Number("db", a.db, at + 6, 2, kLevelAddress);
    uint8_t area = *b.U8();
    a.area = static_cast<Area>(area);
    it.Shown("area", area, at + 8, 1, kLevelAddress,
             [&] { return AreaName(area); });
    uint32_t address = *b.U24Be();
    a.byte_offset = address >> 3;
    a.bit_offset = address & 7;
    it.Number("byte_offset", a.byte_offset, at + 9, 3, kLevelAddress);
    it.Number("bit_offset", a.bit_offset, at + 9, 3, kLevelAddress);
    return a;
  }

  std::optional<std::vector<DataItem>> DecodeDataItems(ByteView data,
                                                       size_t count,
                                                       FieldNode dt) {
    std::vector<DataItem> items;
    if (keep_) items.reserve(count);
    FieldNode items_tree = dt.Group("items", data_at_, data.size());
    Section s(data, data_at_);
    ByteReader& r = s.reader();
    for (size_t i = 0; i < count; ++i) {
      size_t at = s.at();
      FieldNode it = items_tree.Group("item", at, 0);
      if (r.remaining() < 4) {
        it.set_length(r.remaining());
        Malformed(at, Which("data item", i, count) + ": the data part ends (" +
                          Str(r.remaining()) +
                          " bytes left, an item needs 4 or more)");
        return std::nullopt;
      }
      DataItem d;
      d.return_code = *r.U8();
      it.Shown("return_code", d.return_code, at, 1, kLevelAddress,
               [&] { return ReturnCodeName(d.return_code); });
      uint8_t type = *r.U8();
      d.type = static_cast<DataType>(type);
      it.Shown("transport_size", type, at + 1, 1, 0,
               [&] { return DataTypeName(type); });
      uint16_t wire_len = *r.U16Be();
      it.Number("length", wire_len, at + 2, 2, kLevelAddress);
      std::optional<size_t> bytes = DataValueBytes(d.type, wire_len);
      it.set_length(4);
      if (!bytes) {
        Malformed(at + 2, Which("data item", i, count) + ": length " +
                              Str(wire_len) +
                              " bits is not a whole number of bytes");
        return std::nullopt;
      }
      if (r.remaining() < *bytes) {
        Malformed(at + 2, Which("data item", i, count) + ": value of " +
                              Str(*bytes) +
                              " bytes runs past the end of the data part (" +
                              Str(r.remaining()) + " bytes left)");
        return std::nullopt;
      }
      ByteView value = *r.Take(*bytes);
      if (!value.empty()) it.Bytes("value", value, at + 4, kLevelValue);
      it.set_length(4 + value.size());
      d.value = Copy(value);
      if (keep_) items.push_back(std::move(d));
      if (value.size() % 2 == 1 && i + 1 < count) {
        size_t fill_at = s.at();
        std::optional<uint8_t> fill = r.U8();
        if (!fill || *fill != 0) {
          Malformed(fill_at,
                    Which("data item", i, count) +
                        ": the fill byte after its odd-length value is " +
                        (fill ? HexText(*fill, 2) + ", expected 0x00"
                              : std::string("missing")));
          return std::nullopt;
        }
        it.Number("fill", 0, fill_at, 1);
        it.set_length(4 + value.size() + 1);
      }
    }
    if (r.remaining() > 0) {
      Malformed(s.at(), Str(r.remaining()) +
                            " bytes follow the last data item (item count " +
                            Str(count) + ")");
      return std::nullopt;
    }
    return items;
  }

  void DecodeReadResponse(ByteView param, ByteView data, FieldNode pt,
                          FieldNode dt) {
    std::optional<uint8_t> count = ReadItemCount(param, pt);
    if (!count) return;
    if (param.size() != 2) {
      Malformed(6, "read var response parameter has " + Str(param.size()) +
                       " bytes, expected 2");
      return;
    }
    std::optional<std::vector<DataItem>> items =
        DecodeDataItems(data, *count, dt);
    if (!items) return;
    out_.pdu.body = ReadVarResponse{std::move(*items)};
  }

  void DecodeWriteResponse(ByteView param, ByteView data, FieldNode pt,
                           FieldNode dt) {
    std::optional<uint8_t> count = ReadItemCount(param, pt);
    if (!count) return;
    if (param.size() != 2) {
      Malformed(6, "write var response parameter has " + Str(param.size()) +
                       " bytes, expected 2");
      return;
    }
    if (data.size() != *count) {
      Malformed(8, "write var response has " + Str(data.size()) +
                       " return codes for " + Str(*count) + " items");
      return;
    }
    WriteVarResponse w;
    FieldNode items = dt.Group("items", data_at_, data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      FieldNode it = items.Group("item", data_at_ + i, 1);
      it.Shown("return_code", data[i], data_at_ + i, 1, kLevelAddress,
               [&] { return ReturnCodeName(data[i]); });
    }
    if (keep_) w.return_codes.assign(data.begin(), data.end());
    out_.pdu.body = std::move(w);
  }

  // --- userdata -------------------------------------------------------------

  void DecodeUserdata(ByteView param, ByteView data, FieldNode pt,
                      FieldNode dt) {
    size_t at = param_at_;
    if (param.size() < 8) {
      Malformed(6, "userdata parameter has " + Str(param.size()) +
                       " bytes, expected 8 or more");
      return;
    }
    ByteReader r(param);
    uint32_t head = *r.U24Be();
    pt.Hex("head", head, 6, at, 3);
    if (head != kUserdataHead) {
      Malformed(at, "userdata parameter head " + HexText(head, 6) +
                        ", expected 0x000112");
      return;
    }
    uint8_t own_len = *r.U8();
    pt.Number("param_length", own_len, at + 3, 1);
    if (size_t{own_len} + 4 != param.size() || own_len < 4) {
      Malformed(at + 3, "userdata parameter length byte " + Str(own_len) +
                            " disagrees with the header's parameter length " +
                            Str(param.size()) + " (expects " +
                            Str(param.size() - 4) + ")");
      return;
    }
    UserdataParam u;
    u.method = *r.U8();
    pt.Hex("method", u.method, 2, at + 4, 1);
    uint8_t type_group = *r.U8();
    uint8_t type = type_group >> 4;
    u.type = static_cast<UserdataType>(type);
    u.group = type_group & 0x0f;
    userdata_type_ = type;
    pt.Shown("type", type, at + 5, 1, kLevelKind,
             [&] { return UserdataTypeName(type); });
    pt.Shown("function_group", u.group, at + 5, 1, 0,
             [&] { return UserdataGroupName(u.group); });
    u.subfunction = *r.U8();
    pt.Number("subfunction", u.subfunction, at + 6, 1);
    function_ = UserdataFunctionName(u.group, u.subfunction);
    pt.Shown("function", u.subfunction, at + 5, 2, kLevelKind,
             [&] { return function_; });
    u.sequence = *r.U8();
    pt.Number("sequence_number", u.sequence, at + 7, 1);
    if (own_len == 8) {
      UserdataParam::Continuation c;
      c.data_unit_ref = *r.U8();
      pt.Number("data_unit_ref", c.data_unit_ref, at + 8, 1);
      c.last_data_unit = *r.U8();
      pt.Number("last_data_unit", c.last_data_unit, at + 9, 1);
      c.error_code = *r.U16Be();
      userdata_error_code_ = c.error_code;
      pt.Hex("error_code", c.error_code, 4, at + 10, 2, kLevelKind);
      u.continuation = c;
    } else if (r.remaining() > 0) {
      ByteView extra = r.TakeRest();
      pt.Bytes("extra", extra, at + 8);
      u.extra = Copy(extra);
    }
    Userdata ud{std::move(u), std::nullopt};
    if (!data.empty()) {
      std::optional<UserdataData> d = DecodeUserdataData(ud.param, data, dt);
      if (!d) return;
      ud.data = std::move(*d);
    }
    out_.pdu.body = std::move(ud);
  }

  std::optional<UserdataData> DecodeUserdataData(const UserdataParam& u,
                                                 ByteView data, FieldNode dt) {
    size_t at = data_at_;
    if (data.size() < 4) {
      Malformed(8, "userdata data length " + Str(data.size()) +
                       " is shorter than the 4-byte data head");
      return std::nullopt;
    }
    ByteReader r(data);
    UserdataData d;
    d.return_code = *r.U8();
    dt.Shown("return_code", d.return_code, at, 1, kLevelAddress,
             [&] { return ReturnCodeName(d.return_code); });
    uint8_t type = *r.U8();
    d.type = static_cast<DataType>(type);
    dt.Shown("transport_size", type, at + 1, 1, 0,
             [&] { return DataTypeName(type); });
    uint16_t len = *r.U16Be();
    dt.Number("length", len, at + 2, 2);
    if (size_t{len} + 4 != data.size()) {
      Malformed(at + 2, "userdata data length field " + Str(len) +
                            " disagrees with the header's data length " +
                            Str(data.size()) + " (expects " +
                            Str(data.size() - 4) + ")");
      return std::nullopt;
    }
    ByteView payload = r.TakeRest();
    bool szl = u.group == static_cast<uint8_t>(UserdataGroup::kCpuFunctions) &&
               u.subfunction == kSubfunctionSzlRead;
    if (szl && u.type == UserdataType::kRequest && payload.size() == 4) {
      FieldNode node = dt.Group("szl", at + 4, 4);
      SzlRequest q;
      q.id = static_cast<uint16_t>(payload[0] << 8 | payload[1]);
      q.index = static_cast<uint16_t>(payload[2] << 8 | payload[3]);
      node.Hex("szl_id", q.id, 4, at + 4, 2, kLevelAddress);
      node.Hex("szl_index", q.index, 4, at + 6, 2, kLevelAddress);
      d.payload = q;
      return d;
    }
    if (szl && u.type == UserdataType::kResponse &&
        d.return_code == static_cast<uint8_t>(ReturnCode::kSuccess) &&
        payload.size() >= 8) {
      std::optional<SzlResponse> list = DecodeSzlList(u, payload, at + 4, dt);
      if (out_.fault) return std::nullopt;
      if (list) {
        d.payload = std::move(*list);
        return d;
      }
    }
    if (!payload.empty()) dt.Bytes("payload", payload, at + 4, kLevelValue);
    d.payload = Copy(payload);
    return d;
  }

  /// An SZL list: header (id, index, record length, record count) and
  /// records (none for the header-only ids 0x0fXX). A response whose
  /// continuation says more data units follow may end inside its records; a
  /// later data unit of a fragmented response (data unit ref != 0, no list
  /// header) gives nullopt and stays bytes.
  std::optional<SzlResponse> DecodeSzlList(const UserdataParam& u,
                                           ByteView payload, size_t at,
                                           FieldNode dt) {
    ByteReader r(payload);
    SzlResponse s;
    s.id = *r.U16Be();
    s.index = *r.U16Be();
    s.record_length = *r.U16Be();
    s.record_count = *r.U16Be();
    size_t need = size_t{s.record_length} * s.record_count;
    size_t have = r.remaining();
    bool more_follow = u.continuation && u.continuation->last_data_unit != 0;
    bool later_unit = u.continuation && u.continuation->data_unit_ref != 0;
    bool first_fragment = more_follow && have < need && s.record_length > 0;
    // SZL ids 0x0fXX ask for the list header only: a count, no records.
    bool header_only = (s.id & 0x0f00) == 0x0f00 && have == 0;
    if (need != have && !first_fragment && !header_only) {
      if (later_unit) return std::nullopt;
      Malformed(at + 4, "SZL list of " + Str(s.record_count) + " records of " +
                            Str(s.record_length) + " bytes needs " + Str(need) +
                            " bytes, the data has " + Str(have));
      return std::nullopt;
    }
    FieldNode node = dt.Group("szl", at, payload.size());
    node.Hex("szl_id", s.id, 4, at, 2, kLevelAddress);
    node.Hex("szl_index", s.index, 4, at + 2, 2, kLevelAddress);
    node.Number("record_length", s.record_length, at + 4, 2);
    node.Number("record_count", s.record_count, at + 6, 2);
    FieldNode records = node.Group("records", at + 8, have);
    while (s.record_length > 0 && r.remaining() >= s.record_length) {
      size_t rec_at = at + r.offset();
      ByteView rec = *r.Take(s.record_length);
      records.Bytes("record", rec, rec_at, kLevelValue);
      if (keep_) s.records.push_back(Copy(rec));
    }
    if (r.remaining() > 0) {
      size_t tail_at = at + r.offset();
      ByteView tail = r.TakeRest();
      node.Bytes("tail", tail, tail_at, kLevelValue);
      s.tail = Copy(tail);
    }
    return s;
  }

  ByteView pdu_;
  bool record_;  // build the field tree
  bool keep_;    // build the typed value (out_.pdu)
  S7Decoding out_;
  size_t header_size_ = kHeaderSize;
  uint16_t param_len_ = 0;
  uint16_t data_len_ = 0;
  size_t param_at_ = 0;  // PDU offsets of the parameter and data parts
  size_t data_at_ = 0;
  // What PduInfo is made of, beyond out_.rosctr and out_.pdu's header.
  bool pdu_ref_read_ = false;
  std::string function_;
  std::optional<uint8_t> userdata_type_;
  uint16_t userdata_error_code_ = 0;
};

}  // namespace

std::optional<size_t> DataValueBytes(DataType type, uint16_t wire_length) {
  switch (type) {
    case DataType::kByte:
    case DataType::kInteger:
      if (wire_length % 8 != 0) return std::nullopt;
      return wire_length / 8;
    default:  // bit: one byte per bit, as S7 PLCs and Wireshark read it
      return wire_length;
  }
}

S7Decoding DecodeS7(ByteView pdu, FieldMode mode) {
  return Decoder(pdu, mode).Run();
}

Result<S7Pdu> ParseS7Pdu(ByteView pdu) {
  S7Decoding d = DecodeS7(pdu, FieldMode::kSkip);
  if (d.fault)
    return Status(d.fault->code, "s7comm: offset " +
                                     std::to_string(d.fault->offset) + ": " +
                                     d.fault->what);
  return std::move(d.pdu);
}

std::string PduFunctionName(const S7Pdu& pdu) {
  struct Namer {
    std::string operator()(const OpaqueBody& b) const {
      return b.param.empty() ? "" : FunctionName(b.param[0]);
    }
    std::string operator()(const SetupCommunication&) const {
      return "setup_communication";
    }
    std::string operator()(const ReadVarRequest&) const { return "read_var"; }
    std::string operator()(const ReadVarResponse&) const { return "read_var"; }
    std::string operator()(const WriteVarRequest&) const { return "write_var"; }
    std::string operator()(const WriteVarResponse&) const {
      return "write_var";
    }
    std::string operator()(const Userdata& u) const {
      return UserdataFunctionName(u.param.group, u.param.subfunction);
    }
  };
  return std::visit(Namer{}, pdu.body);
}

}  // namespace protolm::s7comm
