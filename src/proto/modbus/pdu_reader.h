// PduReader: reads the fields of one Modbus ADU and records each as a Field.
//
// Decoding and dissection are one pass: every decoder reads through a
// PduReader, which takes bytes from a bounds-checked ByteReader and, when it
// was given a root Field, appends a field with the exact byte range it read.
// So the typed value and the field tree of a message can never disagree, and
// when a decoder stops on a fault the tree holds everything read before it.
// Errors are Truncated (the ADU ends inside a field) or Malformed (counts and
// lengths disagree), one line each: "modbus <what>: truncated at offset 10:
// quantity needs 2 bytes, 1 left". Offsets count from the first MBAP byte.
// A reader borrows the bytes and the root; it is not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proto/field_tree.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::modbus {

class PduReader {
 public:
  /// Reads `adu` from its first byte. `root` may be null (decode only, no
  /// tree); otherwise fields are appended to it, or to the innermost group
  /// opened with Open(). Both are borrowed and must outlive the reader.
  PduReader(ByteView adu, Field* root);
  /// Closes groups a decoder left open when it stopped on a fault, so a
  /// partial tree still has correct group lengths.
  ~PduReader();
  PduReader(const PduReader&) = delete;
  PduReader& operator=(const PduReader&) = delete;

  /// What is being read, for error messages ("read_coils request").
  void set_context(std::string context) { context_ = std::move(context); }

  /// Whether fields are being recorded (a root was given).
  bool recording() const { return !groups_.empty(); }

  size_t offset() const { return in_.offset(); }
  size_t remaining() const { return in_.remaining(); }

  /// One byte / one big-endian 16-bit number, recorded as a number field.
  Result<uint8_t> U8(std::string_view name, int level);
  Result<uint16_t> U16(std::string_view name, int level);
  /// `n` raw bytes, recorded with a lower-case hex value.
  Result<ByteView> Hex(std::string_view name, size_t n, int level);
  /// `n` bytes of text, recorded with printable ASCII kept and every other
  /// byte (space included, so values stay single tokens) written as \xHH.
  Result<ByteView> Text(std::string_view name, size_t n, int level);
  /// `count` big-endian registers, recorded as one field `name` whose value
  /// is the comma-joined decimals ("555,0,100"), with one level-0 child
  /// `element` per register.
  Result<std::vector<uint16_t>> Registers(std::string_view name,
                                          std::string_view element,
                                          size_t count, int level);

  /// The field recorded last, to refine its display (null when not
  /// recording or before the first read). Valid until the next read.
  Field* last_field() const { return last_; }

  /// Opens a group field (a sub-request, an object) at the current offset;
  /// fields read until the matching Close() become its children and its
  /// length covers them. Groups nest.
  void Open(std::string_view name);
  void Close();

  /// Malformed unless exactly `announced` bytes are left: the count field
  /// `field` (value `announced`, read at `field_offset`) must match the bytes
  /// that the MBAP length leaves for the data.
  Status ExpectRemaining(size_t field_offset, std::string_view field,
                         size_t announced) const;
  /// Malformed if bytes are left after the PDU's last field.
  Status ExpectEnd() const;
  /// A Malformed status for the field at `at`: "modbus <context>: malformed
  /// at offset <at>: <detail>".
  Status MalformedAt(size_t at, std::string_view detail) const;

 private:
  Status TruncatedAt(std::string_view name, size_t need) const;
  Field* Record(std::string_view name, std::string value, size_t at,
                size_t length, int level);

  ByteReader in_;
  std::vector<Field*> groups_;  // innermost last; empty when not recording
  std::vector<size_t> group_starts_;
  Field* last_ = nullptr;
  std::string context_ = "ADU";
};

}  // namespace protolm::modbus
