// How the TLS dissectors read: bounded cursors that locate their faults.
//
// A framed TLS unit may carry one handshake message in pieces of several
// records, so the dissectors read a reassembled stream (the record bodies
// joined) rather than the unit itself. UnitMap says where each stream byte
// lies in the unit; Cursor reads big-endian integers and length-prefixed
// vectors from a region of the stream, and every fault it reports names the
// field and the unit offset it starts at ("tls: client_hello.cipher_suites:
// 2-byte length runs past the end at offset 47"). Trees are built in stream
// offsets and moved to unit offsets once, by UnitMap::Remap. The helpers at
// the end build the fields every dissector adds. Not thread-safe (one per
// dissection).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proto/field_tree.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

/// Stream offsets to unit offsets: the stream is the concatenation of
/// pieces, each a run of unit bytes.
class UnitMap {
 public:
  /// The next `length` stream bytes are the unit's bytes from `unit_offset`.
  void Append(size_t unit_offset, size_t length);
  /// The unit offset of stream byte `stream_offset` (the end of the last
  /// piece for the stream's end).
  size_t ToUnit(size_t stream_offset) const;
  /// Rewrites the offsets and lengths of `tree` (in stream offsets) into
  /// unit offsets; a field that spans pieces covers the headers between.
  void Remap(Field& tree) const;

 private:
  struct Piece {
    size_t stream = 0;
    size_t unit = 0;
    size_t length = 0;
  };
  std::vector<Piece> pieces_;
  size_t stream_size_ = 0;
};

/// A bounded region of the stream. After a failed read the dissection stops:
/// where the cursor stands then is unspecified.
class Cursor {
 public:
  /// `bytes` start at stream offset `origin`; `map` (borrowed) locates faults.
  Cursor(ByteView bytes, size_t origin, const UnitMap& map)
      : in_(bytes), origin_(origin), map_(&map) {}

  /// Stream offset of the next byte.
  size_t at() const { return origin_ + in_.offset(); }
  size_t remaining() const { return in_.remaining(); }
  bool empty() const { return in_.empty(); }

  /// A big-endian unsigned integer of 1 to 4 bytes. Error: Truncated.
  Result<uint32_t> Uint(std::string_view field, size_t width);
  /// The next `n` bytes. Error: Truncated.
  Result<ByteView> Take(std::string_view field, size_t n);
  /// A vector with a `width`-byte length prefix: a cursor over its body.
  /// Error: Truncated when the prefix or the body runs past the region.
  Result<Cursor> Vector(std::string_view field, size_t width);
  /// Everything not read yet.
  ByteView Rest() { return in_.TakeRest(); }

  /// "tls: FIELD: WHAT at offset N" with the unit offset of stream byte
  /// `stream_at`.
  Status Fault(StatusCode code, std::string_view field, size_t stream_at,
               std::string_view what) const;
  /// Malformed naming `field` when bytes are left over.
  Status ExpectEnd(std::string_view field) const;

 private:
  ByteReader in_;
  size_t origin_;
  const UnitMap* map_;
};

/// A number of `width` bytes read from `in`, shown in decimal.
Status ReadNumber(Cursor& in, std::string_view field, size_t width,
                  Field& into);
/// Bytes with a `prefix`-byte length read from `in`, shown as AddBytes does.
Status ReadOpaque(Cursor& in, std::string_view field, size_t prefix,
                  Field& into);

/// A number of `width` bytes read from `in`, shown as `shown(number)`.
template <typename Name>
Status ReadCode(Cursor& in, std::string_view field, size_t width, Name shown,
                int level, Field& into);
/// A list with a `prefix`-byte length of `width`-byte codes, each shown by
/// `shown`, as the children of a `list_name` field.
template <typename Name>
Status ReadCodeList(Cursor& in, std::string_view list_name, size_t prefix,
                    std::string_view item, size_t width, Name shown, int level,
                    Field& into);

/// A field that groups others, without a value.
Field Group(std::string name, size_t offset, size_t length);
/// A number shown as `shown` ("client_hello", "TLSv1.2").
Field& AddCode(Field& parent, std::string name, int64_t number,
               std::string shown, size_t offset, size_t length, int level = 0);
/// Bytes shown as hex (up to 64 of them) or as "N bytes".
Field& AddBytes(Field& parent, std::string name, ByteView bytes, size_t offset,
                int level = 0);

template <typename Name>
Status ReadCode(Cursor& in, std::string_view field, size_t width, Name shown,
                int level, Field& into) {
  const size_t at = in.at();
  ASSIGN_OR_RETURN(uint32_t value, in.Uint(field, width));
  AddCode(into, std::string(field), value, shown(value), at, width, level);
  return Status::Ok();
}

template <typename Name>
Status ReadCodeList(Cursor& in, std::string_view list_name, size_t prefix,
                    std::string_view item, size_t width, Name shown, int level,
                    Field& into) {
  const size_t start = in.at();
  ASSIGN_OR_RETURN(Cursor list, in.Vector(list_name, prefix));
  Field& group = into.Add(Group(std::string(list_name), start,
                                prefix + list.remaining()));
  while (!list.empty())
    RETURN_IF_ERROR(ReadCode(list, item, width, shown, level, group));
  return Status::Ok();
}

}  // namespace protolm::tls
