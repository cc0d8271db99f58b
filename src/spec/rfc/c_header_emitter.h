// C code for header layouts: a struct per diagram with bounds-checked parse
// and serialize functions.
//
// For a diagram named NAME the emitted C99 declares `struct NAME`, the
// constant NAME_MIN_LEN (octets of the fixed fields) and
//   int NAME_parse(const uint8_t *buf, size_t len, struct NAME *out);
//   int NAME_serialize(const struct NAME *in, uint8_t *buf, size_t len);
// parse returns 0, or -1 if `len` is shorter than the fixed fields; variable
// fields point into `buf` (the first takes every octet the fixed fields leave,
// later ones are empty). serialize returns the octets written, or -1 if `buf`
// is too small or a value does not fit its field. Fields are big-endian,
// bit 0 the most significant, as RFC diagrams draw them. Functions are
// `static inline`, so the output can be included as a header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/rfc/rfc_document.h"
#include "util/status.h"

namespace protolm::spec {

/// snake_case C identifier for a name ("Sequence Number" -> "sequence_number");
/// never empty, never a C keyword, never starting with a digit.
std::string CIdentifier(std::string_view name);

/// The struct name of a diagram: protocol and title
/// ("icmp_echo_or_echo_reply_message").
std::string CStructName(const HeaderDiagram& diagram);

/// The C code of one diagram as `struct name` and its functions (the bit
/// helpers EmitC writes first must precede it).
/// Errors: Unsupported when the layout cannot be coded octet-wise: fixed
/// fields that are not a whole number of octets, a variable field not
/// starting on an octet boundary, or a field over 64 bits not whole octets.
Result<std::string> EmitCStruct(const HeaderDiagram& diagram,
                                const std::string& name);

struct CEmission {
  std::string code;                  // a complete C99 file
  std::vector<std::string> skipped;  // one line per diagram left out, and why
};

/// C99 source for `diagrams`: includes, bit helpers, then each diagram that
/// EmitCStruct can code (names made unique in order); the others are listed
/// in `skipped`.
CEmission EmitC(const std::vector<HeaderDiagram>& diagrams,
                std::string_view source_name);

}  // namespace protolm::spec
