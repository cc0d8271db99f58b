// Encoding examples and prompts into token sequences (see tokens.h).
#include "lm/engine/tokens.h"

#include <string>

namespace protolm::lm {
namespace {

// Appends a direction marker and the message's bytes with their offsets.
void AppendMessage(int32_t marker, ByteView message, size_t max_offset,
                   TokenSequence* out) {
  out->tokens.push_back(marker);
  out->offsets.push_back(0);
  for (size_t k = 0; k < message.size(); ++k) {
    out->tokens.push_back(message[k]);
    out->offsets.push_back(ClampOffset(k + 1, max_offset));
  }
}

size_t ExchangeLength(const ByteExchange& exchange) {
  return 2 + exchange.request.size() + exchange.response.size();
}

// The first context exchange to keep so that `fixed` positions (everything but
// the context) plus the kept context fit in `budget`; context.size() if none
// fits alongside.
size_t FirstKeptExchange(const std::vector<ByteExchange>& context, size_t fixed,
                         size_t budget) {
  size_t used = fixed;
  size_t first = context.size();
  while (first > 0) {
    size_t next = used + ExchangeLength(context[first - 1]);
    if (next > budget) break;
    used = next;
    --first;
  }
  return first;
}

// kBegin, the kept context, then kClientToServer request kServerToClient.
TokenSequence EncodePromptFrom(const std::vector<ByteExchange>& context,
                               size_t first, ByteView request,
                               size_t max_offset, size_t reserve) {
  TokenSequence out;
  out.tokens.reserve(reserve);
  out.offsets.reserve(reserve);
  out.tokens.push_back(kBegin);
  out.offsets.push_back(0);
  for (size_t i = first; i < context.size(); ++i) {
    AppendMessage(kClientToServer, context[i].request, max_offset, &out);
    AppendMessage(kServerToClient, context[i].response, max_offset, &out);
  }
  AppendMessage(kClientToServer, request, max_offset, &out);
  out.tokens.push_back(kServerToClient);
  out.offsets.push_back(0);
  out.prompt_length = out.tokens.size();
  return out;
}

}  // namespace

Result<TokenSequence> EncodeExample(const Example& example,
                                    size_t max_positions, size_t max_offset) {
  if (max_offset == 0) {
    return InvalidArgument("encode example: max_offset must be positive");
  }
  // kBegin + kClientToServer request + kServerToClient response + kEnd.
  size_t fixed = 4 + example.request.size() + example.response.size();
  if (fixed > max_positions) {
    return InvalidArgument("example needs " + std::to_string(fixed) +
                           " positions; the model has " +
                           std::to_string(max_positions));
  }
  size_t first = FirstKeptExchange(example.context, fixed, max_positions);
  size_t total = fixed;
  for (size_t i = first; i < example.context.size(); ++i) {
    total += ExchangeLength(example.context[i]);
  }
  TokenSequence out = EncodePromptFrom(example.context, first, example.request,
                                       max_offset, total);
  for (size_t k = 0; k < example.response.size(); ++k) {
    out.tokens.push_back(example.response[k]);
    out.offsets.push_back(ClampOffset(k + 1, max_offset));
  }
  out.tokens.push_back(kEnd);
  out.offsets.push_back(ClampOffset(example.response.size() + 1, max_offset));
  return out;
}

Result<TokenSequence> EncodePrompt(const std::vector<ByteExchange>& context,
                                   ByteView request, size_t max_positions,
                                   size_t max_offset) {
  if (max_offset == 0) {
    return InvalidArgument("encode prompt: max_offset must be positive");
  }
  // kBegin + kClientToServer request + kServerToClient, and one token to
  // answer.
  size_t fixed = 3 + request.size();
  if (fixed + 1 > max_positions) {
    return InvalidArgument("prompt needs " + std::to_string(fixed) +
                           " positions (and one to answer); the model has " +
                           std::to_string(max_positions));
  }
  size_t first = FirstKeptExchange(context, fixed + 1, max_positions);
  size_t total = fixed;
  for (size_t i = first; i < context.size(); ++i) {
    total += ExchangeLength(context[i]);
  }
  return EncodePromptFrom(context, first, request, max_offset, total);
}

}  // namespace protolm::lm
