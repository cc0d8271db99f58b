// CBC record protection (see cbc_cipher.h and record_cipher.h).
#include "proto/tls/crypto/cbc_cipher.h"

#include <openssl/crypto.h>

#include <array>

namespace protolm::tls {
namespace {

constexpr size_t kBlockSize = 16;
constexpr size_t kMaxMacSize = 64;

class CbcCipher final : public RecordCipher {
 public:
  CbcCipher(CipherContext cipher, MacContext mac, CbcSettings settings)
      : cipher_(std::move(cipher)),
        mac_(std::move(mac)),
        settings_(std::move(settings)) {}

  Result<uint8_t> Open(uint8_t type, uint16_t version, ByteView body,
                       uint64_t seq, Bytes& out) override {
    out.clear();
    const size_t mac_size = settings_.mac_size;
    ByteView protected_part = body;  // IV and ciphertext
    if (settings_.encrypt_then_mac) {
      if (body.size() < mac_size) return Unauthentic();
      protected_part = body.first(body.size() - mac_size);
      if (!MacMatches(seq, type, version, protected_part,
                      body.last(mac_size))) {
        return Unauthentic();
      }
    }
    const bool chained = !settings_.chained_iv.empty();
    const size_t iv_size = chained ? 0 : kBlockSize;
    if (protected_part.size() < iv_size + kBlockSize ||
        protected_part.size() % kBlockSize != 0) {
      return Unauthentic();
    }
    const ByteView iv = chained ? ByteView(settings_.chained_iv)
                                : protected_part.first(kBlockSize);
    const ByteView ciphertext = protected_part.subspan(iv_size);
    out.resize(ciphertext.size());
    int written = 0;
    if (EVP_DecryptInit_ex2(cipher_.get(), nullptr, nullptr, iv.data(),
                            nullptr) <= 0 ||
        EVP_CIPHER_CTX_set_padding(cipher_.get(), 0) <= 0 ||
        EVP_DecryptUpdate(cipher_.get(), out.data(), &written,
                          ciphertext.data(),
                          static_cast<int>(ciphertext.size())) <= 0 ||
        static_cast<size_t>(written) != ciphertext.size()) {
      return Unauthentic();
    }
    // Padding: padding_length + 1 bytes, each holding padding_length.
    const size_t mac_inside = settings_.encrypt_then_mac ? 0 : mac_size;
    const size_t padding = out.back();
    if (out.size() < mac_inside + padding + 1) return Unauthentic();
    for (size_t i = out.size() - padding - 1; i < out.size(); ++i)
      if (out[i] != padding) return Unauthentic();
    out.resize(out.size() - padding - 1);
    if (!settings_.encrypt_then_mac) {
      const size_t content = out.size() - mac_size;
      if (!MacMatches(seq, type, version, ByteView(out).first(content),
                      ByteView(out).subspan(content))) {
        return Unauthentic();
      }
      out.resize(content);
    }
    if (chained) {
      settings_.chained_iv.assign(ciphertext.end() - kBlockSize,
                                  ciphertext.end());
    }
    return type;
  }

 private:
  Status Unauthentic() { return Malformed("record does not authenticate"); }

  /// HMAC(seq_num + type + version + length + data) == `expected`.
  bool MacMatches(uint64_t seq, uint8_t type, uint16_t version, ByteView data,
                  ByteView expected) {
    ByteWriter header;
    header.U64Be(seq);
    header.U8(type);
    header.U16Be(version);
    header.U16Be(static_cast<uint16_t>(data.size()));
    std::array<uint8_t, kMaxMacSize> mac{};
    size_t mac_size = 0;
    return EVP_MAC_init(mac_.get(), nullptr, 0, nullptr) > 0 &&
           EVP_MAC_update(mac_.get(), header.bytes().data(), header.size()) >
               0 &&
           EVP_MAC_update(mac_.get(), data.data(), data.size()) > 0 &&
           EVP_MAC_final(mac_.get(), mac.data(), &mac_size, mac.size()) > 0 &&
           mac_size == expected.size() &&
           CRYPTO_memcmp(mac.data(), expected.data(), mac_size) == 0;
  }

  CipherContext cipher_;
  MacContext mac_;
  CbcSettings settings_;
};

}  // namespace

std::unique_ptr<RecordCipher> NewCbcCipher(CipherContext cipher, MacContext mac,
                                           CbcSettings settings) {
  return std::make_unique<CbcCipher>(std::move(cipher), std::move(mac),
                                     std::move(settings));
}

}  // namespace protolm::tls
