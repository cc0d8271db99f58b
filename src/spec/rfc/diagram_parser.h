// ASCII-art header diagrams into field layouts.
//
// RFC packet diagrams draw one header row per line band: a bit ruler
// ("0 1 2 ... 9 0 1" or "0      7 8     15"), borders ("+-+-+" with a tick
// per bit, or "+--------+" octet boxes), and "|Name|" cells whose width in
// columns gives their width in bits. ParseDiagram maps columns to bits
// through the ruler and the top border, reads cells row by row (a name may
// span several text lines), merges a field drawn over several rows ("+   +"
// borders), honours width notes ("Reference Timestamp (64 bits)") and marks
// variable-length fields: open trailers ("|  Data ..."), "//" and "\" breaks,
// and composite trailers ("Internet Header + 64 bits of Original Data").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/rfc/page_cleaner.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::spec {

/// Parses the diagram drawn in lines [begin, end). Returns nullopt when the
/// lines draw boxes without a bit scale (protocol stacks, tables) or with
/// no name in any cell (registers). Fields
/// drawn without a name ("0 0 0" bits, empty cells) get an empty name for
/// the caller to resolve. Title, protocol and section are left empty.
/// Irregular rows are reported in `warnings` as "line L: ...".
std::optional<HeaderDiagram> ParseDiagram(const std::vector<SourceLine>& lines,
                                          size_t begin, size_t end,
                                          std::vector<std::string>* warnings);

/// Recomputes bit offsets from widths in order (-1 after a variable field).
void RecomputeOffsets(HeaderDiagram* diagram);

}  // namespace protolm::spec
