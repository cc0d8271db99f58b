// PcapWriter: writes packets to a classic pcap file through libpcap.
//
// Microsecond timestamps, snapshot length 262144, any link type (Ethernet by
// default). Used to record what protolm itself sends and receives (prober,
// honeypot) and by tests to build captures. Not copyable; movable; not
// thread-safe. The file is complete once Close() returns ok (the destructor
// closes too, without reporting errors).
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <memory>
#include <string>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

class PcapWriter {
 public:
  /// Creates or truncates `path`. Errors: IoError ("PATH: cannot create:
  /// ...") when the file cannot be written.
  static Result<PcapWriter> Create(const std::string& path, int link_type = 1);

  PcapWriter(PcapWriter&&) noexcept = default;
  PcapWriter& operator=(PcapWriter&&) noexcept = default;
  ~PcapWriter();

  /// Appends one packet captured whole at `ts_us` (microseconds since the
  /// epoch). Errors: InvalidArgument for a negative time or a writer that
  /// was closed.
  Status Write(int64_t ts_us, ByteView frame);
  /// Appends a packet of which only `captured` was kept out of
  /// `original_length` bytes on the wire (original_length >= its size).
  Status Write(int64_t ts_us, ByteView captured, uint32_t original_length);
  /// Flushes and closes the file. Errors: IoError when the data could not
  /// be written.
  Status Close();

  const std::string& path() const { return path_; }

 private:
  struct DeadCloser {
    void operator()(pcap_t* p) const { pcap_close(p); }
  };
  struct DumperCloser {
    void operator()(pcap_dumper_t* d) const { pcap_dump_close(d); }
  };
  PcapWriter(std::string path, pcap_t* dead, pcap_dumper_t* dumper);

  std::string path_;
  std::unique_ptr<pcap_t, DeadCloser> dead_;
  std::unique_ptr<pcap_dumper_t, DumperCloser> dumper_;
};

}  // namespace protolm
