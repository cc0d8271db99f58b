// Tests of endpoint text: what ToString prints, ParseEndpoint reads back.
#include "trace/message.h"

#include <gtest/gtest.h>

namespace protolm {
namespace {

TEST(Endpoint, ParsesWhatItPrints) {
  for (const Endpoint& e : {Endpoint{"10.0.0.1", 502}, Endpoint{"fe80::1", 102},
                            Endpoint{"h", 0}}) {
    auto parsed = ParseEndpoint(e.ToString());
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    EXPECT_EQ(parsed->ip, e.ip);
    EXPECT_EQ(parsed->port, e.port);
  }
}

TEST(Endpoint, RejectsTextThatIsNoEndpoint) {
  for (const char* text :
       {"", "10.0.0.1", "10.0.0.1:", ":502", "10.0.0.1:65536", "10.0.0.1:5x",
        "fe80::1:502", "[]:502", "10.0.0.1:-1"}) {
    auto parsed = ParseEndpoint(text);
    EXPECT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), StatusCode::kMalformed) << text;
  }
}

}  // namespace
}  // namespace protolm
