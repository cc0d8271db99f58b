// The HTTP protocol descriptor (see http_protocol.h).
#include "proto/http/http_protocol.h"

#include "proto/http/http_codec.h"

namespace protolm::http {
namespace {

class HttpDescriptor final : public Protocol {
 public:
  const Codec& codec() const override { return HttpCodec(); }
};

}  // namespace

const Protocol& HttpProtocol() {
  static const HttpDescriptor descriptor;
  return descriptor;
}

}  // namespace protolm::http
