// Section headings of an RFC and the front matter before them.
//
// Three heading styles occur in the RFCs protolm reads: numbered headings
// ("3.1.  Internet Header Format", "APPENDIX I. ...", sometimes centered),
// unnumbered headings at column 0 ("Destination Unreachable Message") in
// documents whose prose is indented, and underlined headings ("Format" over
// "------") in documents whose prose starts at column 0. Table-of-contents
// entries (dot leaders, trailing page numbers) are not headings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/rfc/rfc_document.h"
#include "spec/rfc/text_blocks.h"

namespace protolm::spec {

/// A heading read from one line.
struct HeadingText {
  std::string number;  // "3.1", "Appendix I" or ""
  std::string title;
  int level = 1;  // depth of the number (1 for "3." and appendices)
};

/// Parses a numbered heading ("3.1.  Title", "Appendix B.  Title");
/// nullopt for anything else, table-of-contents entries included.
std::optional<HeadingText> ParseNumberedHeading(std::string_view line);

/// The headings of a document and what precedes the first one.
struct SectionLayout {
  std::vector<Section> sections;
  /// For each block: index into `sections` if the block is that heading.
  std::vector<int> heading_of_block;
  /// For each block: index of the innermost section holding it, -1 before
  /// the first heading (front matter).
  std::vector<int> section_of_block;
  std::string title;  // document title from the front matter, or ""
};

/// Finds headings among `blocks`, nests them and fills section ranges.
SectionLayout FindSections(const std::vector<SourceLine>& lines,
                           const std::vector<TextBlock>& blocks);

}  // namespace protolm::spec
