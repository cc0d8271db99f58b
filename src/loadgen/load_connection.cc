// One connection of a load run (see load_connection.h).
#include "loadgen/load_connection.h"

#include <algorithm>
#include <cstring>

namespace protolm::loadgen {
namespace {

constexpr size_t kInitialInput = 16 * 1024;
/// Largest answer accepted: an S7 answer may span several TPKT units
/// (s7comm::kMaxFramedBytes); nothing the servers send comes close.
constexpr size_t kMaxAnswerBytes = size_t{1} << 17;

std::string Millis(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + " ms";
}

}  // namespace

LoadConnection::LoadConnection(asio::io_context& io, LoadShared& shared)
    : shared_(shared),
      socket_(io),
      depth_(shared.options.pipeline),
      slots_(shared.options.pipeline),
      input_(kInitialInput) {}

void LoadConnection::Start() { Open(); }

void LoadConnection::Open() {
  phase_ = Phase::kConnecting;
  deadline_ = Clock::now() + shared_.options.timeout;
  const uint64_t generation = generation_;
  socket_.async_connect(
      shared_.endpoint, [this, generation](const asio::error_code& ec) {
        if (generation != generation_) return;
        if (ec) {
          OpeningFailed("connect " + shared_.target + ": " + ec.message() +
                        " (is the server running?)");
          return;
        }
        OnConnected();
      });
}

void LoadConnection::OnConnected() {
  asio::error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  Read();
  if (shared_.opening == nullptr) {
    Opened(shared_.options.pipeline);
    Fill();
    return;
  }
  phase_ = Phase::kOpening;
  opening_step_ = 0;
  deadline_ = Clock::now() + shared_.options.timeout;
  Send(shared_.opening->requests()[0]);
}

void LoadConnection::Opened(size_t parallel_jobs) {
  phase_ = Phase::kRunning;
  depth_ = std::clamp<size_t>(parallel_jobs, 1, shared_.options.pipeline);
  ++shared_.openings;
}

void LoadConnection::Fill() {
  if (phase_ != Phase::kRunning) return;
  Clock::time_point now;
  bool timed = false;
  size_t index = 0;
  for (size_t s = 0; in_flight_ < depth_ && s < slots_.size(); ++s) {
    if (slots_[s].busy) continue;
    if (!shared_.TakeRequest(index)) break;
    if (!timed) {  // one clock read for the whole batch
      now = Clock::now();
      timed = true;
    }
    const RequestTemplate& request = shared_.requests[index];
    const uint16_t id = next_id_++;
    StampRequest(request, id, stamped_);
    slots_[s] = Slot{true, request.KeyFor(id), index, now};
    ++in_flight_;
  }
  if (in_flight_ == 0) {
    Finish();
    return;
  }
  Flush();
}

void LoadConnection::Send(ByteView bytes) {
  stamped_.insert(stamped_.end(), bytes.begin(), bytes.end());
  Flush();
}

void LoadConnection::Flush() {
  if (write_pending_ || stamped_.empty()) return;
  std::swap(stamped_, writing_);
  stamped_.clear();
  write_pending_ = true;
  const uint64_t generation = generation_;
  asio::async_write(socket_, asio::buffer(writing_),
                    [this, generation](const asio::error_code& ec, size_t) {
                      if (generation != generation_) return;
                      write_pending_ = false;
                      if (ec) {
                        Broken(&FailureCounts::closed);
                        return;
                      }
                      Flush();
                    });
}

void LoadConnection::Read() {
  const uint64_t generation = generation_;
  socket_.async_read_some(
      asio::buffer(input_.data() + input_used_, input_.size() - input_used_),
      [this, generation](const asio::error_code& ec, size_t n) {
        if (generation != generation_) return;
        if (ec) {
          Broken(&FailureCounts::closed);
          return;
        }
        input_used_ += n;
        if (!ProcessInput(Clock::now())) return;
        Fill();
        if (generation == generation_ && phase_ != Phase::kFinished) Read();
      });
}

bool LoadConnection::ProcessInput(Clock::time_point now) {
  const uint64_t generation = generation_;
  size_t used = 0;
  size_t needed = 0;
  while (used < input_used_) {
    ByteView rest(input_.data() + used, input_used_ - used);
    const FrameResult frame = shared_.protocol.codec().Frame(rest);
    if (frame.kind == FrameResult::Kind::kNeedMore &&
        frame.length <= kMaxAnswerBytes) {
      needed = frame.length;
      break;
    }
    if (frame.kind != FrameResult::Kind::kFrame || frame.length == 0 ||
        frame.length > kMaxAnswerBytes) {
      Broken(&FailureCounts::invalid);
      return false;
    }
    if (!HandleUnit(rest.first(frame.length), now) || generation != generation_)
      return false;
    used += frame.length;
  }
  if (used > 0) {
    std::memmove(input_.data(), input_.data() + used, input_used_ - used);
    input_used_ -= used;
  }
  // Room for the rest of a long answer, bounded by kMaxAnswerBytes.
  if (needed > input_.size() || input_used_ == input_.size()) {
    if (input_.size() >= kMaxAnswerBytes) {
      Broken(&FailureCounts::invalid);
      return false;
    }
    input_.resize(
        std::min(kMaxAnswerBytes, std::max(needed, 2 * input_.size())));
  }
  return true;
}

bool LoadConnection::HandleUnit(ByteView unit, Clock::time_point now) {
  switch (phase_) {
    case Phase::kOpening: {
      Result<uint16_t> jobs = shared_.opening->Accept(opening_step_, unit);
      if (!jobs.ok()) {
        OpeningFailed(shared_.target + " " + jobs.status().message());
        return false;
      }
      if (++opening_step_ == shared_.opening->requests().size()) {
        Opened(*jobs);
        return true;
      }
      deadline_ = now + shared_.options.timeout;
      Send(shared_.opening->requests()[opening_step_]);
      return true;
    }
    case Phase::kRunning:
      break;
    case Phase::kConnecting:
    case Phase::kFinished:
      return true;
  }
  const std::optional<uint64_t> key = shared_.protocol.AnswerKey(unit);
  if (!key) {
    // Units of the opening (an S7 disconnect request before the close)
    // carry no answer; anything else without an identifier is broken.
    if (shared_.opening != nullptr && shared_.opening->IsOpeningUnit(unit))
      return true;
    Broken(&FailureCounts::invalid);
    return false;
  }
  for (Slot& slot : slots_) {
    if (!slot.busy || slot.key != *key) continue;
    shared_.latency.Record(now - slot.sent);
    ++shared_.completed;
    slot.busy = false;
    --in_flight_;
    if (shared_.options.on_response)
      shared_.options.on_response(slot.request, unit);
    return true;
  }
  Broken(&FailureCounts::unmatched);
  return false;
}

void LoadConnection::CheckDeadline(Clock::time_point now) {
  const std::chrono::milliseconds timeout = shared_.options.timeout;
  switch (phase_) {
    case Phase::kConnecting:
      if (now >= deadline_)
        OpeningFailed("connect " + shared_.target + ": no connection after " +
                      Millis(timeout) + " (is the host up?)");
      return;
    case Phase::kOpening:
      if (now >= deadline_)
        OpeningFailed(shared_.target + " did not answer " +
                      shared_.opening->step_name(opening_step_) + " within " +
                      Millis(timeout));
      return;
    case Phase::kRunning:
      for (const Slot& slot : slots_) {
        if (slot.busy && now - slot.sent >= timeout) {
          Broken(&FailureCounts::timeout);
          return;
        }
      }
      return;
    case Phase::kFinished:
      return;
  }
}

void LoadConnection::Broken(uint64_t FailureCounts::*kind) {
  if (phase_ != Phase::kRunning) {
    OpeningFailed(shared_.target +
                  " closed the connection or sent what no unit starts with "
                  "while it was being opened");
    return;
  }
  shared_.failed.*kind += in_flight_;
  Reset();
  ReopenOrFinish();
}

void LoadConnection::OpeningFailed(const std::string& why) {
  if (shared_.first_opening_error.empty()) shared_.first_opening_error = why;
  size_t index = 0;
  if (shared_.TakeRequest(index)) ++shared_.failed.connect;
  Reset();
  ReopenOrFinish();
}

void LoadConnection::ReopenOrFinish() {
  if (shared_.more_to_send())
    Open();
  else
    Finish();
}

void LoadConnection::Reset() {
  asio::error_code ignored;
  socket_.close(ignored);
  ++generation_;
  for (Slot& slot : slots_) slot.busy = false;
  in_flight_ = 0;
  stamped_.clear();
  write_pending_ = false;
  input_used_ = 0;
}

void LoadConnection::Finish() {
  if (phase_ == Phase::kFinished) return;
  Reset();
  phase_ = Phase::kFinished;
  shared_.last_finish = Clock::now();
  if (--shared_.running == 0 && shared_.on_all_finished)
    shared_.on_all_finished();
}

}  // namespace protolm::loadgen
