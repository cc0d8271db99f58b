// Decoding and encoding of whole framed units (see message.h).
#include "proto/s7comm/message.h"

#include <algorithm>
#include <optional>
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

/// Where each piece of the joined DT data lies in the framed bytes. The
/// first piece is kept inline: most PDUs travel in one DT unit, and their
/// map then allocates nothing.
class OffsetMap {
 public:
  void Add(size_t payload_at, size_t frame_at, size_t len) {
    if (len == 0) return;
    if (!first_) {
      first_ = Segment{payload_at, frame_at};
    } else {
      more_.push_back({payload_at, frame_at});
    }
  }

  size_t ToFrame(size_t payload_at) const {
    if (!first_) return payload_at;
    const Segment* hit = &*first_;
    for (const Segment& s : more_)
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
  };
  std::optional<Segment> first_;
  std::vector<Segment> more_;  // in payload order
};

/// Reads the TPKT units and their TPDUs into `out`, recording their fields
/// into `tree`; joins the DT data. Returns false (status set) at the first
/// fault.
bool DecodeUnits(ByteView framed, FieldNode tree, MessageDecoding& out,
                 OffsetMap& map) {
  size_t pos = 0;
  if (framed.empty()) {
    out.status = TpktFault(StatusCode::kTruncated, 0, "empty input");
    return false;
  }
  FieldMode mode = tree.recording() ? FieldMode::kRecord : FieldMode::kSkip;
  while (pos < framed.size()) {
    ByteReader r(framed.subspan(pos));
    FieldNode tpkt =
        tree.Group("tpkt", pos, std::min<size_t>(4, r.remaining()));
    if (r.remaining() < kTpktHeaderSize) {
      out.status =
          TpktFault(StatusCode::kTruncated, pos,
                    "header needs 4 bytes, " + Str(r.remaining()) + " left");
      return false;
    }
    uint8_t version = *r.U8();
    tpkt.Number("version", version, pos, 1);
    uint8_t reserved = *r.U8();
    tpkt.Number("reserved", reserved, pos + 1, 1);
    uint16_t len = *r.U16Be();
    tpkt.Number("length", len, pos + 2, 2);
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
                   pos + kTpktHeaderSize, mode);
    if (tree.recording()) tree.field()->Add(std::move(cotp.tree));
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

/// Offset of unit `i` in the framed bytes, whose units DecodeUnits read
/// (each a sound TPKT header whose length is within the input).
size_t UnitOffset(ByteView framed, size_t i) {
  size_t pos = 0;
  for (; i > 0; --i) pos += size_t{framed[pos + 2]} << 8 | framed[pos + 3];
  return pos;
}

/// Checks that the TPDUs form one control TPDU or one DT sequence with EOT
/// on the last unit only.
Status CheckSequence(ByteView framed, const MessageDecoding& m) {
  const auto& t = m.tpdus;
  if (t.size() == 1 && t[0].type != CotpType::kData) return Status::Ok();
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].type != CotpType::kData)
      return Malformed("COTP: offset " + Str(UnitOffset(framed, i)) + ": a " +
                       CotpTypeName(static_cast<uint8_t>(t[i].type)) +
                       " TPDU cannot be part of a sequence of DT units");
    if (t[i].eot && i + 1 < t.size())
      return Malformed("COTP: offset " + Str(UnitOffset(framed, i)) +
                       ": DT unit " + Str(i + 1) + " of " + Str(t.size()) +
                       " has EOT set; only the last may");
  }
  bool empty_alone = t.size() == 1 && m.payload.empty();
  if (!t.back().eot && !empty_alone)
    return Malformed("COTP: offset " + Str(UnitOffset(framed, t.size() - 1)) +
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

/// Adds a "payload" field holding the whole payload, as hex, to the tree.
void AddPayloadField(const Bytes& payload, int level, const OffsetMap& map,
                     FieldNode tree) {
  if (!tree.recording()) return;
  Field f{"payload", "0x" + ToHex(payload), std::nullopt,
          0,         payload.size(),        level,
          {}};
  map.Remap(f);
  tree.field()->Add(std::move(f));
}

void DecodePayload(MessageDecoding& out, const OffsetMap& map, FieldNode tree) {
  const Bytes& p = out.payload;
  if (p[0] == kPlusProtocolId) {
    if (tree.recording()) tree.field()->name = "s7comm_plus";
    AddPayloadField(p, 4, map, tree);
    out.info.role = PduRole::kUnknown;
    out.info.function = "s7comm_plus";
    return;
  }
  if (p[0] != kProtocolId) {
    if (tree.recording()) tree.field()->name = "cotp.dt";
    AddPayloadField(p, 0, map, tree);
    if (out.status.ok())
      out.status = Malformed("s7comm: offset " + Str(map.ToFrame(0)) +
                             ": protocol id " + HexText(p[0], 2) +
                             ", expected 0x32 (S7comm) or 0x72 (S7comm-plus)");
    return;
  }
  S7Decoding s7 =
      DecodeS7(p, tree.recording() ? FieldMode::kRecord : FieldMode::kSkip);
  if (tree.recording()) {
    for (Field& part : s7.parts) {
      map.Remap(part);
      tree.field()->Add(std::move(part));
    }
    tree.field()->name =
        s7.rosctr ? "s7comm." + RosctrName(*s7.rosctr) : "s7comm";
  }
  out.info = std::move(s7.info);
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

MessageDecoding DecodeMessage(ByteView framed, FieldMode mode) {
  MessageDecoding out;
  FieldNode tree(mode == FieldMode::kRecord ? &out.tree : nullptr);
  if (tree.recording()) {
    out.tree.name = "tpkt";
    out.tree.length = framed.size();
  }
  OffsetMap map;
  if (!DecodeUnits(framed, tree, out, map)) return out;
  const CotpTpdu& first = out.tpdus.front();
  if (tree.recording())
    out.tree.name = "cotp." + CotpTypeName(static_cast<uint8_t>(first.type));
  out.status = CheckSequence(framed, out);
  if (out.tpdus.size() == 1 && first.type != CotpType::kData) {
    SetCotpInfo(first, out.info);
    return out;
  }
  if (out.payload.empty()) {
    SetCotpInfo(first, out.info);
    return out;
  }
  DecodePayload(out, map, tree);
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
