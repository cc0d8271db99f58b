// The TLS protocol descriptor (see tls_protocol.h).
#include "proto/tls/tls_protocol.h"

#include "proto/tls/tls_codec.h"

namespace protolm::tls {
namespace {

class TlsDescriptor final : public Protocol {
 public:
  const Codec& codec() const override { return TlsCodec(); }
};

}  // namespace

const Protocol& TlsProtocol() {
  static const TlsDescriptor descriptor;
  return descriptor;
}

}  // namespace protolm::tls
