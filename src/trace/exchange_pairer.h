// Pairs the messages of one session into exchanges, as they arrive.
//
// A response answers the oldest waiting request with the same pair key (the
// protocol's own key; messages without one pair first-in first-out). Exchanges
// are handed to the callback in order of their first message, as soon as they
// and every earlier one are complete; a request that has more than
// `max_waiting` later exchanges behind it is given up as unanswered, so memory
// stays bounded on endless sessions. Not thread-safe: one pairer per session.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>

#include "trace/exchange.h"

namespace protolm {

class ExchangePairer {
 public:
  using Emit = std::function<void(Exchange&&)>;

  ExchangePairer(uint64_t session_id, Emit emit, size_t max_waiting = 1024);

  /// Adds the next message of the session (in capture order).
  void Add(Message message);
  /// The session ended: requests still waiting become unanswered and every
  /// remaining exchange is emitted.
  void Finish();

 private:
  struct Slot {
    Exchange exchange;
    bool complete = false;
  };

  void Append(Exchange exchange, bool complete);
  void AddSingle(Message message, ExchangeStatus status, bool control);
  void AddRequest(Message message, bool control);
  void AddResponse(Message message, bool control);
  void Flush();

  uint64_t session_id_;
  Emit emit_;
  size_t max_waiting_;
  size_t next_index_ = 0;    // index the next appended exchange gets
  size_t front_index_ = 0;   // index of window_.front()
  std::deque<Slot> window_;  // exchanges not emitted yet, by index
  // Indexes of waiting requests by pair key (nullopt: keyless). A multimap
  // keeps equal keys in insertion order, so the first is the oldest.
  std::multimap<std::optional<uint64_t>, size_t> waiting_;
};

}  // namespace protolm
