// Field trees: what a codec makes of one message.
//
// A dissected message is a tree of named fields, each with a display value, the
// number it holds (where it is a number) and the byte range it covers in the
// message. The same tree turns messages into tokens for models: each field has
// an abstraction level, and Abstract(tree, depth) joins the fields whose level
// is at most `depth` ("modbus.req fc=3" at depth 2, "modbus.req fc=3 addr=0
// qty=2" at depth 3). A tree owns its children; it is a plain value, safe to
// copy and to read from several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace protolm {

struct Field {
  std::string name;               // short snake_case name: "function_code"
  std::string value;              // display value: "3", "0x0001", "read_var"
  std::optional<int64_t> number;  // the numeric value, where the field is one
  size_t offset = 0;              // first byte, relative to the message start
  size_t length = 0;              // bytes covered (0 for derived fields)
  int level = 0;  // abstraction level; 0 = never part of a token
  std::vector<Field> children;

  /// Appends a child and returns it (for building trees top-down).
  Field& Add(Field child);
  /// Appends a numeric child: value is the decimal text of `n`.
  Field& AddNumber(std::string name, int64_t n, size_t offset, size_t length,
                   int level = 0);
  /// Appends a text child.
  Field& AddText(std::string name, std::string value, size_t offset,
                 size_t length, int level = 0);

  /// The first descendant (depth-first, pre-order) with this name; a dotted
  /// path "pdu.items.item" descends one name per component.
  const Field* Find(std::string_view path) const;
  /// The numeric value at `path`, if the field exists and is a number.
  std::optional<int64_t> NumberAt(std::string_view path) const;
};

/// Token of `root` at `depth`: the root's name, then "name=value" for every
/// descendant whose level is between 1 and depth, in tree order, space-joined.
std::string Abstract(const Field& root, int depth);

/// Indented text rendering, one field per line: "name = value [offset+length]".
std::string RenderTree(const Field& root);

/// {"name","value","number"?,"offset","length","children"?} recursively.
nlohmann::json TreeToJson(const Field& root);

}  // namespace protolm
