// Request templates from datasets and probe strategies (see
// request_templates.h).
#include "loadgen/request_templates.h"

#include <nlohmann/json.hpp>

#include "probe/probe_config.h"
#include "proto/registry/protocol_table.h"
#include "trace/dataset_reader.h"

namespace protolm::loadgen {
namespace {

Result<const Protocol*> ProtocolNamed(std::string_view name) {
  const Protocol* protocol = FindProtocol(name);
  if (protocol == nullptr || protocol->IdentifierOffset({}).status().code() ==
                                 StatusCode::kUnsupported)
    return InvalidArgument("unknown protocol '" + std::string(name) +
                           "' (use " + probe::ProbeableProtocolNames() + ")");
  return protocol;
}

/// A probe channel that answers nothing and keeps what is sent.
class RequestCollector : public ProbeChannel {
 public:
  explicit RequestCollector(const Protocol& protocol) : protocol_(protocol) {}

  uint16_t NextReference() override { return 0; }
  Result<Bytes> Send(Bytes request) override {
    ASSIGN_OR_RETURN(RequestTemplate t, MakeTemplate(protocol_, request));
    list_.requests.push_back(std::move(t));
    return Bytes{};
  }
  RequestList Take() { return std::move(list_); }

 private:
  const Protocol& protocol_;
  RequestList list_;
};

}  // namespace

void StampRequest(const RequestTemplate& request, uint16_t id, Bytes& out) {
  const size_t start = out.size();
  out.insert(out.end(), request.wire.begin(), request.wire.end());
  out[start + request.id_offset] = static_cast<uint8_t>(id >> 8);
  out[start + request.id_offset + 1] = static_cast<uint8_t>(id);
}

Result<RequestTemplate> MakeTemplate(const Protocol& protocol,
                                     ByteView request) {
  const std::string name(protocol.name());
  const Codec& codec = protocol.codec();
  const FrameResult frame = codec.Frame(request);
  if (frame.kind != FrameResult::Kind::kFrame || frame.length != request.size())
    return Malformed("the " + std::to_string(request.size()) +
                     " bytes are not one whole " + name + " unit");
  const Inspection inspection =
      codec.Inspect(request, Direction::kClientToServer);
  if (inspection.info.role != PduRole::kRequest || !inspection.info.pair_key)
    return Malformed("not a " + name +
                     " request that an answer can be paired with (" +
                     PduRoleName(inspection.info.role) + ")");
  RequestTemplate t;
  ASSIGN_OR_RETURN(t.id_offset, protocol.IdentifierOffset(request));
  if (t.id_offset + 2 > request.size())
    return Malformed("the " + name + " request's identifier at offset " +
                     std::to_string(t.id_offset) + " runs past its end");
  t.wire.assign(request.begin(), request.end());
  const auto id = static_cast<uint16_t>(request[t.id_offset] << 8 |
                                        request[t.id_offset + 1]);
  t.key_shift = protocol.pair_key_shift();
  t.key_low = *inspection.info.pair_key & ((uint64_t{1} << t.key_shift) - 1);
  if (t.KeyFor(id) != *inspection.info.pair_key)
    return Malformed("the " + name + " request's identifier at offset " +
                     std::to_string(t.id_offset) +
                     " is not the one its answer is paired by");
  return t;
}

Result<RequestList> DatasetRequests(const std::string& path,
                                    std::string_view protocol_name) {
  ASSIGN_OR_RETURN(const Protocol* protocol, ProtocolNamed(protocol_name));
  ASSIGN_OR_RETURN(probe::ProbeConfig config,
                   probe::DefaultProbeConfig(protocol_name));
  ASSIGN_OR_RETURN(std::unique_ptr<ConnectionOpening> opening,
                   config.settings->Opening(1, [] { return uint16_t{0}; }));
  ASSIGN_OR_RETURN(std::vector<DatasetRecord> records, ReadDataset(path));
  RequestList list;
  for (const DatasetRecord& record : records) {
    if (record.request.empty()) continue;
    if (record.protocol != protocol->name())
      return InvalidArgument(record.where + ": a " + record.protocol +
                             " record in a " + std::string(protocol_name) +
                             " load (give --protocol " + record.protocol + ")");
    if (record.control ||
        (opening != nullptr && opening->IsOpeningUnit(record.request)))
      continue;
    Result<RequestTemplate> t = MakeTemplate(*protocol, record.request);
    if (!t.ok()) {
      if (list.unusable++ == 0)
        list.first_unusable = record.where + ": " + t.status().message();
      continue;
    }
    list.requests.push_back(std::move(t).value());
  }
  if (list.requests.empty())
    return InvalidArgument(
        path + ": no " + std::string(protocol_name) + " request to replay" +
        (list.unusable > 0 ? " (first left out: " + list.first_unusable + ")"
                           : ""));
  return list;
}

Result<RequestList> GeneratedRequests(std::string_view protocol_name,
                                      std::string_view strategy, size_t count,
                                      uint64_t seed) {
  ASSIGN_OR_RETURN(const Protocol* protocol, ProtocolNamed(protocol_name));
  if (strategy != "boundaries" && strategy != "random")
    return InvalidArgument("unknown strategy '" + std::string(strategy) +
                           "' (use boundaries or random)");
  // No device answers, so no write can be put back.
  ASSIGN_OR_RETURN(
      std::shared_ptr<const ProbeSettings> settings,
      protocol->ProbeSettingsFrom(
          nlohmann::json{{"restore_writes", false}}, "loadgen"));
  RequestCollector collector(*protocol);
  RETURN_IF_ERROR(
      settings->Probe({std::string(strategy), count, seed}, collector));
  return collector.Take();
}

}  // namespace protolm::loadgen
