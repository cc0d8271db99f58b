// libFuzzer target for the TLS session decryptor. RFC 8448's hellos start a
// session whose secrets the key log holds; then the input is a run of
// chunks, each a unit in one direction: raw bytes as they come, or a
// plaintext sealed as a TLS 1.3 record under one of the session's four
// traffic keys (the target numbers each key's records), so the decryptor
// opens plaintext the fuzzer chooses: any content type, handshake messages
// split, truncated or lying about their length, Finished, KeyUpdate and
// EndOfEarlyData anywhere, gaps. Asserts (abort) that every unit handed on
// is non-empty and dissects with Inspect agreeing with Dissect, no field
// outside its unit and a one-line fault, and that warnings are one line.
//
// Chunk: flags (bit 0 server, bit 1 sealed, bit 2 application keys, bit 3
// a gap first), the inner content type, a 2-byte length (its low 14 bits),
// the bytes.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "proto/field_bounds.h"
#include "proto/tls/record_sealing_test_util.h"
#include "proto/tls/rfc8448_test_util.h"
#include "proto/tls/session_decryptor.h"
#include "proto/tls/tls_codec.h"

namespace protolm::tls {
namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

Bytes Hex(const char* text) { return FromHex(text).value(); }

/// One traffic key of the session and the number of its next record.
struct SealingKey {
  Bytes key;
  Bytes iv;
  uint64_t sequence = 0;
};

void CheckUnit(ByteView unit, Direction dir) {
  Require(!unit.empty());
  const Codec& codec = TlsCodec();
  Dissection d = codec.Dissect(unit, dir);
  Require(codec.Inspect(unit, dir) == Inspection{d.info, d.status});
  Require(d.status.message().find('\n') == std::string::npos);
  Require(FieldsWithin(d.tree, unit.size()));
}

}  // namespace
}  // namespace protolm::tls

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  using namespace protolm::tls;
  static const std::shared_ptr<const NssKeyLog> log = [] {
    auto read = std::make_shared<NssKeyLog>();
    std::istringstream in(testing::Rfc8448KeyLog());
    read->Read(in, "rfc8448.keys", nullptr);
    return read;
  }();
  std::array<SealingKey, 4> keys = {{
      {Hex(testing::kClientHandshakeKey), Hex(testing::kClientHandshakeIv)},
      {Hex(testing::kClientApplicationKey), Hex(testing::kClientApplicationIv)},
      {Hex(testing::kServerHandshakeKey), Hex(testing::kServerHandshakeIv)},
      {Hex(testing::kServerApplicationKey), Hex(testing::kServerApplicationIv)},
  }};
  std::unique_ptr<SessionDecryptor> decryptor =
      NewTlsSessionDecryptor(log, [](const std::string& warning) {
        Require(warning.find('\n') == std::string::npos);
      });
  auto feed = [&](ByteView unit, Direction dir) {
    decryptor->Decrypt(unit, dir, [dir](ByteView out) { CheckUnit(out, dir); });
  };
  feed(Hex(testing::kClientHello), Direction::kClientToServer);
  feed(Hex(testing::kServerHello), Direction::kServerToClient);

  ByteReader in(ByteView(data, size));
  while (!in.empty()) {
    const uint8_t flags = in.U8().value_or(0);
    const uint8_t type = in.U8().value_or(0);
    const size_t length = in.U16Be().value_or(0) & 0x3fff;  // 2^14 at most
    const ByteView bytes =
        in.Take(std::min<size_t>(length, in.remaining())).value_or(ByteView());
    const bool server = (flags & 1) != 0;
    const Direction dir =
        server ? Direction::kServerToClient : Direction::kClientToServer;
    if ((flags & 8) != 0) decryptor->Gap(dir);
    if ((flags & 2) == 0) {
      if (!bytes.empty()) feed(bytes, dir);
      continue;
    }
    SealingKey& key = keys[(server ? 2 : 0) + ((flags & 4) != 0 ? 1 : 0)];
    const Bytes record =
        testing::SealTls13Record(key.key, key.iv, key.sequence++, type, bytes);
    Require(!record.empty());
    feed(record, dir);
  }
  return 0;
}
