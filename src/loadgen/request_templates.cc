// Request templates from datasets and probe strategies (see
// request_templates.h).
#include "loadgen/request_templates.h"

#include "probe/modbus_strategies.h"
#include "probe/probe_config.h"
#include "probe/s7_opening.h"
#include "probe/s7_strategies.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/mbap.h"
#include "proto/registry/codec_registry.h"
#include "proto/s7comm/message.h"
#include "trace/dataset_reader.h"

namespace protolm::loadgen {
namespace {

/// Modbus pair keys carry the unit id below the transaction id.
constexpr uint8_t kModbusKeyShift = 8;
/// Offset of the PDU reference in the S7 header (after protocol id,
/// ROSCTR and redundancy id).
constexpr size_t kS7RefInHeader = 4;
constexpr uint8_t kCotpData = 0xf0;

Result<const Codec*> CodecOf(std::string_view protocol) {
  const Codec* codec = FindCodec(protocol);
  if (codec == nullptr || (protocol != "modbus" && protocol != "s7comm"))
    return InvalidArgument("unknown protocol '" + std::string(protocol) +
                           "' (use modbus or s7comm)");
  return codec;
}

}  // namespace

void StampRequest(const RequestTemplate& request, uint16_t id, Bytes& out) {
  const size_t start = out.size();
  out.insert(out.end(), request.wire.begin(), request.wire.end());
  out[start + request.id_offset] = static_cast<uint8_t>(id >> 8);
  out[start + request.id_offset + 1] = static_cast<uint8_t>(id);
}

Result<size_t> IdentifierOffset(std::string_view protocol, ByteView framed) {
  if (protocol == "modbus") {
    if (framed.size() < 2)
      return Malformed("a Modbus unit of " + std::to_string(framed.size()) +
                       " bytes has no transaction id");
    return size_t{0};
  }
  // TPKT header (4 bytes), COTP length indicator, the COTP header it counts
  // (a DT), then the S7 header.
  ByteReader reader(framed);
  reader.Skip(4);
  const std::optional<uint8_t> cotp_length = reader.U8();
  const std::optional<uint8_t> cotp_type = reader.Peek();
  if (!cotp_length || !cotp_type || (*cotp_type & 0xf0) != kCotpData ||
      !reader.Skip(*cotp_length) || reader.remaining() < kS7RefInHeader + 2)
    return Malformed("an S7 unit of " + std::to_string(framed.size()) +
                     " bytes carries no S7 header with a PDU reference");
  return reader.offset() + kS7RefInHeader;
}

std::optional<uint64_t> AnswerKey(std::string_view protocol, ByteView framed) {
  Result<size_t> offset = IdentifierOffset(protocol, framed);
  if (!offset.ok()) return std::nullopt;
  ByteReader reader(framed);
  reader.Skip(*offset);
  const std::optional<uint16_t> id = reader.U16Be();
  if (protocol != "modbus") return id;
  reader.Skip(modbus::kMbapSize - 3);  // protocol id, length
  const std::optional<uint8_t> unit = reader.U8();
  if (!id || !unit) return std::nullopt;
  return (uint64_t{*id} << kModbusKeyShift) | *unit;
}

Result<RequestTemplate> MakeTemplate(const Codec& codec, ByteView request) {
  const std::string protocol(codec.name());
  const FrameResult frame = codec.Frame(request);
  if (frame.kind != FrameResult::Kind::kFrame || frame.length != request.size())
    return Malformed("the " + std::to_string(request.size()) +
                     " bytes are not one whole " + protocol + " unit");
  const Inspection inspection =
      codec.Inspect(request, Direction::kClientToServer);
  if (inspection.info.role != PduRole::kRequest || !inspection.info.pair_key)
    return Malformed("not a " + protocol +
                     " request that an answer can be paired with (" +
                     PduRoleName(inspection.info.role) + ")");
  RequestTemplate t;
  ASSIGN_OR_RETURN(t.id_offset, IdentifierOffset(protocol, request));
  t.wire.assign(request.begin(), request.end());
  const auto id = static_cast<uint16_t>(request[t.id_offset] << 8 |
                                        request[t.id_offset + 1]);
  t.key_shift = protocol == "modbus" ? kModbusKeyShift : 0;
  t.key_low = *inspection.info.pair_key & ((uint64_t{1} << t.key_shift) - 1);
  if (t.KeyFor(id) != *inspection.info.pair_key)
    return Malformed("the " + protocol + " request's identifier at offset " +
                     std::to_string(t.id_offset) +
                     " is not the one its answer is paired by");
  return t;
}

Result<RequestList> DatasetRequests(const std::string& path,
                                    std::string_view protocol) {
  ASSIGN_OR_RETURN(const Codec* codec, CodecOf(protocol));
  ASSIGN_OR_RETURN(std::vector<DatasetRecord> records, ReadDataset(path));
  RequestList list;
  for (const DatasetRecord& record : records) {
    if (record.request.empty()) continue;
    if (record.protocol != protocol)
      return InvalidArgument(record.where + ": a " + record.protocol +
                             " record in a " + std::string(protocol) +
                             " load (give --protocol " + record.protocol + ")");
    if (record.control ||
        (protocol == "s7comm" && probe::IsS7ConnectionSetup(record.request)))
      continue;
    Result<RequestTemplate> t = MakeTemplate(*codec, record.request);
    if (!t.ok()) {
      if (list.unusable++ == 0)
        list.first_unusable = record.where + ": " + t.status().message();
      continue;
    }
    list.requests.push_back(std::move(t).value());
  }
  if (list.requests.empty())
    return InvalidArgument(
        path + ": no " + std::string(protocol) + " request to replay" +
        (list.unusable > 0 ? " (first left out: " + list.first_unusable + ")"
                           : ""));
  return list;
}

Result<RequestList> GeneratedRequests(std::string_view protocol,
                                      std::string_view strategy, size_t count,
                                      uint64_t seed) {
  ASSIGN_OR_RETURN(const Codec* codec, CodecOf(protocol));
  if (strategy != "boundaries" && strategy != "random")
    return InvalidArgument("unknown strategy '" + std::string(strategy) +
                           "' (use boundaries or random)");
  ASSIGN_OR_RETURN(probe::ProbeConfig config,
                   probe::DefaultProbeConfig(protocol));
  const bool boundaries = strategy == "boundaries";
  RequestList list;
  if (protocol == "modbus") {
    for (const probe::ModbusProbe& p :
         boundaries ? probe::ModbusBoundaries(config, count, seed)
                    : probe::ModbusRandom(config, count, seed)) {
      ASSIGN_OR_RETURN(Bytes adu,
                       modbus::BuildRequestAdu(0, p.unit_id, p.request));
      ASSIGN_OR_RETURN(RequestTemplate t, MakeTemplate(*codec, adu));
      list.requests.push_back(std::move(t));
    }
  } else {
    for (const s7comm::S7Pdu& pdu :
         boundaries ? probe::S7Boundaries(config, count, seed)
                    : probe::S7Random(config, count, seed)) {
      ASSIGN_OR_RETURN(Bytes wire, s7comm::FrameS7Pdu(pdu));
      ASSIGN_OR_RETURN(RequestTemplate t, MakeTemplate(*codec, wire));
      list.requests.push_back(std::move(t));
    }
  }
  return list;
}

}  // namespace protolm::loadgen
