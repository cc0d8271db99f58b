// How a clone answers the requests of a dataset, in the two ways the clone
// report measures it.
//
// Isolated (LLMPot's protocol): each request is answered on its own by the
// model, with the record's dataset context when the model uses context.
// Replay: the whole probe sequence is sent through the clone in order, one
// emu::Responder per session sharing one state overlay (state within and
// across connections); the clone only ever sees its own answers, never the
// recorded ones. Constrained decoding uses the protocol's response grammar
// (Protocol::MakeResponseConstraint) with what the clone learned of its device. Not thread-safe per call; the engine may be
// shared.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "proto/device_knowledge.h"
#include "lm/engine/engine.h"
#include "metrics/evaluation.h"
#include "trace/dataset_reader.h"
#include "util/status.h"

namespace protolm::clone {

struct PredictOptions {
  std::string protocol;      // the records' protocol (a codec name)
  size_t context = 0;        // exchanges of context the model was trained with
  bool constrained = true;   // decode within the protocol's grammar
  bool use_state = true;     // replay only: the state overlay
  size_t max_response_bytes = 300;
  /// What the grammars know of the device: what the clone learned from its
  /// training split (LearnDevice); null: the specification alone.
  std::shared_ptr<const DeviceKnowledge> known;
};

/// Answers records[i] for each i of `indices`, each on its own.
Result<std::vector<Bytes>> PredictIsolated(
    const lm::Engine& engine, const std::vector<DatasetRecord>& records,
    const std::vector<size_t>& indices, const PredictOptions& options);

/// Replays all records in order; the answer to every record.
Result<std::vector<Bytes>> PredictReplay(
    const lm::Engine& engine, const std::vector<DatasetRecord>& records,
    const PredictOptions& options);

/// Scores predictions[k] as the answer to records[indices[k]].
metrics::EvalReport ScorePredictions(const std::vector<DatasetRecord>& records,
                                     const std::vector<size_t>& indices,
                                     const std::vector<Bytes>& predictions,
                                     const metrics::EvalOptions& options);

}  // namespace protolm::clone
