// Sentence splitting for RFC prose.
//
// A paragraph arrives as line fragments; the splitter joins them (a word
// hyphenated at a line end is rejoined: "self-" + "organizing"), collapses
// runs of spaces and cuts at '.', '!' and '?' followed by a space and a
// capital, a digit or an opening bracket. It does not cut after
// abbreviations ("e.g.", "i.e.", "et al.", "U.S."), inside numbers and section
// references ("3.1", "6.8.2") or before a lower-case word. Each sentence keeps
// the source line where it starts.
#pragma once

#include <string>
#include <vector>

namespace protolm::spec {

/// A piece of text and the 1-based source line it comes from.
struct LineText {
  std::string text;
  int line = 0;
};

/// Joins `pieces` (consecutive lines of one paragraph, or a paragraph that
/// continues over several blocks) and splits the result into sentences.
/// Returns whitespace-normalised sentences with their starting line.
std::vector<LineText> SplitSentences(const std::vector<LineText>& pieces);

}  // namespace protolm::spec
