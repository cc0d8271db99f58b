// Pairs the messages of one session into exchanges, as they arrive.
//
// A response answers the oldest waiting request with the same pair key (the
// protocol's own key; messages without one pair first-in first-out). Exchanges
// are handed to the callback in order of their first message, as soon as they
// and every earlier one are complete; a request that has more than
// `max_waiting` later exchanges behind it is given up as unanswered, so memory
// stays bounded on endless sessions. Not thread-safe: one pairer per session.
//
// The exchanges not emitted yet live in a ring of slots that is reused (it
// grows to the largest window seen, at most max_waiting + 1 slots), and the
// waiting requests in a list scanned oldest first: sessions usually have a
// handful of requests outstanding, so pairing allocates nothing per message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "trace/exchange.h"

namespace protolm {

class ExchangePairer {
 public:
  /// Receives each finished exchange; it may move from it.
  using Emit = std::function<void(Exchange&&)>;

  ExchangePairer(uint64_t session_id, Emit emit, size_t max_waiting = 1024);

  /// Adds the next message of the session (in capture order).
  void Add(Message&& message);
  /// The session ended: requests still waiting become unanswered and every
  /// remaining exchange is emitted.
  void Finish();

 private:
  struct Slot {
    Exchange exchange;
    bool complete = false;
  };
  /// A request waiting for its response: its key and exchange index.
  struct Waiting {
    std::optional<uint64_t> key;
    size_t index = 0;
  };

  /// Starts the next exchange in a fresh slot and returns it.
  Exchange& Open(const Message& first, ExchangeStatus status, bool control,
                 bool complete);
  Slot& SlotOf(size_t index) { return ring_[index & (ring_.size() - 1)]; }
  void AddSingle(Message&& message, ExchangeStatus status, bool control);
  void AddRequest(Message&& message, bool control);
  void AddResponse(Message&& message, bool control);
  void Flush();

  uint64_t session_id_;
  Emit emit_;
  size_t max_waiting_;
  size_t next_index_ = 0;   // index the next opened exchange gets
  size_t front_index_ = 0;  // index of the oldest exchange not emitted
  // Exchanges [front_index_, next_index_), exchange i in slot i mod size;
  // the size is a power of two.
  std::vector<Slot> ring_;
  std::vector<Waiting> waiting_;  // by index, oldest first
};

}  // namespace protolm
