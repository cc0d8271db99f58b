// Text blocks of cleaned RFC lines (see text_blocks.h).
#include "spec/rfc/text_blocks.h"

#include "spec/rfc/text_util.h"

namespace protolm::spec {

std::vector<TextBlock> SplitBlocks(const std::vector<SourceLine>& lines) {
  std::vector<TextBlock> blocks;
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].text.empty()) {
      ++i;
      continue;
    }
    TextBlock block;
    block.begin = i;
    block.indent = Indent(lines[i].text);
    while (i < lines.size() && !lines[i].text.empty()) ++i;
    block.end = i;
    blocks.push_back(block);
  }
  return blocks;
}

bool IsBorderLine(std::string_view line) {
  line = Trim(line);
  if (line.size() < 2 || line.front() != '+') return false;
  int plus = 0;
  int dashes = 0;
  for (char c : line) {
    if (c == '+') {
      ++plus;
    } else if (c == '-' || c == '=') {
      ++dashes;
    } else if (c != ' ' && c != '/' && c != '.') {
      return false;
    }
  }
  return plus >= 2 || (plus == 1 && dashes >= 3);
}

bool IsRulerLine(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return false;
  for (char c : line) {
    if (!IsDigit(c) && c != ' ') return false;
  }
  return true;
}

bool IsDiagramBlock(const std::vector<SourceLine>& lines,
                    const TextBlock& block) {
  int borders = 0;
  int cells = 0;
  for (size_t i = block.begin; i < block.end; ++i) {
    std::string_view t = Trim(lines[i].text);
    if (IsBorderLine(t)) {
      ++borders;
    } else if (!t.empty() && (t.front() == '|' || t.front() == '\\')) {
      ++cells;
    }
  }
  return borders >= 1 && cells >= 1 && borders + cells >= 3;
}

}  // namespace protolm::spec
