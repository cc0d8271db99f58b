// EventLog's queue and writer thread (see event_log.h).
#include "events/event_log.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

#include "events/event_json.h"
#include "events/request_facts.h"

namespace protolm::events {

Result<std::unique_ptr<EventLog>> EventLog::Start(
    std::unique_ptr<EventStore> store, EventLogOptions options) {
  std::FILE* jsonl = nullptr;
  bool own = false;
  if (options.jsonl_path == "-") {
    jsonl = stdout;
  } else if (!options.jsonl_path.empty()) {
    jsonl = std::fopen(options.jsonl_path.c_str(), "a");
    if (jsonl == nullptr)
      return IoError("open " + options.jsonl_path + ": " +
                     std::strerror(errno));
    own = true;
  }
  if (options.max_batch == 0) options.max_batch = 1;
  if (options.max_attempts < 1) options.max_attempts = 1;
  return std::unique_ptr<EventLog>(
      new EventLog(std::move(store), std::move(options), jsonl, own));
}

EventLog::EventLog(std::unique_ptr<EventStore> store, EventLogOptions options,
                   std::FILE* jsonl, bool own_jsonl)
    : store_(std::move(store)),
      options_(std::move(options)),
      jsonl_(jsonl),
      own_jsonl_(own_jsonl),
      writer_([this] { WriterLoop(); }) {}

EventLog::~EventLog() { (void)Close(); }

void EventLog::Post(Event event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_ || queue_.size() >= options_.max_queued) {
    ++counters_.dropped;
    if (!stopping_ && !warned_full_) {
      warned_full_ = true;
      spdlog::warn(
          "event log: {} events wait to be stored; dropping new events until "
          "the store catches up (counted as dropped)",
          queue_.size());
    }
    return;
  }
  queue_.push_back(std::move(event));
  ++counters_.posted;
  if (queue_.size() >= options_.max_batch) wake_writer_.notify_one();
}

Status EventLog::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = counters_.posted;
  flush_requested_ = true;
  wake_writer_.notify_one();
  progress_.wait(lock, [&] { return handled_ >= target; });
  return TakeError();
}

Status EventLog::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) return Status::Ok();
    closed_ = true;
    stopping_ = true;
  }
  wake_writer_.notify_one();
  writer_.join();
  if (own_jsonl_) std::fclose(jsonl_);
  jsonl_ = nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  return TakeError();
}

EventLogCounters EventLog::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counters_;
}

Status EventLog::TakeError() {
  Status error = std::move(last_error_);
  last_error_ = Status::Ok();
  return error;
}

void EventLog::WriterLoop() {
  std::deque<Event> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_writer_.wait_for(lock, options_.flush_interval, [&] {
        return stopping_ || flush_requested_ ||
               queue_.size() >= options_.max_batch;
      });
      if (queue_.empty()) {
        flush_requested_ = false;
        if (stopping_) return;
        continue;
      }
      size_t n = std::min(queue_.size(), options_.max_batch);
      for (size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    DescribeExchanges(batch);
    WriteBatch(batch);
  }
}

void EventLog::DescribeExchanges(std::deque<Event>& batch) {
  for (Event& event : batch) {
    auto* exchange = std::get_if<ExchangeDone>(&event);
    if (exchange == nullptr || !exchange->fields_json.empty()) continue;
    RequestFacts facts =
        exchange->decoded != nullptr
            ? DescribeRequest(exchange->protocol, *exchange->decoded)
            : DescribeRequest(exchange->protocol, exchange->request);
    exchange->summary = std::move(facts.summary);
    exchange->fields_json = std::move(facts.fields_json);
    exchange->function = std::move(facts.function);
    exchange->write_attempted = facts.write_attempted;
  }
}

void EventLog::WriteBatch(std::deque<Event>& batch) {
  if (jsonl_ != nullptr) {
    for (const Event& event : batch) {
      std::string line = EventToJson(event).dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), jsonl_);
    }
    std::fflush(jsonl_);
  }
  Status st;
  if (store_) {
    std::vector<Event> events(std::make_move_iterator(batch.begin()),
                              std::make_move_iterator(batch.end()));
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      st = store_->Append(events);
      if (st.ok() || attempt == options_.max_attempts) break;
      spdlog::debug("event store write failed (attempt {}): {}", attempt,
                    st.message());
      std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
    }
  }
  if (!st.ok())
    spdlog::error("event store: {} events lost after {} attempts: {}",
                  batch.size(), options_.max_attempts, st.message());
  std::lock_guard<std::mutex> lock(mu_);
  if (st.ok()) {
    counters_.stored += batch.size();
  } else {
    ++counters_.failed_batches;
    counters_.failed_events += batch.size();
    last_error_ = st;
  }
  handled_ += batch.size();
  batch.clear();
  progress_.notify_all();
}

}  // namespace protolm::events
