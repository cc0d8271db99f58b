// Tests of HOST:PORT parsing: explicit ports, the codecs' well-known ports,
// and the targets that are usage errors.
#include "net/target_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace protolm::net {
namespace {

using ::testing::HasSubstr;

TEST(ParseTarget, TakesTheHostAndPortAtTheLastColon) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(ParseTarget("10.0.0.5:1502", "modbus", host, port).ok());
  EXPECT_EQ(host, "10.0.0.5");
  EXPECT_EQ(port, 1502);
  ASSERT_TRUE(ParseTarget("plc.example:65535", "s7comm", host, port).ok());
  EXPECT_EQ(host, "plc.example");
  EXPECT_EQ(port, 65535);
}

TEST(ParseTarget, WithoutAPortUsesTheProtocolsWellKnownPort) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(ParseTarget("plc", "modbus", host, port).ok());
  EXPECT_EQ(host, "plc");
  EXPECT_EQ(port, 502);
  ASSERT_TRUE(ParseTarget("plc", "s7comm", host, port).ok());
  EXPECT_EQ(port, 102);
}

TEST(ParseTarget, BadTargetsNameTheFlag) {
  std::string host;
  uint16_t port = 0;
  for (const char* bad : {"127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:",
                          ":502", "127.0.0.1:50x"}) {
    Status status = ParseTarget(bad, "modbus", host, port);
    ASSERT_FALSE(status.ok()) << bad;
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(status.message(),
                HasSubstr("expected HOST:PORT with a port 1..65535"));
  }
  Status no_port = ParseTarget("plc", "nosuchprotocol", host, port);
  EXPECT_THAT(no_port.message(), HasSubstr("has no well-known port"));
}

}  // namespace
}  // namespace protolm::net
