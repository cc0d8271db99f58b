// Whether a field tree stays inside its message: what every codec must
// give on any input, and what each codec's fuzz target checks.
#pragma once

#include <cstddef>

#include "proto/field_tree.h"

namespace protolm {

/// True when `root` and every descendant lie inside a message of `size`
/// bytes (offset + length <= size, without overflow).
bool FieldsWithin(const Field& root, size_t size);

}  // namespace protolm
