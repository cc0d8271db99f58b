// How a token sequence longer than a model's positions is cut into windows,
// the same way for training (TrainTokenModel) and for the transformer's
// scoring (Engine::PredictNextTokens).
//
// Windows hold `window` tokens (the model's max_positions) and start every
// window / 2 tokens, so they overlap by half. Every token after the first is
// the target of exactly one window: the first window predicts its tokens
// 1..window-1; each later window predicts only the tokens past the previous
// window's end, reading the `context` tokens before them (window - window / 2)
// as context only. A token after the first window is thus predicted from at
// least window / 2 tokens before it. A sequence that fits is one window.
#pragma once

#include <cstddef>
#include <vector>

namespace protolm::lm {

struct TokenWindow {
  size_t begin = 0;    // index of the window's first token in the sequence
  size_t length = 0;   // tokens read, >= 1
  size_t context = 1;  // leading tokens that are not targets (1 for the first
                       // window: its first token is never predicted)

  bool operator==(const TokenWindow&) const = default;
};

/// The windows of a sequence of `length` tokens. Precondition: window >= 2.
/// An empty sequence has no window.
std::vector<TokenWindow> CutIntoWindows(size_t length, size_t window);

}  // namespace protolm::lm
