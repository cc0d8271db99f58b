// The TLS key log (see tls_key_log.h).
#include "proto/tls/tls_key_log.h"

#include "proto/tls/crypto/nss_key_log.h"
#include "proto/tls/session_decryptor.h"

namespace protolm::tls {
namespace {

class TlsKeyLog final : public KeyLog {
 public:
  explicit TlsKeyLog(std::shared_ptr<const NssKeyLog> log)
      : log_(std::move(log)) {}

  std::unique_ptr<SessionDecryptor> NewSession(
      KeyLogWarning on_warning) const override {
    return NewTlsSessionDecryptor(log_, std::move(on_warning));
  }

 private:
  std::shared_ptr<const NssKeyLog> log_;
};

}  // namespace

Result<std::shared_ptr<const KeyLog>> ReadTlsKeyLog(
    std::span<const std::string> paths, const KeyLogWarning& on_warning) {
  auto log = std::make_shared<NssKeyLog>();
  for (const std::string& path : paths)
    RETURN_IF_ERROR(log->ReadFile(path, on_warning));
  return std::shared_ptr<const KeyLog>(
      std::make_shared<TlsKeyLog>(std::move(log)));
}

}  // namespace protolm::tls
