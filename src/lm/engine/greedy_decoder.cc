// The greedy decoding loop (see greedy_decoder.h).
//
// Each round, every unfinished row first extends itself with the tokens the
// constraint forces (no model work: they are only queued for feeding), then the
// rows that need a real choice feed their queued tokens in one forward pass and
// pick the arg-max allowed token from the output head.
#include "lm/engine/greedy_decoder.h"

#include <algorithm>
#include <string>

namespace protolm::lm {
namespace {

// Above this many allowed tokens the whole head is one matrix-vector product.
constexpr size_t kFullHeadThreshold = 48;

struct Row {
  size_t limit = 0;  // most response bytes this row may produce
  Bytes produced;
  std::vector<FeedItem> pending;  // fed at the next forward pass
  AllowedTokens allowed;          // for the next token
  size_t allowed_count = 0;
  bool done = false;
};

size_t CountAllowed(const AllowedTokens& allowed) {
  return allowed.bytes.count() + (allowed.end ? 1 : 0);
}

void QueueByte(size_t r, Row* row, uint8_t byte, size_t max_offset) {
  row->produced.push_back(byte);
  row->pending.push_back(
      FeedItem{r, byte, ClampOffset(row->produced.size(), max_offset)});
}

// Appends forced tokens until the row is done or needs a choice.
Status Advance(size_t r, Row* row, const DecodeOptions& options,
               size_t max_offset) {
  while (true) {
    if (row->produced.size() >= row->limit) {
      row->done = true;
      return Status::Ok();
    }
    row->allowed = AllowedTokens{};
    if (options.constraint == nullptr) {
      row->allowed.bytes.set();
      row->allowed.end = true;
    } else {
      options.constraint->Allowed(row->produced, &row->allowed);
    }
    row->allowed_count = CountAllowed(row->allowed);
    if (row->allowed_count == 0) {
      return Internal("constraint allows no token after " +
                      std::to_string(row->produced.size()) + " response bytes");
    }
    if (row->allowed_count > 1) return Status::Ok();
    if (row->allowed.end) {
      row->done = true;
      return Status::Ok();
    }
    size_t byte = 0;
    while (!row->allowed.bytes.test(byte)) ++byte;
    QueueByte(r, row, static_cast<uint8_t>(byte), max_offset);
  }
}

// The arg-max allowed token (ties to the lowest id) of one hidden vector.
int32_t Choose(const Engine::Model& model, const Row& row, const float* hidden,
               float* logits) {
  int32_t best = -1;
  float best_logit = 0;
  auto consider = [&](int32_t token, float logit) {
    if (best < 0 || logit > best_logit) best = token, best_logit = logit;
  };
  bool full = row.allowed_count > kFullHeadThreshold;
  if (full) model.HeadAll(hidden, 1, logits);
  for (int32_t b = 0; b < 256; ++b) {
    if (!row.allowed.bytes.test(b)) continue;
    consider(b, full ? logits[b] : model.HeadOne(hidden, b));
  }
  if (row.allowed.end) {
    consider(kEnd, full ? logits[kEnd] : model.HeadOne(hidden, kEnd));
  }
  return best;
}

}  // namespace

Result<std::vector<Bytes>> DecodeGreedy(const Engine::Model& model,
                                        std::span<const TokenSequence> prompts,
                                        const DecodeOptions& options,
                                        std::optional<size_t> first_index) {
  const ModelConfig& config = model.config();
  size_t max_positions = static_cast<size_t>(config.max_positions);
  size_t max_offset = static_cast<size_t>(config.max_offset);
  size_t d = static_cast<size_t>(config.d_model);
  std::vector<Row> rows(prompts.size());
  size_t capacity = 1;
  for (size_t r = 0; r < prompts.size(); ++r) {
    const TokenSequence& prompt = prompts[r];
    rows[r].limit = std::min(options.max_response_bytes,
                             max_positions - prompt.tokens.size() - 1);
    capacity = std::max(capacity, prompt.tokens.size() + rows[r].limit);
    rows[r].produced.reserve(rows[r].limit);
    rows[r].pending.reserve(prompt.tokens.size() + rows[r].limit);
    for (size_t i = 0; i < prompt.tokens.size(); ++i) {
      rows[r].pending.push_back(
          FeedItem{r, prompt.tokens[i], prompt.offsets[i]});
    }
  }
  std::unique_ptr<ForwardState> state = model.NewState(rows.size(), capacity);
  std::vector<FeedItem> feed;
  std::vector<uint8_t> want;
  std::vector<size_t> choosing;  // rows fed this round, in feed order
  std::vector<float> hidden(rows.size() * d);
  std::vector<float> logits(kVocabSize);
  while (true) {
    feed.clear();
    want.clear();
    choosing.clear();
    for (size_t r = 0; r < rows.size(); ++r) {
      Row& row = rows[r];
      if (row.done) continue;
      Status status = Advance(r, &row, options, max_offset);
      if (!status.ok()) {
        if (!first_index) return status;
        return status.WithContext("prompt " + std::to_string(*first_index + r));
      }
      if (row.done) continue;
      feed.insert(feed.end(), row.pending.begin(), row.pending.end());
      want.resize(feed.size(), 0);
      want.back() = 1;
      row.pending.clear();
      choosing.push_back(r);
    }
    if (choosing.empty()) break;
    model.Forward(state.get(), feed, want, hidden.data());
    for (size_t k = 0; k < choosing.size(); ++k) {
      size_t r = choosing[k];
      int32_t token =
          Choose(model, rows[r], hidden.data() + k * d, logits.data());
      if (token == kEnd) {
        rows[r].done = true;
      } else {
        QueueByte(r, &rows[r], static_cast<uint8_t>(token), max_offset);
      }
    }
  }
  std::vector<Bytes> out;
  out.reserve(rows.size());
  for (Row& row : rows) out.push_back(std::move(row.produced));
  return out;
}

}  // namespace protolm::lm
