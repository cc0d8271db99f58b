// Decoding and encoding of whole framed units (see message.h).
#include "proto/s7comm/message.h"

#include <algorithm>
#include <string>
#include <utility>

#include "proto/s7comm/s7_decode.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/s7comm/s7_names.h"

namespace protolm::s7comm {
namespace {

std::string Str(size_t n) { return std::to_string(n); }

Status TpktFault(StatusCode code, size_t offset, const std::string& what) {
  return Status(code, "TPKT: offset " + Str(offset) + ": " + what);
}

/// Where each piece of the joined DT data lies in the framed bytes.
class OffsetMap {
 public:
  void Add(size_t payload_at, size_t frame_at, size_t len) {
    if (len > 0) segments_.push_back({payload_at, frame_at, len});
  }

  size_t ToFrame(size_t payload_at) const {
    if (segments_.empty()) return payload_at;
    const Segment* hit = &segments_.front();
    for (const Segment& s : segments_)
      if (s.payload_at <= payload_at) hit = &s;
    return hit->frame_at + (payload_at - hit->payload_at);
  }

  void Remap(Field& f) const {
    size_t start = ToFrame(f.offset);
    if (f.length > 0) f.length = ToFrame(f.offset + f.length - 1) + 1 - start;
    f.offset = start;
    for (Field& c : f.children) Remap(c);
  }

 private:
  struct Segment {
    size_t payload_at;
    size_t frame_at;
    size_t len;
  };
  std::vector<Segment> segments_;
};

/// Reads the TPKT units and their TPDUs into `out`; joins the DT data.
/// Returns false (status set) at the first fault.
bool DecodeUnits(ByteView framed, MessageDecoding& out, OffsetMap& map) {
  size_t pos = 0;
  if (framed.empty()) {
    out.status = TpktFault(StatusCode::kTruncated, 0, "empty input");
    return false;
  }
  while (pos < framed.size()) {
    ByteReader r(framed.subspan(pos));
    Field& tpkt = out.tree.Add(Field{"tpkt",
                                     "",
                                     std::nullopt,
                                     pos,
                                     std::min<size_t>(4, r.remaining()),
                                     0,
                                     {}});
    if (r.remaining() < kTpktHeaderSize) {
      out.status =
          TpktFault(StatusCode::kTruncated, pos,
                    "header needs 4 bytes, " + Str(r.remaining()) + " left");
      return false;
    }
    uint8_t version = *r.U8();
    tpkt.AddNumber("version", version, pos, 1);
    uint8_t reserved = *r.U8();
    tpkt.AddNumber("reserved", reserved, pos + 1, 1);
    uint16_t len = *r.U16Be();
    tpkt.AddNumber("length", len, pos + 2, 2);
    if (version != kTpktVersion) {
      out.status = TpktFault(StatusCode::kMalformed, pos,
                             "version " + Str(version) + ", expected 3");
      return false;
    }
    if (reserved != 0) {
      out.status = TpktFault(
          StatusCode::kMalformed, pos + 1,
          "reserved byte is " + HexText(reserved, 2) + ", expected 0x00");
      return false;
    }
    if (len < kMinTpktLength) {
      out.status =
          TpktFault(StatusCode::kMalformed, pos + 2,
                    "length " + Str(len) + " is below the minimum of 7");
      return false;
    }
    if (len > framed.size() - pos) {
      out.status =
          TpktFault(StatusCode::kTruncated, pos + 2,
                    "length " + Str(len) + " runs past the end of the input (" +
                        Str(framed.size() - pos) + " bytes left)");
      return false;
    }
    CotpDecoding cotp =
        DecodeCotp(framed.subspan(pos + kTpktHeaderSize, len - kTpktHeaderSize),
                   pos + kTpktHeaderSize);
    out.tree.Add(std::move(cotp.tree));
    if (!cotp.status.ok()) {
      out.status = cotp.status;
      return false;
    }
    if (cotp.tpdu.type == CotpType::kData) {
      const Bytes& data = cotp.tpdu.user_data;
      if (out.payload.size() + data.size() > kMaxReassembledPayload) {
        out.status =
            Status(StatusCode::kMalformed,
                   "COTP: offset " + Str(pos) + ": joined DT data exceeds " +
                       Str(kMaxReassembledPayload) + " bytes");
        return false;
      }
      map.Add(out.payload.size(), pos + len - data.size(), data.size());
      out.payload.insert(out.payload.end(), data.begin(), data.end());
    }
    out.tpdus.push_back(std::move(cotp.tpdu));
    pos += len;
  }
  return true;
}

/// Offset of TPDU `i`'s unit in the framed bytes (from the tree's tpkt
/// fields, which DecodeUnits added one per unit).
size_t UnitOffset(const Field& tree, size_t i) {
  size_t seen = 0;
  for (const Field& c : tree.children)
    if (c.name == "tpkt" && seen++ == i) return c.offset;
  return 0;
}

/// Checks that the TPDUs form one control TPDU or one DT sequence with EOT
/// on the last unit only.
Status CheckSequence(const MessageDecoding& m) {
  const auto& t = m.tpdus;
  if (t.size() == 1 && t[0].type != CotpType::kData) return Status::Ok();
  for (size_t i = 0; i < t.size(); ++i) {
    std::string where = "COTP: offset " + Str(UnitOffset(m.tree, i)) + ": ";
    if (t[i].type != CotpType::kData)
      return Malformed(where + "a " +
                       CotpTypeName(static_cast<uint8_t>(t[i].type)) +
                       " TPDU cannot be part of a sequence of DT units");
    if (t[i].eot && i + 1 < t.size())
      return Malformed(where + "DT unit " + Str(i + 1) + " of " +
                       Str(t.size()) + " has EOT set; only the last may");
  }
  bool empty_alone = t.size() == 1 && m.payload.empty();
  if (!t.back().eot && !empty_alone)
    return Malformed("COTP: offset " + Str(UnitOffset(m.tree, t.size() - 1)) +
                     ": the last DT unit has EOT clear; the PDU continues "
                     "past this input");
  return Status::Ok();
}

void SetCotpInfo(const CotpTpdu& t, PduInfo& info) {
  info.role = PduRole::kControl;
  info.application_pdu = false;
  info.function = "cotp_" + CotpTypeName(static_cast<uint8_t>(t.type));
  switch (t.type) {
    case CotpType::kConnectRequest:
      info.pair_key = kCotpConnectPairTag | t.src_ref;
      break;
    case CotpType::kConnectConfirm:
      info.pair_key = kCotpConnectPairTag | t.dst_ref;
      break;
    case CotpType::kDisconnectRequest:
      info.pair_key = kCotpDisconnectPairTag | t.src_ref;
      break;
    case CotpType::kDisconnectConfirm:
      info.pair_key = kCotpDisconnectPairTag | t.dst_ref;
      break;
    case CotpType::kError:
      info.exception = true;
      break;
    default:
      break;
  }
}

/// PduInfo of an S7 PDU from its tree, so a partly decoded PDU still says
/// what it can (role and pair key from the header, function if read).
void SetS7Info(const Field& tree, PduInfo& info) {
  std::optional<int64_t> rosctr = tree.NumberAt("header.rosctr");
  std::optional<int64_t> type = tree.NumberAt("param.type");
  info.role = PduRole::kUnknown;
  if (rosctr == 1) info.role = PduRole::kRequest;
  if (rosctr == 2 || rosctr == 3) info.role = PduRole::kResponse;
  if (rosctr == 7 && type) {
    if (*type == static_cast<int>(UserdataType::kRequest))
      info.role = PduRole::kRequest;
    if (*type == static_cast<int>(UserdataType::kResponse))
      info.role = PduRole::kResponse;
    if (*type == static_cast<int>(UserdataType::kPush))
      info.role = PduRole::kEvent;
  }
  if (const Field* f = tree.Find("param.function")) info.function = f->value;
  std::optional<int64_t> ref = tree.NumberAt("header.pdu_ref");
  if (ref && info.role != PduRole::kEvent && info.role != PduRole::kUnknown)
    info.pair_key = static_cast<uint64_t>(*ref);
  info.exception = tree.NumberAt("header.error_class").value_or(0) != 0 ||
                   tree.NumberAt("param.error_code").value_or(0) != 0;
}

void DecodePayload(MessageDecoding& out, const OffsetMap& map) {
  const Bytes& p = out.payload;
  size_t at = map.ToFrame(0);
  if (p[0] == kPlusProtocolId) {
    out.tree.name = "s7comm_plus";
    Field f{"payload", "0x" + ToHex(p), std::nullopt, 0, p.size(), 4, {}};
    map.Remap(f);
    out.tree.Add(std::move(f));
    out.info.role = PduRole::kUnknown;
    out.info.function = "s7comm_plus";
    return;
  }
  if (p[0] != kProtocolId) {
    out.tree.name = "cotp.dt";
    Field f{"payload", "0x" + ToHex(p), std::nullopt, 0, p.size(), 0, {}};
    map.Remap(f);
    out.tree.Add(std::move(f));
    if (out.status.ok())
      out.status = Malformed("s7comm: offset " + Str(at) + ": protocol id " +
                             HexText(p[0], 2) +
                             ", expected 0x32 (S7comm) or 0x72 (S7comm-plus)");
    return;
  }
  S7Decoding s7 = DecodeS7(p);
  for (Field& part : s7.parts) {
    map.Remap(part);
    out.tree.Add(std::move(part));
  }
  std::optional<int64_t> rosctr = out.tree.NumberAt("header.rosctr");
  out.tree.name =
      rosctr ? "s7comm." + RosctrName(static_cast<uint8_t>(*rosctr)) : "s7comm";
  SetS7Info(out.tree, out.info);
  if (s7.fault) {
    if (out.status.ok())
      out.status =
          Status(s7.fault->code, "s7comm: offset " +
                                     Str(map.ToFrame(s7.fault->offset)) + ": " +
                                     s7.fault->what);
    return;
  }
  if (out.status.ok()) out.s7 = std::move(s7.pdu);
}

}  // namespace

MessageDecoding DecodeMessage(ByteView framed) {
  MessageDecoding out;
  out.tree.name = "tpkt";
  out.tree.length = framed.size();
  OffsetMap map;
  if (!DecodeUnits(framed, out, map)) return out;
  const CotpTpdu& first = out.tpdus.front();
  out.tree.name = "cotp." + CotpTypeName(static_cast<uint8_t>(first.type));
  out.status = CheckSequence(out);
  if (out.tpdus.size() == 1 && first.type != CotpType::kData) {
    SetCotpInfo(first, out.info);
    return out;
  }
  if (out.payload.empty()) {
    SetCotpInfo(first, out.info);
    return out;
  }
  DecodePayload(out, map);
  return out;
}

Result<Bytes> EncodeTpdus(const std::vector<CotpTpdu>& tpdus) {
  Bytes out;
  for (const CotpTpdu& t : tpdus) {
    ASSIGN_OR_RETURN(Bytes unit, FrameTpdu(t));
    out.insert(out.end(), unit.begin(), unit.end());
  }
  return out;
}

Result<Bytes> FrameTpdu(const CotpTpdu& tpdu) {
  ASSIGN_OR_RETURN(Bytes cotp, EncodeCotp(tpdu));
  return WrapInTpkt(cotp);
}

Result<Bytes> FrameS7Pdu(const S7Pdu& pdu, size_t max_unit_payload) {
  if (max_unit_payload == 0 || max_unit_payload > kMaxUnitPayload)
    return InvalidArgument("s7comm frame: unit payload " +
                           Str(max_unit_payload) + " is not in 1.." +
                           Str(kMaxUnitPayload));
  ASSIGN_OR_RETURN(Bytes payload, EncodeS7Pdu(pdu));
  std::vector<CotpTpdu> units;
  for (size_t at = 0; at < payload.size(); at += max_unit_payload) {
    size_t n = std::min(max_unit_payload, payload.size() - at);
    auto first = payload.begin() + static_cast<std::ptrdiff_t>(at);
    units.push_back(
        CotpData(Bytes(first, first + static_cast<std::ptrdiff_t>(n)),
                 at + n == payload.size()));
  }
  return EncodeTpdus(units);
}

}  // namespace protolm::s7comm
