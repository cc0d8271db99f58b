// libcrypto failures as statuses (see openssl_handles.h).
#include "proto/tls/crypto/openssl_handles.h"

#include <openssl/err.h>

#include <array>
#include <string>

namespace protolm::tls {

Status LibcryptoFailure(std::string_view what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string message = "libcrypto: " + std::string(what);
  if (code != 0) {
    std::array<char, 256> reason{};
    ERR_error_string_n(code, reason.data(), reason.size());
    message += ": " + std::string(reason.data());
  }
  return Internal(std::move(message));
}

}  // namespace protolm::tls
