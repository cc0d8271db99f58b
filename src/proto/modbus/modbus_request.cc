// A Modbus/TCP request decoded once (modbus_request.h).
#include "proto/modbus/modbus_request.h"

#include "proto/modbus/modbus_codec.h"

namespace protolm::modbus {

ModbusRequest::ModbusRequest(ByteView framed)
    : DecodedRequest(ModbusCodec(), framed), adu_(DecodeRequestAdu(framed)) {}

}  // namespace protolm::modbus
