// PcapFileReader (see pcap_file_reader.h): libpcap's offline reader, with its
// errors turned into one-line messages that name the file and byte offset.
#include "capture/pcap_file_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>

namespace protolm {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<PcapFileReader> PcapFileReader::Open(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    int err = errno;
    std::string text = path + ": cannot open: " + std::strerror(err);
    if (err == ENOENT) return NotFound(text + "; check the path");
    return IoError(text);
  }
  // Classic pcap records have 16-byte headers, so their offsets can be
  // counted instead of asked from the stream (ftell costs a system call).
  uint32_t magic = 0;
  bool classic = std::fread(&magic, 1, 4, file) == 4 &&
                 (magic == 0xa1b2c3d4 || magic == 0xd4c3b2a1 ||
                  magic == 0xa1b23c4d || magic == 0x4d3cb2a1);
  std::rewind(file);
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* handle = pcap_fopen_offline_with_tstamp_precision(
      file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
  if (handle == nullptr) {
    std::fclose(file);  // libpcap closes the stream only on success
    return Malformed(path + ": offset 0: not a pcap or pcapng capture (" +
                     errbuf +
                     "); give a file written by tcpdump, tshark "
                     "or Wireshark");
  }
  PcapFileReader reader(path, handle);
  if (classic) reader.counted_offset_ = reader.StreamOffset();
  return reader;
}

PcapFileReader::PcapFileReader(std::string path, pcap_t* handle)
    : path_(std::move(path)), handle_(handle) {}

int PcapFileReader::link_type() const { return pcap_datalink(handle_.get()); }

int64_t PcapFileReader::StreamOffset() const {
  FILE* file = pcap_file(handle_.get());
  if (file == nullptr) return -1;
  long pos = std::ftell(file);
  return pos < 0 ? -1 : static_cast<int64_t>(pos);
}

std::optional<RawPacket> PcapFileReader::Next() {
  if (damage_.has_value()) return std::nullopt;
  int64_t offset = counted_offset_ >= 0 ? counted_offset_ : StreamOffset();
  pcap_pkthdr* header = nullptr;
  const u_char* bytes = nullptr;
  int rc = pcap_next_ex(handle_.get(), &header, &bytes);
  if (rc == 1) {
    RawPacket packet;
    packet.index = next_index_++;
    packet.ts_us = static_cast<int64_t>(header->ts.tv_sec) * 1000000 +
                   static_cast<int64_t>(header->ts.tv_usec);
    packet.data = ByteView(bytes, header->caplen);
    packet.original_length = header->len;
    packet.file_offset = offset;
    if (counted_offset_ >= 0) counted_offset_ += 16 + header->caplen;
    return packet;
  }
  if (rc == PCAP_ERROR_BREAK) return std::nullopt;  // clean end of file
  std::string message = pcap_geterr(handle_.get());
  FileDamage damage;
  damage.file_offset = offset;
  damage.truncated = StartsWith(message, "truncated");
  std::string where = path_ + ": offset " + std::to_string(offset) + ": ";
  if (damage.truncated) {
    damage.text = where + "file ends inside packet " +
                  std::to_string(next_index_) + " (" + message +
                  "); the packets before it are kept";
  } else {
    damage.text = where + "damaged record for packet " +
                  std::to_string(next_index_) + " (" + message +
                  "); the rest of the file is skipped";
  }
  damage_ = std::move(damage);
  return std::nullopt;
}

}  // namespace protolm
