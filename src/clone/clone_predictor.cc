// Answering dataset requests with a model (see clone_predictor.h).
#include "clone/clone_predictor.h"

#include <map>
#include <memory>

#include "clone/dataset_split.h"
#include "emu/responder.h"
#include "emu/state_overlay.h"
#include "proto/registry/protocol_table.h"

namespace protolm::clone {
namespace {

/// The protocol of `record`. Errors: InvalidArgument naming the record.
Result<const Protocol*> ProtocolOf(const DatasetRecord& record) {
  Result<const Protocol*> protocol = RequireProtocol(record.protocol);
  if (!protocol.ok()) return protocol.status().WithContext(record.where);
  return protocol;
}

}  // namespace

Result<std::vector<Bytes>> PredictIsolated(
    const lm::Engine& engine, const std::vector<DatasetRecord>& records,
    const std::vector<size_t>& indices, const PredictOptions& options) {
  std::vector<Bytes> predictions;
  predictions.reserve(indices.size());
  for (size_t i : indices) {
    const DatasetRecord& record = records[i];
    std::unique_ptr<ResponseConstraint> constraint;
    if (options.constrained) {
      ASSIGN_OR_RETURN(const Protocol* protocol, ProtocolOf(record));
      constraint = protocol->MakeResponseConstraint(
          record.request, options.max_response_bytes, options.known.get());
    }
    lm::DecodeOptions decode;
    decode.max_response_bytes = options.max_response_bytes;
    decode.constraint = constraint.get();
    auto response = engine.Generate(ContextOf(records, i, options.context),
                                    record.request, decode);
    if (!response.ok()) {
      return Status(response.status().code(),
                    record.where + ": " + response.status().message());
    }
    predictions.push_back(std::move(*response));
  }
  return predictions;
}

Result<std::vector<Bytes>> PredictReplay(
    const lm::Engine& engine, const std::vector<DatasetRecord>& records,
    const PredictOptions& options) {
  ASSIGN_OR_RETURN(const Protocol* device, RequireProtocol(options.protocol));
  emu::StateOverlay state(*device, options.known.get());
  emu::ResponderOptions responder_options;
  responder_options.constrained = options.constrained;
  responder_options.use_state = options.use_state;
  responder_options.context = options.context;
  responder_options.max_response_bytes = options.max_response_bytes;
  responder_options.known = options.known.get();
  std::map<uint64_t, std::unique_ptr<emu::Responder>> sessions;
  std::vector<Bytes> predictions;
  predictions.reserve(records.size());
  for (const DatasetRecord& record : records) {
    auto& responder = sessions[record.session];
    if (!responder) {
      ASSIGN_OR_RETURN(const Protocol* protocol, ProtocolOf(record));
      responder = std::make_unique<emu::Responder>(
          engine, *protocol, responder_options,
          options.use_state ? &state : nullptr);
    }
    auto response = responder->Answer(record.request);
    if (!response.ok()) {
      return Status(response.status().code(),
                    record.where + ": " + response.status().message());
    }
    predictions.push_back(std::move(*response));
  }
  return predictions;
}

metrics::EvalReport ScorePredictions(const std::vector<DatasetRecord>& records,
                                     const std::vector<size_t>& indices,
                                     const std::vector<Bytes>& predictions,
                                     const metrics::EvalOptions& options) {
  std::vector<metrics::EvalRecord> scored;
  scored.reserve(indices.size());
  for (size_t k = 0; k < indices.size() && k < predictions.size(); ++k) {
    const DatasetRecord& record = records[indices[k]];
    scored.push_back({record.protocol, record.function, record.request,
                      record.response, predictions[k]});
  }
  return metrics::Evaluate(scored, options);
}

}  // namespace protolm::clone
