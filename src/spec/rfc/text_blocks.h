// Text blocks: the runs of non-blank lines that RFC layout is made of.
//
// After page cleaning, a blank line separates every paragraph, label, list
// item, diagram and table. The reader's passes look at a block's first line
// and its indentation to decide what it is; TextBlock is that view. Blocks
// borrow nothing: they index the line vector they were split from.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "spec/rfc/page_cleaner.h"

namespace protolm::spec {

struct TextBlock {
  size_t begin = 0;  // index of the first line in the line vector
  size_t end = 0;    // one past the last line
  int indent = 0;    // indentation of the first line
  size_t size() const { return end - begin; }
};

/// Maximal runs of non-blank lines, in order.
std::vector<TextBlock> SplitBlocks(const std::vector<SourceLine>& lines);

/// True for a diagram border line: "+-+-+", "+--------+--//--+", "+    +".
bool IsBorderLine(std::string_view line);

/// True for a bit ruler line: digits separated by spaces only.
bool IsRulerLine(std::string_view line);

/// True if the block draws a header diagram (borders and '|' cells).
bool IsDiagramBlock(const std::vector<SourceLine>& lines,
                    const TextBlock& block);

}  // namespace protolm::spec
