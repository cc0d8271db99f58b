// Reading what `protolm eval` scores: a dataset of real exchanges and a file
// of predicted responses, joined into EvalRecords.
//
// The dataset is JSONL in the ingest record format (exchange_writer.h, what
// `protolm ingest` and `protolm probe` write): `request` and `response` as
// lower-case hex (null: absent), `protocol`, `function`, and optionally `id`.
// Records without a request (orphan responses, events) are skipped.
// Predictions are JSONL too, one object per dataset record with the
// predicted `response` (hex; null or "" = the model sends nothing) and
// either an `id` equal to a dataset record's `id`, or no id, in which case
// they match dataset records by position. A prediction that carries a
// `request` must carry the dataset record's request. Errors name the file and
// line: "preds.jsonl:12: request does not match dataset record 12".
#pragma once

#include <string>
#include <vector>

#include "metrics/evaluation.h"
#include "util/status.h"

namespace protolm::metrics {

Result<std::vector<EvalRecord>> LoadEvalRecords(
    const std::string& dataset_path, const std::string& predictions_path);

}  // namespace protolm::metrics
