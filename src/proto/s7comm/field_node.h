// FieldNode: where an S7 decoder records the fields it reads, or nowhere.
//
// The COTP, S7 and message decoders read every PDU in one pass that yields
// the typed value, the pipeline's facts and the status, and records a field
// tree only when the caller asks for one (FieldMode::kRecord). They record
// through a FieldNode, which wraps a Field that is null when no tree is
// wanted: then every call is a no-op, and the display text of a field (hex,
// names) is not made either, since callers pass it as a callable that runs
// only when recording. So Dissect and the tree-less Inspect run the same
// code and cannot disagree. A node borrows its field; like a Field&, it is
// invalidated when a sibling is added to the field's parent. Not
// thread-safe (one node per decoding).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "proto/field_tree.h"
#include "proto/s7comm/s7_names.h"
#include "util/bytes.h"

namespace protolm::s7comm {

/// What a decoder builds besides the facts (PduInfo) and the status:
/// kRecord the field tree and the typed value, kSkip only the typed value,
/// kFactsOnly neither (the ingest fast path: no copies of the PDU's bytes).
enum class FieldMode : uint8_t { kRecord, kSkip, kFactsOnly };

class FieldNode {
 public:
  /// A node that records nothing.
  FieldNode() = default;
  /// Records into `field` (borrowed), or nothing when it is null.
  explicit FieldNode(Field* field) : field_(field) {}

  bool recording() const { return field_ != nullptr; }
  /// The recorded field, or null.
  Field* field() const { return field_; }

  /// Appends a group field (children follow) and returns its node.
  FieldNode Group(std::string_view name, size_t at, size_t length) const {
    if (field_ == nullptr) return FieldNode();
    Field child;
    child.name = std::string(name);
    child.offset = at;
    child.length = length;
    return FieldNode(&field_->Add(std::move(child)));
  }

  void set_length(size_t length) const {
    if (field_ != nullptr) field_->length = length;
  }

  /// A number shown in decimal.
  void Number(std::string_view name, int64_t v, size_t at, size_t length,
              int level = 0) const {
    if (field_ != nullptr)
      field_->AddNumber(std::string(name), v, at, length, level);
  }

  /// A number shown as "0x" and `digits` hex digits.
  void Hex(std::string_view name, uint64_t v, int digits, size_t at,
           size_t length, int level = 0) const {
    if (field_ == nullptr) return;
    field_
        ->AddNumber(std::string(name), static_cast<int64_t>(v), at, length,
                    level)
        .value = HexText(v, digits);
  }

  /// A number shown as `text()` ("read_var", "db", "success").
  template <typename MakeText>
  void Shown(std::string_view name, int64_t v, size_t at, size_t length,
             int level, MakeText&& text) const {
    if (field_ == nullptr) return;
    field_
        ->AddText(std::string(name), std::forward<MakeText>(text)(), at, length,
                  level)
        .number = v;
  }

  /// Text only, no number.
  template <typename MakeText>
  void Text(std::string_view name, size_t at, size_t length, int level,
            MakeText&& text) const {
    if (field_ != nullptr)
      field_->AddText(std::string(name), std::forward<MakeText>(text)(), at,
                      length, level);
  }

  /// Raw bytes shown as "0x" and lower-case hex.
  void Bytes(std::string_view name, ByteView bytes, size_t at,
             int level = 0) const {
    if (field_ != nullptr)
      field_->AddText(std::string(name), "0x" + ToHex(bytes), at, bytes.size(),
                      level);
  }

 private:
  Field* field_ = nullptr;
};

}  // namespace protolm::s7comm
