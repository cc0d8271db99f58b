// HKDF-Expand-Label and the TLS PRF (see kdf.h).
#include "proto/tls/crypto/kdf.h"

#include <openssl/core_names.h>

#include <array>

#include "proto/tls/crypto/openssl_handles.h"

namespace protolm::tls {
namespace {

constexpr std::string_view kLabelPrefix = "tls13 ";
constexpr size_t kMaxLabel = 255;
constexpr size_t kMaxContext = 255;

/// Runs `kdf` (libcrypto's KDF `name`, fetched once by the caller: a fetch
/// searches the providers under a lock) with `params` into `length` bytes,
/// on a new context (a context keeps what it was given: the PRF's seeds
/// would add up).
Result<Bytes> Derive(const KdfHandle& kdf, const char* name,
                     const OSSL_PARAM* params, size_t length) {
  if (!kdf) return LibcryptoFailure(std::string("fetch ") + name);
  KdfContext context(EVP_KDF_CTX_new(kdf.get()));
  Bytes out(length);
  if (!context ||
      EVP_KDF_derive(context.get(), out.data(), out.size(), params) <= 0) {
    return LibcryptoFailure(name);
  }
  return out;
}

OSSL_PARAM DigestParam(Digest hash) {
  return OSSL_PARAM_construct_utf8_string(
      OSSL_KDF_PARAM_DIGEST, const_cast<char*>(DigestName(hash)), 0);
}

/// A parameter over bytes libcrypto only reads.
OSSL_PARAM OctetParam(const char* key, ByteView bytes) {
  return OSSL_PARAM_construct_octet_string(
      key, const_cast<uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

Result<Bytes> HkdfExpandLabel(Digest hash, ByteView secret,
                              std::string_view label, ByteView context,
                              size_t length) {
  const size_t label_size = kLabelPrefix.size() + label.size();
  if (label_size > kMaxLabel || context.size() > kMaxContext || length > 0xffff)
    return Internal("HKDF-Expand-Label: label, context or length too long");
  ByteWriter info;  // struct HkdfLabel (RFC 8446 7.1)
  info.U16Be(static_cast<uint16_t>(length));
  info.U8(static_cast<uint8_t>(label_size));
  for (char c : kLabelPrefix) info.U8(static_cast<uint8_t>(c));
  for (char c : label) info.U8(static_cast<uint8_t>(c));
  info.U8(static_cast<uint8_t>(context.size()));
  info.Append(context);
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  std::array<OSSL_PARAM, 5> params = {
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
      DigestParam(hash),
      OctetParam(OSSL_KDF_PARAM_KEY, secret),
      OctetParam(OSSL_KDF_PARAM_INFO, info.bytes()),
      OSSL_PARAM_construct_end(),
  };
  static const KdfHandle hkdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  return Derive(hkdf, "HKDF", params.data(), length);
}

Result<Bytes> TlsPrf(Digest hash, ByteView secret, std::string_view label,
                     ByteView seed, size_t length) {
  ByteWriter label_and_seed;
  for (char c : label) label_and_seed.U8(static_cast<uint8_t>(c));
  label_and_seed.Append(seed);
  std::array<OSSL_PARAM, 4> params = {
      DigestParam(hash),
      OctetParam(OSSL_KDF_PARAM_SECRET, secret),
      OctetParam(OSSL_KDF_PARAM_SEED, label_and_seed.bytes()),
      OSSL_PARAM_construct_end(),
  };
  static const KdfHandle prf(EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr));
  return Derive(prf, "TLS1-PRF", params.data(), length);
}

}  // namespace protolm::tls
