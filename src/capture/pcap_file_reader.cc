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
  return PcapFileReader(path, handle);
}

PcapFileReader::PcapFileReader(std::string path, pcap_t* handle)
    : path_(std::move(path)), handle_(handle) {}

int PcapFileReader::link_type() const { return pcap_datalink(handle_.get()); }

int64_t PcapFileReader::CurrentOffset() const {
  FILE* file = pcap_file(handle_.get());
  if (file == nullptr) return -1;
  long pos = std::ftell(file);
  return pos < 0 ? -1 : static_cast<int64_t>(pos);
}

std::optional<RawPacket> PcapFileReader::Next() {
  if (damage_.has_value()) return std::nullopt;
  int64_t offset = CurrentOffset();
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
