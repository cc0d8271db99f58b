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

/// What DecodeMessage needs of the units beyond the typed TPDUs, which
/// FieldMode::kFactsOnly does not keep: their number, the first TPDU's
/// header, the first unit that breaks the rule of a DT sequence, and the
/// joined DT data (in place when one unit carries it all).
struct Units {
  size_t count = 0;
  CotpType first_type = CotpType::kData;
  uint16_t first_src_ref = 0;
  uint16_t first_dst_ref = 0;
  // The first unit that is not a DT or has EOT set (a fault unless it is a
  // DT and the last unit), with its type.
  std::optional<size_t> first_break;
  CotpType break_type = CotpType::kData;
  bool last_eot = true;
  ByteView payload;  // the joined DT data: into the framed bytes or out.payload
};

/// Reads the TPKT units and their TPDUs into `out` (the TPDUs unless
/// `mode` is kFactsOnly), recording their fields into `tree`; joins the DT
/// data. Returns false (status set) at the first fault.
bool DecodeUnits(ByteView framed, FieldNode tree, FieldMode mode,
                 MessageDecoding& out, OffsetMap& map, Units& units) {
  size_t pos = 0;
  if (framed.empty()) {
    out.status = TpktFault(StatusCode::kTruncated, 0, "empty input");
    return false;
  }
  const bool keep = mode != FieldMode::kFactsOnly;
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
    const CotpTpdu& t = cotp.tpdu;
    if (units.count == 0) {
      units.first_type = t.type;
      units.first_src_ref = t.src_ref;
      units.first_dst_ref = t.dst_ref;
    }
    if (!units.first_break && (t.type != CotpType::kData || t.eot)) {
      units.first_break = units.count;
      units.break_type = t.type;
    }
    units.last_eot = t.eot;
    ++units.count;
    if (t.type == CotpType::kData) {
      // The user data follows the COTP header (length indicator + 1 bytes),
      // which DecodeCotp found within the unit.
      size_t data_at =
          pos + kTpktHeaderSize + 1 + framed[pos + kTpktHeaderSize];
      ByteView data = framed.subspan(data_at, pos + len - data_at);
      if (units.payload.size() + data.size() > kMaxReassembledPayload) {
        out.status =
            Status(StatusCode::kMalformed,
                   "COTP: offset " + Str(pos) + ": joined DT data exceeds " +
                       Str(kMaxReassembledPayload) + " bytes");
        return false;
      }
      map.Add(units.payload.size(), data_at, data.size());
      if (!data.empty()) {
        if (units.payload.empty() && !keep) {
          units.payload = data;  // read in place unless another unit follows
        } else {
          if (out.payload.size() != units.payload.size())
            out.payload.assign(units.payload.begin(), units.payload.end());
          out.payload.insert(out.payload.end(), data.begin(), data.end());
          units.payload = out.payload;
        }
      }
    }
    if (keep) out.tpdus.push_back(std::move(cotp.tpdu));
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

/// Checks that the units form one control TPDU or one DT sequence with EOT
/// on the last unit only.
Status CheckSequence(ByteView framed, const Units& u) {
  if (u.count == 1 && u.first_type != CotpType::kData) return Status::Ok();
  if (u.first_break) {
    size_t i = *u.first_break;
    if (u.break_type != CotpType::kData)
      return Malformed("COTP: offset " + Str(UnitOffset(framed, i)) + ": a " +
                       CotpTypeName(static_cast<uint8_t>(u.break_type)) +
                       " TPDU cannot be part of a sequence of DT units");
    if (i + 1 < u.count)
      return Malformed("COTP: offset " + Str(UnitOffset(framed, i)) +
                       ": DT unit " + Str(i + 1) + " of " + Str(u.count) +
                       " has EOT set; only the last may");
  }
  bool empty_alone = u.count == 1 && u.payload.empty();
  if (!u.last_eot && !empty_alone)
    return Malformed("COTP: offset " + Str(UnitOffset(framed, u.count - 1)) +
                     ": the last DT unit has EOT clear; the PDU continues "
                     "past this input");
  return Status::Ok();
}

void SetCotpInfo(const Units& u, PduInfo& info) {
  info.role = PduRole::kControl;
  info.application_pdu = false;
  info.function = "cotp_" + CotpTypeName(static_cast<uint8_t>(u.first_type));
  switch (u.first_type) {
    case CotpType::kConnectRequest:
      info.pair_key = kCotpConnectPairTag | u.first_src_ref;
      break;
    case CotpType::kConnectConfirm:
      info.pair_key = kCotpConnectPairTag | u.first_dst_ref;
      break;
    case CotpType::kDisconnectRequest:
      info.pair_key = kCotpDisconnectPairTag | u.first_src_ref;
      break;
    case CotpType::kDisconnectConfirm:
      info.pair_key = kCotpDisconnectPairTag | u.first_dst_ref;
      break;
    case CotpType::kError:
      info.exception = true;
      break;
    default:
      break;
  }
}

/// Adds a "payload" field holding the whole payload, as hex, to the tree.
void AddPayloadField(ByteView payload, int level, const OffsetMap& map,
                     FieldNode tree) {
  if (!tree.recording()) return;
  Field f{"payload", "0x" + ToHex(payload), std::nullopt,
          0,         payload.size(),        level,
          {}};
  map.Remap(f);
  tree.field()->Add(std::move(f));
}

void DecodePayload(ByteView p, FieldMode mode, MessageDecoding& out,
                   const OffsetMap& map, FieldNode tree) {
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
  S7Decoding s7 = DecodeS7(p, mode);
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
  if (out.status.ok() && mode != FieldMode::kFactsOnly)
    out.s7 = std::move(s7.pdu);
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
  Units units;
  if (!DecodeUnits(framed, tree, mode, out, map, units)) return out;
  if (tree.recording())
    out.tree.name =
        "cotp." + CotpTypeName(static_cast<uint8_t>(units.first_type));
  out.status = CheckSequence(framed, units);
  if ((units.count == 1 && units.first_type != CotpType::kData) ||
      units.payload.empty()) {
    SetCotpInfo(units, out.info);
  } else {
    DecodePayload(units.payload, mode, out, map, tree);
  }
  if (mode == FieldMode::kFactsOnly) out.payload.clear();
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
