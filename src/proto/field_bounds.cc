// Field trees inside their message (see field_bounds.h).
#include "proto/field_bounds.h"

namespace protolm {

bool FieldsWithin(const Field& root, size_t size) {
  if (root.offset > size || root.length > size - root.offset) return false;
  for (const Field& child : root.children) {
    if (!FieldsWithin(child, size)) return false;
  }
  return true;
}

}  // namespace protolm
