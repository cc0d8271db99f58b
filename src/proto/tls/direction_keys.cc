// One direction's keys (see direction_keys.h).
#include "proto/tls/direction_keys.h"

namespace protolm::tls {

void DirectionKeys::Use(std::unique_ptr<RecordCipher> cipher) {
  current_ = Keys{std::move(cipher), 0};
  candidates_.clear();
}

void DirectionKeys::AddCandidate(std::unique_ptr<RecordCipher> cipher) {
  if (cipher != nullptr) candidates_.push_back(Keys{std::move(cipher), 0});
}

Result<uint8_t> DirectionKeys::Open(uint8_t type, uint16_t version,
                                    ByteView body, Bytes& out) {
  Status failure = Malformed("no keys");
  if (current_.cipher != nullptr) {
    Result<uint8_t> opened =
        current_.cipher->Open(type, version, body, current_.sequence, out);
    ++current_.sequence;
    if (opened.ok()) return opened;
    failure = opened.status();
  }
  for (size_t i = 0; i < candidates_.size(); ++i) {
    Keys& candidate = candidates_[i];
    Result<uint8_t> opened =
        candidate.cipher->Open(type, version, body, candidate.sequence, out);
    if (!opened.ok()) continue;
    current_ = Keys{std::move(candidate.cipher), 1};
    candidates_.erase(candidates_.begin(),
                      candidates_.begin() + static_cast<ptrdiff_t>(i) + 1);
    return opened;
  }
  return failure;
}

}  // namespace protolm::tls
