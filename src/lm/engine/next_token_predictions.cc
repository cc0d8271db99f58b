// Engine::PredictNextTokens (see engine.h): the per-position next-token
// log-probabilities and top-k of a token sequence of any length. The LSTM
// carries its recurrent state through the whole sequence in blocks; the
// transformer reads the overlapping windows of token_windows.h and keeps the
// predictions each window is responsible for. Both go through the models'
// shared Forward and output head.
#include <algorithm>
#include <numeric>
#include <string>

#include "lm/engine/engine.h"
#include "lm/engine/engine_model.h"
#include "lm/engine/kernels.h"
#include "lm/engine/token_windows.h"

namespace protolm::lm {
namespace {

// Tokens an LSTM feeds per Forward call: bounds the hidden and logit buffers
// whatever the sequence's length.
constexpr size_t kLstmBlock = 256;

// Turns hidden vectors into predictions, reusing its buffers across calls.
class PredictionWriter {
 public:
  PredictionWriter(const Engine::Model& model, std::span<const int32_t> tokens,
                   size_t top_k, NextTokenPredictions* out)
      : model_(model),
        tokens_(tokens),
        vocab_size_(static_cast<size_t>(model.config().vocab_size)),
        top_k_(std::min(top_k, vocab_size_)),
        ids_(vocab_size_),
        out_(out) {}

  // The predictions after inputs first_input .. first_input + n - 1, from
  // their n hidden vectors.
  void Append(const float* hidden, size_t n, size_t first_input) {
    logits_.resize(n * vocab_size_);
    model_.HeadAll(hidden, n, logits_.data());
    for (size_t r = 0; r < n; ++r) {
      const float* row = logits_.data() + r * vocab_size_;
      const float log_sum = kernels::LogSumExp(row, vocab_size_);
      const size_t input = first_input + r;
      if (input + 1 < tokens_.size()) {
        out_->log_p.push_back(row[tokens_[input + 1]] - log_sum);
      }
      out_->top.push_back(Top(row, log_sum));
    }
  }

 private:
  std::vector<TokenLogProb> Top(const float* row, float log_sum) {
    std::iota(ids_.begin(), ids_.end(), 0);
    auto k = static_cast<std::ptrdiff_t>(top_k_);
    std::partial_sort(ids_.begin(), ids_.begin() + k, ids_.end(),
                      [row](int32_t a, int32_t b) {
                        return row[a] != row[b] ? row[a] > row[b] : a < b;
                      });
    std::vector<TokenLogProb> top(top_k_);
    for (size_t j = 0; j < top_k_; ++j) {
      top[j] = {ids_[j], row[ids_[j]] - log_sum};
    }
    return top;
  }

  const Engine::Model& model_;
  std::span<const int32_t> tokens_;
  size_t vocab_size_, top_k_;
  std::vector<int32_t> ids_;
  std::vector<float> logits_;
  NextTokenPredictions* out_;
};

void PredictRecurrent(const Engine::Model& model,
                      std::span<const int32_t> tokens,
                      PredictionWriter& writer) {
  const size_t d = static_cast<size_t>(model.config().d_model);
  std::unique_ptr<ForwardState> state = model.NewState(1, kLstmBlock);
  std::vector<FeedItem> items;
  const std::vector<uint8_t> want(kLstmBlock, 1);
  std::vector<float> hidden(kLstmBlock * d);
  for (size_t begin = 0; begin < tokens.size(); begin += kLstmBlock) {
    const size_t n = std::min(kLstmBlock, tokens.size() - begin);
    items.clear();
    for (size_t i = 0; i < n; ++i) items.push_back({0, tokens[begin + i], 0});
    model.Forward(state.get(), items, std::span(want).first(n), hidden.data());
    writer.Append(hidden.data(), n, begin);
  }
}

void PredictWindowed(const Engine::Model& model,
                     std::span<const int32_t> tokens,
                     PredictionWriter& writer) {
  const size_t d = static_cast<size_t>(model.config().d_model);
  const size_t window = static_cast<size_t>(model.config().max_positions);
  const std::vector<TokenWindow> windows =
      CutIntoWindows(tokens.size(), window);
  std::vector<FeedItem> items;
  std::vector<uint8_t> want;
  std::vector<float> hidden;
  for (size_t w = 0; w < windows.size(); ++w) {
    const TokenWindow& at = windows[w];
    const bool last = w + 1 == windows.size();
    items.clear();
    want.assign(at.length, 0);
    for (size_t j = 0; j < at.length; ++j) {
      items.push_back({0, tokens[at.begin + j], 0});
      // Input j predicts token j + 1: the targets are context .. length-1;
      // the last window also predicts what follows the sequence.
      want[j] = (j + 1 >= at.context && j + 1 < at.length) ||
                (last && j + 1 == at.length);
    }
    const size_t wanted =
        static_cast<size_t>(std::count(want.begin(), want.end(), 1));
    hidden.resize(wanted * d);
    std::unique_ptr<ForwardState> state = model.NewState(1, at.length);
    model.Forward(state.get(), items, want, hidden.data());
    writer.Append(hidden.data(), wanted, at.begin + at.context - 1);
  }
}

}  // namespace

Result<NextTokenPredictions> Engine::PredictNextTokens(
    std::span<const int32_t> tokens, size_t top_k) const {
  const ModelConfig& c = config();
  if (tokens.empty()) {
    return InvalidArgument("predict: the token sequence is empty");
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i] < 0 || tokens[i] >= c.vocab_size) {
      return InvalidArgument("predict: token " + std::to_string(i) + " is " +
                             std::to_string(tokens[i]) +
                             ", outside the vocabulary of " +
                             std::to_string(c.vocab_size));
    }
  }
  if (c.arch != "lstm" && c.max_positions < 2) {
    return InvalidArgument(
        "predict: a transformer needs at least 2 positions to read windows");
  }
  NextTokenPredictions out;
  out.log_p.reserve(tokens.size() - 1);
  out.top.reserve(tokens.size());
  PredictionWriter writer(*model_, tokens, top_k, &out);
  if (c.arch == "lstm") {
    PredictRecurrent(*model_, tokens, writer);
  } else {
    PredictWindowed(*model_, tokens, writer);
  }
  return out;
}

}  // namespace protolm::lm
