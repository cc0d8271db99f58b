// libFuzzer target: the S7 request path of the simulated CPU 315-2 PN/DP.
//
// The first input byte picks how far the connection is before the fuzzed
// bytes arrive (0: nothing, 1: COTP connected, 2: also setup communication
// done), so the fuzzer reaches COTP, the S7 jobs and the userdata functions
// alike. The rest is a client's byte stream: framed with the S7comm codec
// exactly as the server frames it and fed to one session until it asks to
// close. Any crash, sanitizer report or leak is a bug.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "device/device_state.h"
#include "device/profile.h"
#include "device/s7/s7_handler.h"
#include "util/bytes.h"

namespace {

using namespace protolm;

const device::DeviceProfile& Profile() {
  static const device::DeviceProfile profile = [] {
    auto p = device::BuiltinProfile("s7-315-2pn");
    if (!p.ok()) __builtin_trap();
    return *p;
  }();
  return profile;
}

constexpr uint8_t kConnect[] = {0x03, 0x00, 0x00, 0x16, 0x11, 0xe0, 0x00, 0x00,
                                0x00, 0x14, 0x00, 0xc1, 0x02, 0x01, 0x00, 0xc2,
                                0x02, 0x01, 0x02, 0xc0, 0x01, 0x0a};
constexpr uint8_t kSetup[] = {0x03, 0x00, 0x00, 0x19, 0x02, 0xf0, 0x80,
                              0x32, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
                              0x08, 0x00, 0x00, 0xf0, 0x00, 0x00, 0x01,
                              0x00, 0x01, 0x01, 0xe0};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto state = device::DeviceState::Create(Profile());
  if (!state.ok()) __builtin_trap();
  auto handler = device::s7::MakeS7Handler(Profile(), **state);
  if (!handler.ok()) __builtin_trap();
  std::unique_ptr<net::ProtocolSession> session =
      (*handler)->NewSession("fuzz:1");
  uint8_t stage = data[0] % 3;
  if (stage >= 1 && session->Handle(ByteView(kConnect)).close_after)
    __builtin_trap();
  if (stage >= 2 && session->Handle(ByteView(kSetup)).close_after)
    __builtin_trap();

  const Codec& codec = (*handler)->codec();
  ByteView stream(data + 1, size - 1);
  while (!stream.empty()) {
    FrameResult f = codec.Frame(stream);
    if (f.kind != FrameResult::Kind::kFrame || f.length == 0 ||
        f.length > stream.size())
      break;
    net::Reply reply = session->Handle(stream.first(f.length));
    if (reply.close_after) break;
    stream = stream.subspan(f.length);
  }
  return 0;
}
