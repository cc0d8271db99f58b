// AEAD record protection (see aead_cipher.h and record_cipher.h).
#include "proto/tls/crypto/aead_cipher.h"

#include <algorithm>
#include <array>

namespace protolm::tls {
namespace {

constexpr size_t kNonceSize = 12;
constexpr size_t kExplicitNonceSize = 8;
constexpr size_t kTagSize = 16;

class AeadCipher final : public RecordCipher {
 public:
  AeadCipher(CipherContext context, AeadLayout layout, Bytes iv)
      : context_(std::move(context)), layout_(layout), iv_(std::move(iv)) {}

  Result<uint8_t> Open(uint8_t type, uint16_t version, ByteView body,
                       uint64_t seq, Bytes& out) override {
    const size_t explicit_size =
        layout_ == AeadLayout::kTls12Explicit ? kExplicitNonceSize : 0;
    if (body.size() < explicit_size + kTagSize)
      return Malformed("record of " + std::to_string(body.size()) +
                       " bytes is shorter than its nonce and tag");
    const ByteView ciphertext =
        body.subspan(explicit_size, body.size() - explicit_size - kTagSize);
    std::array<uint8_t, kTagSize> tag;
    std::copy(body.end() - kTagSize, body.end(), tag.begin());

    std::array<uint8_t, kNonceSize> nonce{};
    std::copy(iv_.begin(), iv_.end(), nonce.begin());
    if (layout_ == AeadLayout::kTls12Explicit) {
      std::copy(body.begin(), body.begin() + kExplicitNonceSize,
                nonce.begin() + (kNonceSize - kExplicitNonceSize));
    } else {
      for (size_t i = 0; i < 8; ++i)
        nonce[kNonceSize - 1 - i] ^= static_cast<uint8_t>(seq >> (8 * i));
    }
    ByteWriter aad;
    if (layout_ == AeadLayout::kTls13) {  // the record header as sent
      aad.U8(type);
      aad.U16Be(version);
      aad.U16Be(static_cast<uint16_t>(body.size()));
    } else {  // seq_num + TLSCompressed.type/version/length
      aad.U64Be(seq);
      aad.U8(type);
      aad.U16Be(version);
      aad.U16Be(static_cast<uint16_t>(ciphertext.size()));
    }

    EVP_CIPHER_CTX* ctx = context_.get();
    out.resize(std::max<size_t>(ciphertext.size(), 1));
    int written = 0;
    int final_written = 0;
    const bool opened =
        EVP_DecryptInit_ex2(ctx, nullptr, nullptr, nonce.data(), nullptr) > 0 &&
        EVP_DecryptUpdate(ctx, nullptr, &written, aad.bytes().data(),
                          static_cast<int>(aad.size())) > 0 &&
        EVP_DecryptUpdate(ctx, out.data(), &written, ciphertext.data(),
                          static_cast<int>(ciphertext.size())) > 0 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, kTagSize, tag.data()) >
            0 &&
        EVP_DecryptFinal_ex(ctx, out.data() + written, &final_written) > 0;
    if (!opened) {
      out.clear();
      return Malformed("record does not authenticate");
    }
    out.resize(static_cast<size_t>(written + final_written));
    if (layout_ != AeadLayout::kTls13) return type;
    // TLSInnerPlaintext: content, content type, zero padding.
    while (!out.empty() && out.back() == 0) out.pop_back();
    if (out.empty()) return Malformed("TLS 1.3 record holds no content type");
    const uint8_t inner = out.back();
    out.pop_back();
    return inner;
  }

 private:
  CipherContext context_;
  AeadLayout layout_;
  Bytes iv_;
};

}  // namespace

std::unique_ptr<RecordCipher> NewAeadCipher(CipherContext context,
                                            AeadLayout layout, Bytes iv) {
  return std::make_unique<AeadCipher>(std::move(context), layout,
                                      std::move(iv));
}

}  // namespace protolm::tls
