// TcpConversationWriter: records a socket-level TCP conversation as a pcap
// of Ethernet/IPv4/TCP frames.
//
// Programs that talk through sockets (the prober, the honeypot) see byte
// strings, not packets. This writer synthesises the packets a real
// connection would have carried: the three-way handshake, data segments of
// at most `mss` bytes with consistent sequence and acknowledgement numbers
// (each Send is acknowledged by the peer), correct IPv4 and TCP checksums,
// and a FIN teardown — so tshark reads the file without warnings. IPv4 only.
// A writer either owns its pcap file (one conversation per file) or adds
// its conversation to a PcapWriter shared with others (a server recording
// all its connections in one file). Not copyable; movable; not thread-safe
// (writers sharing one PcapWriter are serialised by their caller).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "capture/ip_address.h"
#include "capture/pcap_writer.h"
#include "util/bytes.h"
#include "util/direction.h"
#include "util/status.h"

namespace protolm {

struct TcpEndpoint {
  std::string ip;  // IPv4 text, "10.0.0.1"
  uint16_t port = 0;
};

struct TcpConversationOptions {
  uint16_t mss = 1460;
  uint32_t client_isn = 0x10000000;
  uint32_t server_isn = 0x20000000;
};

class TcpConversationWriter {
 public:
  /// Creates `path`. Errors: InvalidArgument for an address that is not
  /// IPv4, a zero port or an MSS of 0; IoError when the file cannot be
  /// created.
  static Result<TcpConversationWriter> Create(
      const std::string& path, const TcpEndpoint& client,
      const TcpEndpoint& server, const TcpConversationOptions& options = {});
  /// A conversation written to `shared` (which outlives the writer); Close
  /// writes the teardown and leaves `shared` open. Errors: as Create's,
  /// but for the file.
  static Result<TcpConversationWriter> Into(
      PcapWriter& shared, const TcpEndpoint& client, const TcpEndpoint& server,
      const TcpConversationOptions& options = {});

  /// Writes the handshake (SYN, SYN+ACK, ACK) at `ts_us`. Send does it
  /// first when it was not done. Errors: InvalidArgument after Close.
  Status Open(int64_t ts_us);
  /// Records `data` sent in direction `dir` at `ts_us`: segments of at most
  /// mss bytes (PSH on the last), then the peer's ACK. Empty data writes
  /// nothing. Errors: InvalidArgument after Close; the writer's errors.
  Status Send(Direction dir, int64_t ts_us, ByteView data);
  /// Writes the teardown (client FIN, server FIN+ACK, client ACK) and
  /// closes the file when the writer owns it. Errors: the writer's errors.
  Status Close(int64_t ts_us);

 private:
  struct Side {
    IpAddress ip;
    uint16_t port = 0;
    std::array<uint8_t, 6> mac{};
    uint32_t next_seq = 0;  // sequence number of the next byte to send
    uint16_t ip_id = 0;
  };
  TcpConversationWriter(std::unique_ptr<PcapWriter> owned, PcapWriter& out,
                        Side client, Side server, uint16_t mss);
  /// The two sides of a conversation between `client` and `server`;
  /// `origin` starts error messages.
  static Status MakeSides(const std::string& origin, const TcpEndpoint& client,
                          const TcpEndpoint& server,
                          const TcpConversationOptions& options, Side sides[2]);

  /// Writes one segment from `from` to `to` and advances from.next_seq by
  /// the payload plus one for SYN and FIN.
  Status WriteSegment(int64_t ts_us, Side& from, Side& to, uint8_t flags,
                      ByteView payload, bool mss_option);

  std::unique_ptr<PcapWriter> owned_;  // null when writing to a shared file
  PcapWriter* writer_;
  Side client_;
  Side server_;
  uint16_t mss_;
  bool opened_ = false;
  bool closed_ = false;
};

}  // namespace protolm
