// A Modbus/TCP request decoded once for the serve path (proto/
// decoded_request.h): the ADU as DecodeRequestAdu reads it, or why it does
// not decode. The grammar, the validator and the memory image read it; the
// descriptor (modbus_protocol.h) makes it. Immutable; thread-safe.
#pragma once

#include "proto/decoded_request.h"
#include "proto/modbus/adu.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

class ModbusRequest final : public DecodedRequest {
 public:
  /// `framed`: one whole request ADU, decoded strictly.
  explicit ModbusRequest(ByteView framed);

  /// The decoded ADU, or the fault that stopped decoding.
  const Result<RequestAdu>& adu() const { return adu_; }

 private:
  Result<RequestAdu> adu_;
};

}  // namespace protolm::modbus
