// PcapFileReader: packets out of a pcap or pcapng file, through libpcap.
//
// Each packet comes with its 1-based index, its timestamp in microseconds, the
// captured bytes, the original length on the wire and the byte offset of its
// record in the file. Offsets are exact for pcap; for pcapng they are the
// offset of the first block after the previous packet, which is the packet's
// own block unless the file puts other blocks (statistics, name resolution)
// in between. A file that ends inside a record, or whose record headers turn
// into garbage, is not an error: reading stops, `damage()` says where and why,
// and the packets read before it stay valid.
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

/// One packet record. `data` points into the reader's buffer and is valid
/// until the next call to Next().
struct RawPacket {
  uint64_t index = 0;
  int64_t ts_us = 0;
  ByteView data;
  uint32_t original_length = 0;
  int64_t file_offset = -1;
};

/// Why reading stopped before the end of the file.
struct FileDamage {
  bool truncated = false;  // the file ends inside a record
  int64_t file_offset = -1;
  std::string text;  // "FILE: offset N: ..." one line
};

/// Not copyable; movable. Not thread-safe: one thread reads one file.
class PcapFileReader {
 public:
  /// Opens `path`. Errors: NotFound/IoError when the file cannot be opened,
  /// Malformed when it is not a pcap or pcapng capture. Each message is one
  /// line starting with "PATH: ".
  static Result<PcapFileReader> Open(const std::string& path);

  PcapFileReader(PcapFileReader&&) noexcept = default;
  PcapFileReader& operator=(PcapFileReader&&) noexcept = default;

  /// The file's link-layer header type (DLT_* value, e.g. 1 for Ethernet).
  int link_type() const;
  const std::string& path() const { return path_; }

  /// The next packet, or nullopt at the end of the file or where the file is
  /// damaged (then damage() is set). Never fails otherwise.
  std::optional<RawPacket> Next();

  const std::optional<FileDamage>& damage() const { return damage_; }

 private:
  struct PcapCloser {
    void operator()(pcap_t* p) const { pcap_close(p); }
  };
  PcapFileReader(std::string path, pcap_t* handle);

  /// Where the stream stands (the next record, between records), or -1.
  int64_t StreamOffset() const;

  std::string path_;
  std::unique_ptr<pcap_t, PcapCloser> handle_;
  uint64_t next_index_ = 1;
  // Classic pcap: the next record's offset, counted; -1 for pcapng.
  int64_t counted_offset_ = -1;
  std::optional<FileDamage> damage_;
};

}  // namespace protolm
