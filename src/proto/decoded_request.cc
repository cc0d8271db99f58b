// A request decoded once (decoded_request.h).
#include "proto/decoded_request.h"

namespace protolm {

DecodedRequest::DecodedRequest(const Codec& codec, ByteView framed)
    : codec_(codec), framed_(framed.begin(), framed.end()) {}

const Dissection& DecodedRequest::dissection() const {
  std::call_once(dissected_, [this] {
    dissection_ = codec_.Dissect(framed_, Direction::kClientToServer);
  });
  return *dissection_;
}

}  // namespace protolm
