// PcapWriter (see pcap_writer.h): pcap_open_dead + pcap_dump.
#include "capture/pcap_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace protolm {
namespace {

constexpr int kSnapLength = 262144;

}  // namespace

Result<PcapWriter> PcapWriter::Create(const std::string& path, int link_type) {
  pcap_t* dead = pcap_open_dead_with_tstamp_precision(
      link_type, kSnapLength, PCAP_TSTAMP_PRECISION_MICRO);
  if (dead == nullptr) {
    return InvalidArgument(path + ": cannot create a writer for link type " +
                           std::to_string(link_type));
  }
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  if (dumper == nullptr) {
    std::string why = pcap_geterr(dead);
    if (why.rfind(path + ": ", 0) == 0) why.erase(0, path.size() + 2);
    pcap_close(dead);
    return IoError(path + ": cannot create: " + why +
                   "; check the folder exists and is writable");
  }
  return PcapWriter(path, dead, dumper);
}

PcapWriter::PcapWriter(std::string path, pcap_t* dead, pcap_dumper_t* dumper)
    : path_(std::move(path)), dead_(dead), dumper_(dumper) {}

PcapWriter::~PcapWriter() = default;

Status PcapWriter::Write(int64_t ts_us, ByteView frame) {
  return Write(ts_us, frame, static_cast<uint32_t>(frame.size()));
}

Status PcapWriter::Write(int64_t ts_us, ByteView captured,
                         uint32_t original_length) {
  if (!dumper_) return InvalidArgument(path_ + ": write after Close");
  if (ts_us < 0) {
    return InvalidArgument(path_ + ": negative packet time " +
                           std::to_string(ts_us) + " us");
  }
  if (captured.size() > original_length) {
    return InvalidArgument(
        path_ + ": captured length " + std::to_string(captured.size()) +
        " exceeds the original length " + std::to_string(original_length));
  }
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<time_t>(ts_us / 1000000);
  header.ts.tv_usec = static_cast<suseconds_t>(ts_us % 1000000);
  header.caplen = static_cast<uint32_t>(captured.size());
  header.len = original_length;
  pcap_dump(reinterpret_cast<u_char*>(dumper_.get()), &header, captured.data());
  return Status::Ok();
}

Status PcapWriter::Close() {
  if (!dumper_) return Status::Ok();
  bool failed = pcap_dump_flush(dumper_.get()) != 0 ||
                std::ferror(pcap_dump_file(dumper_.get())) != 0;
  int err = errno;
  dumper_.reset();
  dead_.reset();
  if (failed) {
    return IoError(path_ + ": cannot write: " + std::strerror(err));
  }
  return Status::Ok();
}

}  // namespace protolm
