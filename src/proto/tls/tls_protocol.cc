// The TLS protocol descriptor (see tls_protocol.h).
#include "proto/tls/tls_protocol.h"

#include "proto/tls/tls_codec.h"
#include "proto/tls/tls_key_log.h"

namespace protolm::tls {
namespace {

class TlsDescriptor final : public Protocol {
 public:
  const Codec& codec() const override { return TlsCodec(); }

  Result<std::shared_ptr<const KeyLog>> ReadKeyLog(
      std::span<const std::string> paths,
      const KeyLogWarning& on_warning) const override {
    return ReadTlsKeyLog(paths, on_warning);
  }
};

}  // namespace

const Protocol& TlsProtocol() {
  static const TlsDescriptor descriptor;
  return descriptor;
}

}  // namespace protolm::tls
