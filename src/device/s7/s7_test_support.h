// Test support for the S7 device tests: a session on the built-in
// s7-315-2pn profile fed with framed bytes, hex helpers, the requests nmap's
// s7-info script sends, and the server on an ephemeral port for tests that
// go through real sockets (with testing/loopback_client.h). Header-only; used by *_test.cc in this folder.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "device/device_server.h"
#include "device/device_state.h"
#include "device/profile.h"
#include "device/s7/s7_handler.h"
#include "proto/s7comm/message.h"
#include "testing/loopback_client.h"
#include "util/bytes.h"

namespace protolm::device::s7::testing {

inline Bytes Hex(std::string_view hex) {
  Result<Bytes> b = FromHex(hex);
  EXPECT_TRUE(b.ok()) << hex;
  return b.ok() ? *b : Bytes{};
}

// The requests nmap's s7-info script sends (nmap 7.93, s7-info.nse).
inline constexpr std::string_view kNmapConnect =
    "0300001611e00000001400c1020100c2020102c0010a";
inline constexpr std::string_view kNmapConnectAlt =
    "0300001611e00000000500c1020100c2020200c0010a";
inline constexpr std::string_view kNmapSetup =
    "0300001902f08032010000000000080000f0000001000101e0";
inline constexpr std::string_view kNmapSzl0011 =
    "0300002102f080320700000000000800080001120411440100ff09000400110001";
inline constexpr std::string_view kNmapSzl001c =
    "0300002102f080320700000000000800080001120411440100ff090004001c0001";

/// A device from a profile, its S7 handler and one session.
struct S7Device {
  DeviceProfile profile;
  std::unique_ptr<DeviceState> state;
  std::unique_ptr<net::ProtocolHandler> handler;
  std::unique_ptr<net::ProtocolSession> session;

  explicit S7Device(DeviceProfile p) : profile(std::move(p)) {
    auto s = DeviceState::Create(profile);
    EXPECT_TRUE(s.ok()) << s.status().message();
    if (!s.ok()) return;
    state = std::move(*s);
    auto h = MakeS7Handler(profile, *state);
    EXPECT_TRUE(h.ok()) << h.status().message();
    if (!h.ok()) return;
    handler = std::move(*h);
    session = handler->NewSession("test:1");
  }

  static DeviceProfile Builtin() {
    auto p = BuiltinProfile("s7-315-2pn");
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? *p : DeviceProfile{};
  }

  net::Reply Send(const Bytes& framed) { return session->Handle(framed); }
  net::Reply Send(std::string_view hex) { return Send(Hex(hex)); }

  /// Sends an S7 PDU in one DT unit and returns the reply's bytes.
  Bytes Exchange(const s7comm::S7Pdu& pdu) {
    Result<Bytes> framed = s7comm::FrameS7Pdu(pdu);
    EXPECT_TRUE(framed.ok());
    net::Reply r = Send(*framed);
    EXPECT_FALSE(r.close_after);
    return r.bytes;
  }

  /// COTP connect (nmap's CR) and setup communication asking 480 bytes.
  void Connect() {
    ASSERT_FALSE(Send(kNmapConnect).close_after);
    ASSERT_FALSE(Send(kNmapSetup).close_after);
  }
};

/// The S7 PDU in a reply, decoded (fails the test when there is none).
inline s7comm::S7Pdu DecodeReply(const Bytes& reply) {
  s7comm::MessageDecoding m = s7comm::DecodeMessage(reply);
  EXPECT_TRUE(m.status.ok()) << m.status.message();
  EXPECT_TRUE(m.s7.has_value()) << ToHex(reply);
  return m.s7 ? *m.s7 : s7comm::S7Pdu{};
}

/// The S7 side of `profile` served on 127.0.0.1 at an ephemeral port
/// (Modbus off); null (and a test failure) when it cannot start.
inline std::unique_ptr<DeviceServer> StartS7Server(const DeviceProfile& profile,
                                                   ServeOptions options = {}) {
  options.bind_address = "127.0.0.1";
  options.s7_port = 0;
  auto server = StartDeviceServer(profile, ServeOnly("s7comm", options));
  EXPECT_TRUE(server.ok()) << server.status().message();
  return server.ok() ? std::move(*server) : nullptr;
}

using protolm::testing::LoopbackClient;

}  // namespace protolm::device::s7::testing
