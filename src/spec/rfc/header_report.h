// Header layouts for people and programs: the text table and the JSON that
// `protolm spec headers` prints, and the diagram filter it applies.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "spec/rfc/rfc_document.h"

namespace protolm::spec {

/// Diagrams whose title, section or protocol contains `text`
/// (case-insensitive); all of them when `text` is empty.
std::vector<HeaderDiagram> SelectDiagrams(
    const std::vector<HeaderDiagram>& diagrams, std::string_view text);

/// One block per diagram: a title line, then "bit  width  name" rows
/// ("var" for variable widths, "?" for offsets after a variable field).
std::string RenderDiagrams(const std::vector<HeaderDiagram>& diagrams);

/// [{"title", "protocol", "section", "line", "fields": [{"name",
/// "bit_offset", "bit_width", "fixed_value"?}]}]; -1 marks variable width
/// or an offset that depends on it.
nlohmann::json DiagramsToJson(const std::vector<HeaderDiagram>& diagrams);

}  // namespace protolm::spec
