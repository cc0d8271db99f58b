// libFuzzer target: a detector model file is untrusted input. Parse must
// return a model or a one-line error, never crash or read out of bounds; a
// model it accepts must score, explain and save traces made from the input's
// bytes, and what it saves must load again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "detect/alert_explanation.h"
#include "detect/detector_model.h"

namespace {

using protolm::detect::DetectorModel;
using protolm::detect::TraceSequence;

// A trace of the model's own tokens, chosen by the input's bytes (and one
// token it does not know).
TraceSequence TraceFrom(const DetectorModel& model, std::string_view bytes) {
  TraceSequence trace;
  trace.id = "fuzz";
  for (size_t i = 0; i < bytes.size() && i < 64; ++i) {
    auto id = static_cast<uint8_t>(bytes[i]) % (model.vocabulary.size() + 1);
    trace.tokens.push_back(id == model.vocabulary.size()
                               ? std::string("never-seen")
                               : model.vocabulary.Text(id));
  }
  return trace;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto model = DetectorModel::Parse(text, "fuzz.json");
  if (!model.ok()) {
    if (model.status().message().find('\n') != std::string::npos) std::abort();
    return 0;
  }
  TraceSequence trace = TraceFrom(*model, text);
  std::vector<protolm::detect::TokenId> ids = model->Encode(trace);
  std::vector<double> surprisals;
  model->detector->EventSurprisals(ids, surprisals);
  if (surprisals.size() != ids.size()) std::abort();
  for (size_t position = 0; position <= ids.size(); ++position) {
    (void)model->detector->Expected(ids, position, 3);
  }
  protolm::detect::Thresholds thresholds;
  if (model->calibration) {
    thresholds = {model->calibration->threshold,
                  model->calibration->event_threshold};
  }
  (void)protolm::detect::ScoreRecord(*model, trace, thresholds);
  auto again = DetectorModel::Parse(model->ToJson().dump(), "saved.json");
  if (!again.ok()) std::abort();
  return 0;
}
