// EventLog: the batched writer a honeypot server posts its events to.
//
// Post() only queues (it never waits for I/O); one background thread takes
// up to `max_batch` events at a time, or whatever is queued every
// `flush_interval`, writes them to the optional JSONL stream and stores them
// in the EventStore in one transaction. Exchanges posted without their
// dissected fields (ExchangeDone::fields_json empty) get them there
// (request_facts.h), off the poster's thread. A failed batch is retried
// (`max_attempts` times, backing off, reconnecting a lost PostgreSQL
// connection) and then counted as failed and logged; its events are lost.
//
// Bounded memory: when `max_queued` events wait already (the store cannot
// keep up), new events are counted as dropped and a warning is logged once;
// Flush and Close still return. With the default cap of 1,000,000 events
// (about 1 GB of typical Modbus exchanges) that happens only when the store
// has stalled.
//
// Thread safety: all methods may be called from any thread. Ownership: the
// log owns the store and the JSONL file.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "events/event.h"
#include "events/event_store.h"
#include "util/status.h"

namespace protolm::events {

struct EventLogOptions {
  size_t max_batch = 1000;
  std::chrono::milliseconds flush_interval{100};
  size_t max_queued = 1000000;
  int max_attempts = 3;  // per batch, the first write included
  /// JSONL stream of every event (event_json.h): a file path (appended to),
  /// "-" for stdout, "" for none.
  std::string jsonl_path;
};

struct EventLogCounters {
  uint64_t posted = 0;          // accepted by Post
  uint64_t stored = 0;          // committed to the store (or streamed only,
                                // when there is no store)
  uint64_t dropped = 0;         // refused by Post: the queue was full
  uint64_t failed_batches = 0;  // batches given up after max_attempts
  uint64_t failed_events = 0;   // events in those batches
};

class EventLog {
 public:
  /// Starts the writer thread. `store` may be null when only the JSONL
  /// stream is wanted; an unopenable JSONL path is an error.
  static Result<std::unique_ptr<EventLog>> Start(
      std::unique_ptr<EventStore> store, EventLogOptions options = {});
  /// Close()s.
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  /// Queues `event`; never blocks on I/O. After Close the event is dropped.
  void Post(Event event);
  /// Returns once every event posted before the call is stored or given up;
  /// not ok if any batch failed since the last Flush/Close (the message
  /// names the last error).
  Status Flush();
  /// Flushes, stops the writer and closes the stream. Idempotent.
  Status Close();

  EventLogCounters counters() const;

 private:
  EventLog(std::unique_ptr<EventStore> store, EventLogOptions options,
           std::FILE* jsonl, bool own_jsonl);
  void WriterLoop();
  void DescribeExchanges(std::deque<Event>& batch);
  void WriteBatch(std::deque<Event>& batch);
  Status TakeError();

  std::unique_ptr<EventStore> store_;
  const EventLogOptions options_;
  std::FILE* jsonl_;
  bool own_jsonl_;

  mutable std::mutex mu_;
  std::condition_variable wake_writer_;
  std::condition_variable progress_;
  std::deque<Event> queue_;
  uint64_t handled_ = 0;  // posted events the writer has finished with
  bool flush_requested_ = false;
  bool stopping_ = false;
  bool closed_ = false;
  bool warned_full_ = false;
  EventLogCounters counters_;
  Status last_error_;
  std::thread writer_;
};

}  // namespace protolm::events
