// ReadCapture (see capture_reader.h): the file loop around CaptureSession.
#include "capture/capture_reader.h"

#include "capture/capture_session.h"
#include "capture/link_layer.h"
#include "capture/pcap_file_reader.h"

namespace protolm {

Result<CaptureStats> ReadCapture(const std::string& path,
                                 const CaptureOptions& options,
                                 CaptureSink& sink) {
  ASSIGN_OR_RETURN(PcapFileReader reader, PcapFileReader::Open(path));
  int link_type = reader.link_type();
  if (!IsSupportedLinkType(link_type)) {
    return Unsupported(path + ": link type " + LinkTypeName(link_type) +
                       " is not supported; supported: " + SupportedLinkTypes());
  }
  CaptureSession session(path, link_type, options, sink);
  constexpr uint64_t kProgressEvery = 4096;  // packets
  while (std::optional<RawPacket> packet = reader.Next()) {
    session.OnPacket(*packet);
    if (options.on_progress && packet->index % kProgressEvery == 0)
      options.on_progress(packet->file_offset);
  }
  if (const std::optional<FileDamage>& damage = reader.damage()) {
    session.stats().truncated_file = damage->truncated;
    session.stats().damaged_file = !damage->truncated;
    session.Warn(0, damage->file_offset, damage->text);
  }
  session.Finish();
  return session.stats();
}

}  // namespace protolm
