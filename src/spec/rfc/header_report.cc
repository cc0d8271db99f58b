// Header layouts as text and JSON (see header_report.h).
#include "spec/rfc/header_report.h"

#include <cstdio>

#include "spec/rfc/text_util.h"

namespace protolm::spec {

std::vector<HeaderDiagram> SelectDiagrams(
    const std::vector<HeaderDiagram>& diagrams, std::string_view text) {
  std::vector<HeaderDiagram> out;
  std::string needle = ToLower(text);
  for (const HeaderDiagram& d : diagrams) {
    if (needle.empty() || ToLower(d.title).find(needle) != std::string::npos ||
        ToLower(d.section).find(needle) != std::string::npos ||
        ToLower(d.protocol) == needle) {
      out.push_back(d);
    }
  }
  return out;
}

std::string RenderDiagrams(const std::vector<HeaderDiagram>& diagrams) {
  std::string out;
  for (const HeaderDiagram& d : diagrams) {
    if (!out.empty()) out.push_back('\n');
    out += d.title;
    if (!d.protocol.empty()) out += " [" + d.protocol + "]";
    out +=
        " (section " + d.section + ", line " + std::to_string(d.line) + ")\n";
    out += "     bit  width  name\n";
    for (const DiagramField& f : d.fields) {
      char row[64];
      std::string offset =
          f.bit_offset < 0 ? "?" : std::to_string(f.bit_offset);
      std::string width = f.bit_width < 0 ? "var" : std::to_string(f.bit_width);
      std::snprintf(row, sizeof row, "  %6s  %5s  ", offset.c_str(),
                    width.c_str());
      out += row + f.name;
      if (f.fixed_value) out += " = " + std::to_string(*f.fixed_value);
      out.push_back('\n');
    }
  }
  return out;
}

nlohmann::json DiagramsToJson(const std::vector<HeaderDiagram>& diagrams) {
  nlohmann::json out = nlohmann::json::array();
  for (const HeaderDiagram& d : diagrams) {
    nlohmann::json fields = nlohmann::json::array();
    for (const DiagramField& f : d.fields) {
      nlohmann::json field = {{"name", f.name},
                              {"bit_offset", f.bit_offset},
                              {"bit_width", f.bit_width}};
      if (f.fixed_value) field["fixed_value"] = *f.fixed_value;
      fields.push_back(std::move(field));
    }
    out.push_back({{"title", d.title},
                   {"protocol", d.protocol},
                   {"section", d.section},
                   {"line", d.line},
                   {"fields", std::move(fields)}});
  }
  return out;
}

}  // namespace protolm::spec
