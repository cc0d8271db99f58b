// Helpers shared by the TLS tests: hex literals to bytes, the length-prefixed
// layers around hand-written message bodies (records, handshake headers,
// vectors), dissection that checks Inspect against Dissect, and the
// handshake message types and extension types of a tree, in order.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "proto/codec.h"
#include "proto/tls/tls_codec.h"
#include "util/bytes.h"

namespace protolm::tls::testing {

inline Bytes Hex(std::string_view text) {
  Result<Bytes> b = FromHex(text);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? *b : Bytes{};
}

inline Bytes Join(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

/// `body` after its length in `width` bytes (a TLS vector).
inline Bytes Vec(size_t width, const Bytes& body) {
  Bytes out;
  for (size_t i = width; i > 0; --i)
    out.push_back(static_cast<uint8_t>(body.size() >> (8 * (i - 1))));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

/// A record of `type` and `version` around `body`.
inline Bytes Record(uint8_t type, uint16_t version, const Bytes& body) {
  return Join({{type, static_cast<uint8_t>(version >> 8),
                static_cast<uint8_t>(version)},
               Vec(2, body)});
}

/// A handshake message of `type` around `body`.
inline Bytes Message(uint8_t type, const Bytes& body) {
  return Join({{type}, Vec(3, body)});
}

/// An extension of `type` around `data`.
inline Bytes Extension(uint16_t type, const Bytes& data) {
  return Join({{static_cast<uint8_t>(type >> 8), static_cast<uint8_t>(type)},
               Vec(2, data)});
}

/// The codec's Dissect of `unit`, after checking that Inspect agrees.
inline Dissection DissectChecked(ByteView unit, Direction dir) {
  const Codec& codec = TlsCodec();
  Dissection d = codec.Dissect(unit, dir);
  EXPECT_EQ(codec.Inspect(unit, dir), (Inspection{d.info, d.status}));
  return d;
}

/// The numbers of every field called `name` in `tree`, depth first.
inline void CollectNumbers(const Field& tree, std::string_view name,
                           std::vector<int64_t>* out) {
  if (tree.name == name && tree.number) out->push_back(*tree.number);
  for (const Field& child : tree.children) CollectNumbers(child, name, out);
}

inline std::vector<int64_t> Numbers(const Field& tree, std::string_view name) {
  std::vector<int64_t> out;
  CollectNumbers(tree, name, &out);
  return out;
}

}  // namespace protolm::tls::testing
