// Cursors, the unit map and field helpers (see field_cursor.h).
#include "proto/tls/field_cursor.h"

#include <algorithm>

namespace protolm::tls {

void UnitMap::Append(size_t unit_offset, size_t length) {
  pieces_.push_back({stream_size_, unit_offset, length});
  stream_size_ += length;
}

size_t UnitMap::ToUnit(size_t stream_offset) const {
  if (pieces_.empty()) return stream_offset;
  // The last piece starting at or before the offset.
  auto after = std::upper_bound(
      pieces_.begin(), pieces_.end(), stream_offset,
      [](size_t offset, const Piece& p) { return offset < p.stream; });
  const Piece& piece = after == pieces_.begin() ? pieces_.front() : *(after - 1);
  const size_t within = std::min(stream_offset - std::min(stream_offset, piece.stream),
                                 piece.length);
  return piece.unit + within;
}

void UnitMap::Remap(Field& tree) const {
  const size_t start = ToUnit(tree.offset);
  if (tree.length > 0) {
    const size_t last = ToUnit(tree.offset + tree.length - 1);
    tree.length = last + 1 - start;
  }
  tree.offset = start;
  for (Field& child : tree.children) Remap(child);
}

Result<uint32_t> Cursor::Uint(std::string_view field, size_t width) {
  std::optional<uint32_t> value;
  switch (width) {
    case 1: value = in_.U8(); break;
    case 2: value = in_.U16Be(); break;
    case 3: value = in_.U24Be(); break;
    case 4: value = in_.U32Be(); break;
    default: return Internal("tls: Cursor::Uint of width " + std::to_string(width));
  }
  if (!value)
    return Fault(StatusCode::kTruncated, field, at(),
                 "needs " + std::to_string(width) + " bytes, " +
                     std::to_string(remaining()) + " left");
  return *value;
}

Result<ByteView> Cursor::Take(std::string_view field, size_t n) {
  std::optional<ByteView> bytes = in_.Take(n);
  if (!bytes)
    return Fault(StatusCode::kTruncated, field, at(),
                 "needs " + std::to_string(n) + " bytes, " +
                     std::to_string(remaining()) + " left");
  return *bytes;
}

Result<Cursor> Cursor::Vector(std::string_view field, size_t width) {
  const size_t start = at();
  ASSIGN_OR_RETURN(uint32_t length, Uint(field, width));
  if (length > remaining()) {
    return Fault(StatusCode::kTruncated, field, start,
                 "length " + std::to_string(length) + " runs past the " +
                     std::to_string(remaining()) + " bytes left");
  }
  const size_t body_at = at();
  ByteView body = *in_.Take(length);
  return Cursor(body, body_at, *map_);
}

Status Cursor::Fault(StatusCode code, std::string_view field, size_t stream_at,
                     std::string_view what) const {
  return Status(code, "tls: " + std::string(field) + ": " + std::string(what) +
                          " at offset " + std::to_string(map_->ToUnit(stream_at)));
}

Status Cursor::ExpectEnd(std::string_view field) const {
  if (empty()) return Status::Ok();
  return Fault(StatusCode::kMalformed, field, at(),
               std::to_string(remaining()) + " bytes left over");
}

Status ReadNumber(Cursor& in, std::string_view field, size_t width,
                  Field& into) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(uint32_t value, in.Uint(field, width));
  into.AddNumber(std::string(field), value, at, width);
  return Status::Ok();
}

Status ReadOpaque(Cursor& in, std::string_view field, size_t prefix,
                  Field& into) {
  ASSIGN_OR_RETURN(Cursor body, in.Vector(field, prefix));
  const size_t at = body.at();
  AddBytes(into, std::string(field), body.Rest(), at);
  return Status::Ok();
}

Field Group(std::string name, size_t offset, size_t length) {
  Field field;
  field.name = std::move(name);
  field.offset = offset;
  field.length = length;
  return field;
}

Field& AddCode(Field& parent, std::string name, int64_t number,
               std::string shown, size_t offset, size_t length, int level) {
  Field& field =
      parent.AddText(std::move(name), std::move(shown), offset, length, level);
  field.number = number;
  return field;
}

Field& AddBytes(Field& parent, std::string name, ByteView bytes, size_t offset,
                int level) {
  constexpr size_t kMaxShown = 64;
  std::string shown = bytes.size() <= kMaxShown
                          ? "0x" + ToHex(bytes)
                          : std::to_string(bytes.size()) + " bytes";
  return parent.AddText(std::move(name), std::move(shown), offset, bytes.size(),
                        level);
}

}  // namespace protolm::tls
