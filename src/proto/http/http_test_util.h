// Helpers shared by the HTTP tests: text to bytes, dissection that checks
// Inspect against Dissect and that fields stay inside the unit, and framing
// a whole stream unit by unit.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "proto/codec.h"
#include "proto/field_bounds.h"
#include "proto/http/http_codec.h"
#include "util/bytes.h"

namespace protolm::http::testing {

inline Bytes Text(std::string_view text) {
  return Bytes(text.begin(), text.end());
}

/// The codec's Dissect of `unit`, after checking that Inspect agrees and
/// that every field lies inside the unit.
inline Dissection DissectChecked(ByteView unit, Direction dir) {
  const Codec& codec = HttpCodec();
  Dissection d = codec.Dissect(unit, dir);
  EXPECT_EQ(codec.Inspect(unit, dir), (Inspection{d.info, d.status}));
  EXPECT_TRUE(FieldsWithin(d.tree, unit.size())) << RenderTree(d.tree);
  return d;
}

inline Dissection DissectText(std::string_view text,
                              Direction dir = Direction::kClientToServer) {
  return DissectChecked(Text(text), dir);
}

/// The units `stream` frames into, as text; stops at anything but a whole
/// unit and leaves the rest in `rest` (when not null).
inline std::vector<std::string> FrameAll(std::string_view stream,
                                         std::string* rest = nullptr) {
  std::vector<std::string> units;
  const Bytes bytes = Text(stream);
  ByteView left(bytes);
  while (!left.empty()) {
    const FrameResult f = HttpCodec().Frame(left);
    if (f.kind != FrameResult::Kind::kFrame) break;
    units.emplace_back(reinterpret_cast<const char*>(left.data()), f.length);
    left = left.subspan(f.length);
  }
  if (rest != nullptr)
    rest->assign(reinterpret_cast<const char*>(left.data()), left.size());
  return units;
}

/// The text of the bytes `field` covers in `unit`.
inline std::string Covered(std::string_view unit, const Field& field) {
  return std::string(unit.substr(field.offset, field.length));
}

}  // namespace protolm::http::testing
