// Joins a dataset and its predictions into EvalRecords (see eval_dataset.h).
#include "metrics/eval_dataset.h"

#include <map>

#include "trace/dataset_reader.h"

namespace protolm::metrics {

Result<std::vector<EvalRecord>> LoadEvalRecords(
    const std::string& dataset_path, const std::string& predictions_path) {
  ASSIGN_OR_RETURN(std::vector<DatasetRecord> dataset,
                   ReadDataset(dataset_path));
  ASSIGN_OR_RETURN(std::vector<DatasetRecord> predictions,
                   ReadDataset(predictions_path));

  std::vector<EvalRecord> records;
  std::vector<std::string> wheres;
  std::map<std::string, size_t> by_id;
  for (DatasetRecord& line : dataset) {
    if (line.request.empty()) continue;
    EvalRecord r;
    r.request = std::move(line.request);
    r.expected = std::move(line.response);
    r.protocol = std::move(line.protocol);
    r.function = std::move(line.function);
    if (!line.id.empty()) by_id[line.id] = records.size();
    records.push_back(std::move(r));
    wheres.push_back(line.where);
  }

  if (predictions.size() != records.size()) {
    return InvalidArgument(
        predictions_path + ": " + std::to_string(predictions.size()) +
        " predictions for " + std::to_string(records.size()) +
        " dataset records in " + dataset_path +
        "; give one prediction per record");
  }
  std::vector<bool> filled(records.size(), false);
  for (size_t i = 0; i < predictions.size(); ++i) {
    const DatasetRecord& line = predictions[i];
    size_t target = i;
    if (!line.id.empty()) {
      auto it = by_id.find(line.id);
      if (it == by_id.end())
        return InvalidArgument(line.where + ": id " + line.id +
                               " names no record of " + dataset_path);
      target = it->second;
    }
    if (filled[target])
      return InvalidArgument(line.where + ": a second prediction for " +
                             wheres[target]);
    filled[target] = true;
    if (!line.request.empty() && line.request != records[target].request)
      return InvalidArgument(line.where + ": request does not match " +
                             wheres[target]);
    records[target].predicted = line.response;
  }
  return records;
}

}  // namespace protolm::metrics
