// An S7comm request decoded once (s7_request.h).
#include "proto/s7comm/s7_request.h"

#include "proto/s7comm/s7comm_codec.h"

namespace protolm::s7comm {

S7Request::S7Request(ByteView framed)
    : DecodedRequest(S7commCodec(), framed),
      message_(DecodeMessage(framed, FieldMode::kSkip)) {}

}  // namespace protolm::s7comm
