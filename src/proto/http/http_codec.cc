// The HTTP/1.x Codec implementation (see http_codec.h).
#include "proto/http/http_codec.h"

#include <algorithm>
#include <array>

#include "proto/http/message.h"
#include "proto/http/message_frame.h"
#include "proto/http/syntax.h"

namespace protolm::http {
namespace {

constexpr std::array<uint16_t, 2> kPorts = {80, 8080};

/// `bytes` is a proper prefix of `whole`.
bool IsPrefixOf(ByteView bytes, std::string_view whole) {
  return bytes.size() < whole.size() &&
         AsText(bytes) == whole.substr(0, bytes.size());
}

class HttpCodecImpl final : public Codec {
 public:
  std::string_view name() const override { return kProtocolName; }
  std::span<const uint16_t> well_known_ports() const override { return kPorts; }

  // 95 for a status line or a standard method and a space; 60 for another
  // token, a space and a '/' (an unknown method on an origin-form target),
  // 50 for visible bytes that are no token there (a malformed method); 10
  // while the bytes are too few to tell; else 0.
  int DetectScore(ByteView s) const override {
    if (StartsWithStatusLine(s) || StartsWithStandardMethod(s)) return 95;
    size_t visible = 0;
    while (visible < s.size() && visible <= kMaxMethodBytes &&
           s[visible] > 0x20 && s[visible] < 0x7f)
      ++visible;
    if (visible > 0 && visible + 1 < s.size() && s[visible] == ' ' &&
        s[visible + 1] == '/') {
      const ByteView method = s.first(visible);
      return std::all_of(method.begin(), method.end(), IsTokenChar) ? 60 : 50;
    }
    const bool short_status =
        s.size() < 12 &&
        (IsPrefixOf(s, "HTTP/1.") || AsText(s).starts_with("HTTP/1."));
    if (short_status ||
        (visible == s.size() && visible > 0 && visible <= kMaxMethodBytes))
      return 10;
    return 0;
  }

  FrameResult Frame(ByteView stream) const override {
    return FrameMessage(stream);
  }

  std::optional<size_t> Resync(ByteView stream) const override {
    return FindMessageStart(stream);
  }

  Dissection Dissect(ByteView pdu, Direction dir) const override {
    return DissectMessage(pdu, dir);
  }
};

}  // namespace

const Codec& HttpCodec() {
  static const HttpCodecImpl codec;
  return codec;
}

}  // namespace protolm::http
