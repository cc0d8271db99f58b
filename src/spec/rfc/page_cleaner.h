// Page cleaning: from raw RFC text to the lines that carry content.
//
// RFCs are paginated for line printers: every page ends with a footer
// ("Postel    [Page 3]"), the next starts with a running header
// ("RFC 792    ...    September 1981", sometimes over three lines) and a form
// feed separates them. CleanPages removes all of that, expands tabs, strips
// trailing blanks and rejoins a paragraph that a page break cut in two, while
// every kept line remembers its 1-based line number in the source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm::spec {

/// One line of content and where it came from.
struct SourceLine {
  int number = 0;    // 1-based line number in the original text
  std::string text;  // tabs expanded, no trailing blanks, "" for a blank line
};

/// Splits `text` into lines and removes page furniture. A page break inside a
/// paragraph (the line before it does not end a sentence) leaves no blank
/// line; any other page break leaves exactly one.
/// Errors: Malformed "SOURCE:L:C: control character 0xNN ..." for NUL and
/// other control bytes (tab, CR, LF and form feed are allowed).
Result<std::vector<SourceLine>> CleanPages(std::string_view text,
                                           std::string_view source_name);

/// True for a page footer line: "[Page 3]" alone or beside a short name.
bool IsPageFooter(std::string_view line);

}  // namespace protolm::spec
