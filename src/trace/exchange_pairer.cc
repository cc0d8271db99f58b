// Request/response pairing by protocol key (see exchange_pairer.h).
#include "trace/exchange_pairer.h"

#include <utility>

namespace protolm {

ExchangePairer::ExchangePairer(uint64_t session_id, Emit emit,
                               size_t max_waiting)
    : session_id_(session_id), emit_(std::move(emit)),
      max_waiting_(max_waiting == 0 ? 1 : max_waiting) {}

void ExchangePairer::Append(Exchange exchange, bool complete) {
  exchange.session_id = session_id_;
  exchange.index = next_index_++;
  window_.push_back(Slot{std::move(exchange), complete});
}

void ExchangePairer::Add(Message message) {
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

void ExchangePairer::AddSingle(Message message, ExchangeStatus status,
                               bool control) {
  Exchange e;
  e.function = message.dissection.info.function;
  e.control = control;
  e.status = status;
  if (message.direction == Direction::kClientToServer) {
    e.request = std::move(message);
  } else {
    e.response = std::move(message);
  }
  Append(std::move(e), true);
}


void ExchangePairer::AddRequest(Message message, bool control) {
  Exchange e;
  e.function = message.dissection.info.function;
  e.control = control;
  e.status = ExchangeStatus::kUnanswered;
  waiting_.emplace(message.dissection.info.pair_key, next_index_);
  e.request = std::move(message);
  Append(std::move(e), false);
}

void ExchangePairer::AddResponse(Message message, bool control) {
  const PduInfo& info = message.dissection.info;
  auto it = waiting_.lower_bound(info.pair_key);  // the oldest with the key
  if (it != waiting_.end() && it->first == info.pair_key) {
    size_t index = it->second;
    waiting_.erase(it);
    Slot& slot = window_[index - front_index_];
    slot.exchange.status =
        info.exception ? ExchangeStatus::kException : ExchangeStatus::kNormal;
    if (slot.exchange.function.empty()) slot.exchange.function = info.function;
    slot.exchange.response = std::move(message);
    slot.complete = true;
    return;
  }
  Exchange e;
  e.function = info.function;
  e.control = control;
  e.status = ExchangeStatus::kOrphan;
  e.response = std::move(message);
  Append(std::move(e), true);
}

void ExchangePairer::Flush() {
  while (!window_.empty()) {
    Slot& front = window_.front();
    if (!front.complete && window_.size() <= max_waiting_) break;
    if (!front.complete) {
      // Given up: forget it among the waiting requests.
      auto [first, last] = waiting_.equal_range(
          front.exchange.request->dissection.info.pair_key);
      for (auto it = first; it != last; ++it) {
        if (it->second == front_index_) {
          waiting_.erase(it);
          break;
        }
      }
    }
    emit_(std::move(front.exchange));
    window_.pop_front();
    ++front_index_;
  }
}

void ExchangePairer::Finish() {
  waiting_.clear();
  for (Slot& slot : window_) slot.complete = true;
  Flush();
}

}  // namespace protolm
