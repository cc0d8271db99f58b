// JSONL dataset records → traces of request/response events (see
// dataset_source.h).
#include "trace/dataset_source.h"

#include <deque>
#include <map>
#include <utility>

#include "proto/registry/codec_registry.h"
#include "trace/dataset_reader.h"
#include "trace/protocol_token.h"

namespace protolm {
namespace {

/// Groups a dataset's records into traces for a TraceSink.
class RecordsToTraces {
 public:
  RecordsToTraces(const std::string& path, std::optional<int> token_depth,
                  TraceSink& sink)
      : path_(path), token_depth_(token_depth), sink_(sink) {}

  Status Visit(uint64_t line, Result<DatasetRecord> record) {
    if (!record.ok()) {
      sink_.OnWarning(record.status());
      return Status::Ok();
    }
    const TraceInfo& trace = TraceOf(*record, line);
    const Codec* codec = FindCodec(record->protocol);
    Emit(trace, codec, *record, record->request, record->request_time_us,
         Direction::kClientToServer);
    Emit(trace, codec, *record, record->response, record->response_time_us,
         Direction::kServerToClient);
    return Status::Ok();
  }

  /// Ends every trace, in the order they started.
  void EndAll() {
    for (const TraceInfo& trace : traces_) sink_.OnTraceEnd(trace);
  }

 private:
  /// The trace of the record's session, started on its first record.
  const TraceInfo& TraceOf(const DatasetRecord& record, uint64_t line) {
    auto it = by_session_.find(record.session);
    if (it != by_session_.end()) return *it->second;
    TraceInfo& trace = traces_.emplace_back();
    trace.id = record.session != 0 ? std::to_string(record.session) : path_;
    trace.number = traces_.size();
    trace.protocol = record.protocol;
    trace.network = PeersOf(record);
    trace.first_record = line;
    by_session_.emplace(record.session, &trace);
    sink_.OnTraceStart(trace);
    return trace;
  }

  /// The record's endpoints when it names both; text that is no endpoint is
  /// a warning.
  std::optional<NetworkPeers> PeersOf(const DatasetRecord& record) {
    if (record.client.empty() || record.server.empty()) return std::nullopt;
    Result<Endpoint> client = ParseEndpoint(record.client);
    Result<Endpoint> server = ParseEndpoint(record.server);
    for (const Result<Endpoint>* end : {&client, &server}) {
      if (!end->ok()) {
        sink_.OnWarning(end->status().WithContext(record.where));
        return std::nullopt;
      }
    }
    return NetworkPeers{std::move(client).value(), std::move(server).value(),
                        /*saw_handshake=*/false};
  }

  /// One message of the record as an event (none when it has no bytes);
  /// moves the bytes into the reused event.
  void Emit(const TraceInfo& trace, const Codec* codec,
            const DatasetRecord& record, Bytes& bytes,
            std::optional<int64_t> time_us, Direction direction) {
    if (bytes.empty()) return;
    event_.time_us = time_us;
    event_.actor = direction;
    event_.fields.clear();
    if (!record.id.empty()) event_.fields.push_back({"id", record.id});
    event_.fields.push_back({"function", record.function});
    event_.pdu.reset();
    event_.token.clear();
    if (codec != nullptr) {
      event_.pdu = codec->Inspect(bytes, direction);
      if (token_depth_)
        event_.token = ProtocolToken(*codec, bytes, direction, *token_depth_);
    }
    event_.bytes = std::move(bytes);
    sink_.OnEvent(trace, event_);
  }

  const std::string& path_;
  std::optional<int> token_depth_;
  TraceSink& sink_;
  std::deque<TraceInfo> traces_;  // in order of start; stable references
  std::map<uint64_t, const TraceInfo*> by_session_;
  TraceEvent event_;
};

}  // namespace

DatasetSource::DatasetSource(std::string path, DatasetSourceOptions options)
    : path_(std::move(path)), options_(options) {}

Status DatasetSource::Run(TraceSink& sink) {
  RecordsToTraces traces(path_, options_.token_depth, sink);
  RETURN_IF_ERROR(VisitDataset(
      path_, [&traces](uint64_t line, Result<DatasetRecord> record) {
        return traces.Visit(line, std::move(record));
      }));
  traces.EndAll();
  return Status::Ok();
}

}  // namespace protolm
