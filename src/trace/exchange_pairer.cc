// Request/response pairing by protocol key (see exchange_pairer.h).
#include "trace/exchange_pairer.h"

#include <algorithm>
#include <utility>

namespace protolm {

ExchangePairer::ExchangePairer(uint64_t session_id, Emit emit,
                               size_t max_waiting)
    : session_id_(session_id),
      emit_(std::move(emit)),
      max_waiting_(max_waiting == 0 ? 1 : max_waiting),
      ring_(4) {}

Exchange& ExchangePairer::Open(const Message& first, ExchangeStatus status,
                               bool control, bool complete) {
  if (next_index_ - front_index_ == ring_.size()) {
    // Full: double the ring, keeping every exchange at its index's slot.
    std::vector<Slot> bigger(ring_.size() * 2);
    for (size_t i = front_index_; i < next_index_; ++i)
      bigger[i & (bigger.size() - 1)] = std::move(SlotOf(i));
    ring_ = std::move(bigger);
  }
  Slot& slot = SlotOf(next_index_);
  slot.complete = complete;
  Exchange& e = slot.exchange;
  e.session_id = session_id_;
  e.index = next_index_++;
  // Assigned, not constructed: the slot's string keeps its capacity.
  e.function = first.dissection.info.function;
  e.control = control;
  e.status = status;
  e.request.reset();
  e.response.reset();
  return e;
}

void ExchangePairer::Add(Message&& message) {
  const PduInfo& info = message.dissection.info;
  bool to_server = message.direction == Direction::kClientToServer;
  switch (info.role) {
    case PduRole::kRequest:
      AddRequest(std::move(message), false);
      break;
    case PduRole::kResponse:
      AddResponse(std::move(message), false);
      break;
    case PduRole::kControl:
      // Transport housekeeping with a key (connect request / confirm) pairs
      // like a request and its response, by direction; without one it stands
      // alone, like an event.
      if (!info.pair_key) {
        AddSingle(std::move(message), ExchangeStatus::kEvent, true);
      } else if (to_server) {
        AddRequest(std::move(message), true);
      } else {
        AddResponse(std::move(message), true);
      }
      break;
    case PduRole::kEvent:
      AddSingle(std::move(message), ExchangeStatus::kEvent, false);
      break;
    case PduRole::kUnknown:
      AddSingle(std::move(message), ExchangeStatus::kMalformed, false);
      break;
  }
  Flush();
}

void ExchangePairer::AddSingle(Message&& message, ExchangeStatus status,
                               bool control) {
  Exchange& e = Open(message, status, control, true);
  if (message.direction == Direction::kClientToServer) {
    e.request = std::move(message);
  } else {
    e.response = std::move(message);
  }
}

void ExchangePairer::AddRequest(Message&& message, bool control) {
  waiting_.push_back({message.dissection.info.pair_key, next_index_});
  Exchange& e = Open(message, ExchangeStatus::kUnanswered, control, false);
  e.request = std::move(message);
}

void ExchangePairer::AddResponse(Message&& message, bool control) {
  const PduInfo& info = message.dissection.info;
  auto it =
      std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiting& w) {
        return w.key == info.pair_key;  // the oldest with the key
      });
  if (it != waiting_.end()) {
    Slot& slot = SlotOf(it->index);
    waiting_.erase(it);
    slot.exchange.status =
        info.exception ? ExchangeStatus::kException : ExchangeStatus::kNormal;
    if (slot.exchange.function.empty()) slot.exchange.function = info.function;
    slot.exchange.response = std::move(message);
    slot.complete = true;
    return;
  }
  Exchange& e = Open(message, ExchangeStatus::kOrphan, control, true);
  e.response = std::move(message);
}

void ExchangePairer::Flush() {
  while (front_index_ < next_index_) {
    Slot& front = SlotOf(front_index_);
    size_t window = next_index_ - front_index_;
    if (!front.complete && window <= max_waiting_) break;
    // Given up (or finished): forget it among the waiting requests, where
    // as the oldest exchange it can only be first.
    if (!waiting_.empty() && waiting_.front().index == front_index_)
      waiting_.erase(waiting_.begin());
    emit_(std::move(front.exchange));
    // Release the messages now; the slot is reused for a later exchange.
    front.exchange.request.reset();
    front.exchange.response.reset();
    ++front_index_;
  }
}

void ExchangePairer::Finish() {
  waiting_.clear();
  for (size_t i = front_index_; i < next_index_; ++i) SlotOf(i).complete = true;
  Flush();
}

}  // namespace protolm
