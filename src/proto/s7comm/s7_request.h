// An S7comm request (or COTP unit) decoded once for the serve path (proto/
// decoded_request.h): its TPDUs and S7 PDU as DecodeMessage reads them,
// without a field tree. The grammar, the validator and the memory image read
// it; the descriptor (s7comm_protocol.h) makes it. Immutable; thread-safe.
#pragma once

#include "proto/decoded_request.h"
#include "proto/s7comm/message.h"
#include "util/bytes.h"

namespace protolm::s7comm {

class S7Request final : public DecodedRequest {
 public:
  /// `framed`: what FrameTsdu framed, client to server.
  explicit S7Request(ByteView framed);

  /// The decoding (FieldMode::kSkip: no tree); its status names a fault.
  const MessageDecoding& message() const { return message_; }

 private:
  MessageDecoding message_;
};

}  // namespace protolm::s7comm
