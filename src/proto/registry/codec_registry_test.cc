// The codec table: lookup by name and port, and detection by content.
#include "proto/registry/codec_registry.h"

#include <gtest/gtest.h>

#include "proto/http/http_codec.h"
#include "proto/modbus/builders.h"
#include "proto/registry/protocol_table.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm {
namespace {

TEST(CodecRegistry, FindsByNameAndPort) {
  ASSERT_NE(FindCodec("modbus"), nullptr);
  EXPECT_EQ(FindCodec("modbus")->name(), "modbus");
  EXPECT_EQ(FindCodec("s7comm")->name(), "s7comm");
  EXPECT_EQ(FindCodec("dns"), nullptr);
  EXPECT_EQ(CodecForPort(502), FindCodec("modbus"));
  EXPECT_EQ(CodecForPort(102), FindCodec("s7comm"));
  EXPECT_EQ(FindCodec("tls")->name(), "tls");
  EXPECT_EQ(CodecForPort(443), FindCodec("tls"));
  EXPECT_EQ(FindCodec(http::kProtocolName)->name(), http::kProtocolName);
  EXPECT_EQ(CodecForPort(80), FindCodec(http::kProtocolName));
  EXPECT_EQ(CodecForPort(8080), FindCodec(http::kProtocolName));
  EXPECT_EQ(CodecForPort(53), nullptr);
  EXPECT_EQ(ProtocolNames(),
            "modbus, s7comm, tls, " + std::string(http::kProtocolName));
}

TEST(CodecRegistry, DetectsEachProtocolByContent) {
  Bytes modbus_adu =
      modbus::BuildRequestAdu(7, 1, modbus::ReadHoldingRegisters(0, 10))
          .value();
  EXPECT_EQ(DetectCodec(modbus_adu), FindCodec("modbus"));

  Bytes s7_pdu =
      s7comm::FrameS7Pdu(s7comm::SetupCommunicationJob(0x100, 1, 1, 480))
          .value();
  EXPECT_EQ(DetectCodec(s7_pdu), FindCodec("s7comm"));

  // A TLS 1.2 record with the start of a ClientHello.
  const Bytes tls_hello = {0x16, 0x03, 0x01, 0x00, 0x06, 0x01,
                           0x00, 0x00, 0x02, 0x03, 0x03};
  EXPECT_EQ(DetectCodec(tls_hello), FindCodec("tls"));

  const Bytes http = {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P'};
  EXPECT_EQ(DetectCodec(http), FindCodec(http::kProtocolName));
  const Bytes ssh = {'S', 'S', 'H', '-', '2', '.', '0', '-', 'x', '\r', '\n'};
  EXPECT_EQ(DetectCodec(ssh), nullptr);
  EXPECT_EQ(DetectCodec({}), nullptr);
}

}  // namespace
}  // namespace protolm
