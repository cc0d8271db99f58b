// COTP TPDU decoding, encoding and builders (see cotp.h).
#include "proto/s7comm/cotp.h"

#include "proto/s7comm/s7_names.h"

namespace protolm::s7comm {
namespace {

// TSAPs and TPDU size say which PLC rack/slot and unit size a connection
// asks for: addressing, abstraction level 3 like the S7 addresses.
constexpr int kLevelAddress = 3;

Status Fault(StatusCode code, size_t offset, const std::string& what) {
  return Status(code, "COTP: offset " + std::to_string(offset) + ": " + what);
}

/// Bytes of the fixed part after the length indicator (type byte included);
/// 0 for a code that is not a TPDU type.
size_t FixedPartSize(uint8_t code) {
  switch (static_cast<CotpType>(code)) {
    case CotpType::kConnectRequest:
    case CotpType::kConnectConfirm:
    case CotpType::kDisconnectRequest:
      return 6;
    case CotpType::kDisconnectConfirm:
      return 5;
    case CotpType::kData:
      return 2;
    case CotpType::kExpeditedData:
    case CotpType::kExpeditedAck:
    case CotpType::kReject:
    case CotpType::kDataAck:
    case CotpType::kError:
      return 4;
  }
  return 0;
}

bool HasCredit(CotpType t) {
  return t == CotpType::kConnectRequest || t == CotpType::kConnectConfirm ||
         t == CotpType::kDataAck || t == CotpType::kReject;
}

bool CarriesData(CotpType t) {
  return t == CotpType::kData || t == CotpType::kExpeditedData;
}

void AddParamField(Field& tree, const CotpParam& p, size_t at) {
  size_t len = 2 + p.value.size();
  if (p.code == kParamTpduSize && p.value.size() == 1 && p.value[0] <= 16) {
    tree.AddNumber("tpdu_size", int64_t{1} << p.value[0], at, len,
                   kLevelAddress);
  } else if ((p.code == kParamSrcTsap || p.code == kParamDstTsap) &&
             p.value.size() == 2) {
    uint16_t v = static_cast<uint16_t>(p.value[0] << 8 | p.value[1]);
    Field& f = tree.AddNumber(p.code == kParamSrcTsap ? "src_tsap" : "dst_tsap",
                              v, at, len, kLevelAddress);
    f.value = HexText(v, 4);
  } else {
    tree.AddText("param_" + HexText(p.code, 2), "0x" + ToHex(p.value), at, len);
  }
}

}  // namespace

std::string CotpTypeName(uint8_t type_code) {
  switch (static_cast<CotpType>(type_code)) {
    case CotpType::kExpeditedData:
      return "ed";
    case CotpType::kExpeditedAck:
      return "ea";
    case CotpType::kReject:
      return "rj";
    case CotpType::kDataAck:
      return "ak";
    case CotpType::kError:
      return "er";
    case CotpType::kDisconnectRequest:
      return "dr";
    case CotpType::kDisconnectConfirm:
      return "dc";
    case CotpType::kConnectConfirm:
      return "cc";
    case CotpType::kConnectRequest:
      return "cr";
    case CotpType::kData:
      return "dt";
  }
  return "";
}

const Bytes* CotpTpdu::Param(uint8_t code) const {
  for (const CotpParam& p : params)
    if (p.code == code) return &p.value;
  return nullptr;
}

std::optional<uint16_t> CotpTpdu::Tsap(uint8_t code) const {
  const Bytes* v = Param(code);
  if (v == nullptr || v->size() != 2) return std::nullopt;
  return static_cast<uint16_t>((*v)[0] << 8 | (*v)[1]);
}

std::optional<uint32_t> CotpTpdu::TpduSizeBytes() const {
  const Bytes* v = Param(kParamTpduSize);
  if (v == nullptr || v->size() != 1 || (*v)[0] > 16) return std::nullopt;
  return uint32_t{1} << (*v)[0];
}

CotpDecoding DecodeCotp(ByteView payload, size_t base, FieldMode mode) {
  CotpDecoding out;
  out.tree.name = "cotp";
  out.tree.offset = base;
  FieldNode tree(mode == FieldMode::kRecord ? &out.tree : nullptr);
  const bool keep = mode != FieldMode::kFactsOnly;  // params and user data
  ByteReader r(payload);
  std::optional<uint8_t> li = r.U8();
  if (!li) {
    out.status = Fault(StatusCode::kTruncated, base,
                       "no COTP header: the TPKT unit has no payload");
    return out;
  }
  tree.Number("length", *li, base, 1);
  size_t header_end = 1 + size_t{*li};
  out.tree.length = std::min(header_end, payload.size());
  if (*li == 0xff) {
    out.status =
        Fault(StatusCode::kMalformed, base, "length indicator 255 is reserved");
    return out;
  }
  if (header_end > payload.size()) {
    out.status = Fault(StatusCode::kMalformed, base,
                       "length indicator " + std::to_string(*li) +
                           " runs past the end of the TPKT unit (" +
                           std::to_string(payload.size() - 1) + " bytes left)");
    return out;
  }
  std::optional<uint8_t> type_byte = r.U8();
  if (!type_byte) {
    out.status = Fault(StatusCode::kMalformed, base,
                       "length indicator 0 leaves no room for the TPDU type");
    return out;
  }
  uint8_t code = *type_byte & 0xf0;
  std::string name = CotpTypeName(code);
  if (name.empty()) {
    tree.Text("pdu_type", base + 1, 1, 0, [&] { return HexText(code, 2); });
    out.status = Fault(StatusCode::kMalformed, base + 1,
                       "unknown TPDU type " + HexText(code, 2));
    return out;
  }
  tree.Shown("pdu_type", code, base + 1, 1, 0, [&] { return name; });
  CotpTpdu& t = out.tpdu;
  t.type = static_cast<CotpType>(code);
  t.credit = *type_byte & 0x0f;
  if (HasCredit(t.type)) tree.Number("credit", t.credit, base + 1, 1);
  if (*li < FixedPartSize(code)) {
    out.status =
        Fault(StatusCode::kMalformed, base,
              "length indicator " + std::to_string(*li) +
                  " is shorter than the fixed part of a " + name + " (" +
                  std::to_string(FixedPartSize(code) - 1) + " bytes)");
    return out;
  }
  // The fixed part fits in the header (checked above), so reads succeed.
  if (t.type != CotpType::kData) {
    t.dst_ref = r.U16Be().value_or(0);
    tree.Hex("dst_ref", t.dst_ref, 4, base + 2, 2);
  }
  switch (t.type) {
    case CotpType::kConnectRequest:
    case CotpType::kConnectConfirm:
      t.src_ref = r.U16Be().value_or(0);
      tree.Hex("src_ref", t.src_ref, 4, base + 4, 2);
      t.class_option = r.U8().value_or(0);
      tree.Number("class", t.class_option >> 4, base + 6, 1);
      tree.Number("options", t.class_option & 0x0f, base + 6, 1);
      break;
    case CotpType::kDisconnectRequest:
      t.src_ref = r.U16Be().value_or(0);
      tree.Hex("src_ref", t.src_ref, 4, base + 4, 2);
      t.reason = r.U8().value_or(0);
      tree.Hex("reason", t.reason, 2, base + 6, 1);
      break;
    case CotpType::kDisconnectConfirm:
      t.src_ref = r.U16Be().value_or(0);
      tree.Hex("src_ref", t.src_ref, 4, base + 4, 2);
      break;
    case CotpType::kError:
      t.reason = r.U8().value_or(0);
      tree.Hex("reject_cause", t.reason, 2, base + 4, 1);
      break;
    default: {
      size_t at = base + r.offset();
      uint8_t nr = r.U8().value_or(0);
      t.tpdu_number = nr & 0x7f;
      t.eot = (nr & 0x80) != 0;
      tree.Number("tpdu_number", t.tpdu_number, at, 1);
      if (CarriesData(t.type)) tree.Number("eot", t.eot ? 1 : 0, at, 1);
      break;
    }
  }
  while (r.offset() < header_end) {
    size_t at = r.offset();
    if (header_end - at < 2) {
      out.status = Fault(StatusCode::kMalformed, base + at,
                         "a parameter needs 2 bytes (code, length) but the "
                         "header has 1 left");
      return out;
    }
    CotpParam p;
    p.code = r.U8().value_or(0);
    uint8_t len = r.U8().value_or(0);
    if (len > header_end - r.offset()) {
      out.status = Fault(StatusCode::kMalformed, base + at,
                         "parameter " + HexText(p.code, 2) + " of length " +
                             std::to_string(len) +
                             " runs past the end of the COTP header");
      return out;
    }
    ByteView value = r.Take(len).value_or(ByteView());
    if (!keep) continue;
    p.value.assign(value.begin(), value.end());
    if (tree.recording()) AddParamField(out.tree, p, base + at);
    t.params.push_back(std::move(p));
  }
  ByteView rest = r.TakeRest();
  if (keep) t.user_data.assign(rest.begin(), rest.end());
  if (!CarriesData(t.type) && !rest.empty())
    tree.Bytes("user_data", rest, base + header_end);
  return out;
}

Result<CotpTpdu> ParseCotp(ByteView tpkt_payload) {
  CotpDecoding d = DecodeCotp(tpkt_payload, 0, FieldMode::kSkip);
  if (!d.status.ok()) return d.status;
  return std::move(d.tpdu);
}

Result<Bytes> EncodeCotp(const CotpTpdu& t) {
  uint8_t code = static_cast<uint8_t>(t.type);
  if (FixedPartSize(code) == 0)
    return InvalidArgument("COTP encode: " + HexText(code, 2) +
                           " is not a TPDU type");
  ByteWriter w;
  w.U8(0);  // length indicator, patched below
  w.U8(static_cast<uint8_t>(code | (t.credit & 0x0f)));
  if (t.type != CotpType::kData) w.U16Be(t.dst_ref);
  switch (t.type) {
    case CotpType::kConnectRequest:
    case CotpType::kConnectConfirm:
      w.U16Be(t.src_ref);
      w.U8(t.class_option);
      break;
    case CotpType::kDisconnectRequest:
      w.U16Be(t.src_ref);
      w.U8(t.reason);
      break;
    case CotpType::kDisconnectConfirm:
      w.U16Be(t.src_ref);
      break;
    case CotpType::kError:
      w.U8(t.reason);
      break;
    default:
      w.U8(static_cast<uint8_t>((t.eot ? 0x80 : 0) | (t.tpdu_number & 0x7f)));
      break;
  }
  for (const CotpParam& p : t.params) {
    if (p.value.size() > 255)
      return InvalidArgument("COTP encode: parameter " + HexText(p.code, 2) +
                             " has " + std::to_string(p.value.size()) +
                             " bytes; at most 255 fit");
    w.U8(p.code);
    w.U8(static_cast<uint8_t>(p.value.size()));
    w.Append(p.value);
  }
  if (w.size() - 1 > 254)
    return InvalidArgument("COTP encode: header of " +
                           std::to_string(w.size() - 1) +
                           " bytes exceeds the 254-byte maximum");
  Bytes out = w.Take();
  out[0] = static_cast<uint8_t>(out.size() - 1);
  out.insert(out.end(), t.user_data.begin(), t.user_data.end());
  return out;
}

namespace {
CotpParam TsapParam(uint8_t code, uint16_t tsap) {
  return {code, {static_cast<uint8_t>(tsap >> 8), static_cast<uint8_t>(tsap)}};
}
}  // namespace

CotpTpdu CotpConnectRequest(uint16_t src_ref, uint16_t src_tsap,
                            uint16_t dst_tsap, uint8_t tpdu_size_code) {
  CotpTpdu t;
  t.type = CotpType::kConnectRequest;
  t.src_ref = src_ref;
  t.params = {TsapParam(kParamSrcTsap, src_tsap),
              TsapParam(kParamDstTsap, dst_tsap),
              {kParamTpduSize, {tpdu_size_code}}};
  return t;
}

CotpTpdu CotpConnectConfirm(uint16_t dst_ref, uint16_t src_ref,
                            uint16_t src_tsap, uint16_t dst_tsap,
                            uint8_t tpdu_size_code) {
  CotpTpdu t;
  t.type = CotpType::kConnectConfirm;
  t.dst_ref = dst_ref;
  t.src_ref = src_ref;
  t.params = {{kParamTpduSize, {tpdu_size_code}},
              TsapParam(kParamSrcTsap, src_tsap),
              TsapParam(kParamDstTsap, dst_tsap)};
  return t;
}

CotpTpdu CotpData(Bytes payload, bool eot, uint8_t tpdu_number) {
  CotpTpdu t;
  t.type = CotpType::kData;
  t.eot = eot;
  t.tpdu_number = tpdu_number & 0x7f;
  t.user_data = std::move(payload);
  return t;
}

CotpTpdu CotpDisconnectRequest(uint16_t dst_ref, uint16_t src_ref,
                               uint8_t reason) {
  CotpTpdu t;
  t.type = CotpType::kDisconnectRequest;
  t.dst_ref = dst_ref;
  t.src_ref = src_ref;
  t.reason = reason;
  return t;
}

}  // namespace protolm::s7comm
