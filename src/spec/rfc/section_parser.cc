// Section headings (see section_parser.h).
#include "spec/rfc/section_parser.h"

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr size_t kMaxHeadingChars = 80;
constexpr size_t kMaxUnnumberedWords = 8;

bool LooksLikeTocEntry(std::string_view title) {
  if (title.find("....") != std::string_view::npos) return true;
  // "UDP Header Format          43": a page number after a wide gap.
  size_t gap = title.rfind("  ");
  if (gap == std::string_view::npos) return false;
  std::string_view tail = Trim(title.substr(gap));
  return !tail.empty() && tail.size() <= 4 &&
         (ParseDecimal(tail) ||
          tail.find_first_not_of("ivxlc") == std::string_view::npos);
}

bool IsUnderline(std::string_view line) {
  line = Trim(line);
  if (line.size() < 3) return false;
  for (char c : line) {
    if (c != '-' && c != '=') return false;
  }
  return true;
}

// "Appendix B.  Title", "APPENDIX I. TITLE", "APPENDIX A:  Title".
std::optional<HeadingText> ParseAppendixHeading(std::string_view line) {
  std::vector<std::string_view> words = SplitWords(line);
  if (words.size() < 3 || !EqualsIgnoreCase(words[0], "appendix")) {
    return std::nullopt;
  }
  std::string_view label = words[1];
  if (label.back() != '.' && label.back() != ':') return std::nullopt;
  label.remove_suffix(1);
  if (label.empty() || label.size() > 4) return std::nullopt;
  for (char c : label) {
    if (!IsUpper(c) && !IsDigit(c)) return std::nullopt;
  }
  size_t title_at = static_cast<size_t>(words[2].data() - line.data());
  HeadingText heading;
  heading.number = "Appendix " + std::string(label);
  heading.title = CollapseSpaces(line.substr(title_at));
  heading.level = 1;
  return heading;
}

}  // namespace

std::optional<HeadingText> ParseNumberedHeading(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > kMaxHeadingChars) return std::nullopt;
  if (LooksLikeTocEntry(line)) return std::nullopt;
  std::optional<HeadingText> heading;
  if (IsDigit(line.front())) {
    size_t i = 0;
    int level = 0;
    while (i < line.size() && IsDigit(line[i])) {
      size_t start = i;
      while (i < line.size() && IsDigit(line[i])) ++i;
      if (i - start > 3) return std::nullopt;
      ++level;
      if (i < line.size() && line[i] == '.') {
        ++i;
      } else {
        break;
      }
    }
    std::string number(line.substr(0, i));
    if (!number.empty() && number.back() == '.') number.pop_back();
    // A single number needs its dot ("3. Title"), else it is prose ("17 is").
    if (level == 1 && line.substr(0, i).back() != '.') return std::nullopt;
    if (i >= line.size() || line[i] != ' ') return std::nullopt;
    std::string_view title = Trim(line.substr(i));
    if (title.empty() || !IsAlpha(title.front())) return std::nullopt;
    heading = HeadingText{number, CollapseSpaces(title), level};
  } else {
    heading = ParseAppendixHeading(line);
  }
  if (!heading) return std::nullopt;
  char last = heading->title.back();
  if (last == ',' || last == ';') return std::nullopt;
  return heading;
}

SectionLayout FindSections(const std::vector<SourceLine>& lines,
                           const std::vector<TextBlock>& blocks) {
  SectionLayout layout;
  layout.heading_of_block.assign(blocks.size(), -1);
  layout.section_of_block.assign(blocks.size(), -1);

  // Underlined headings mean prose may start at column 0, so an unnumbered
  // line there is only a heading when underlined.
  bool underline_style = false;
  for (const TextBlock& b : blocks) {
    if (b.size() == 2 && b.indent == 0 &&
        IsUnderline(lines[b.begin + 1].text)) {
      underline_style = true;
    }
  }

  int last_numbered_level = 0;
  std::vector<int> open;  // indexes of the sections holding the next one
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    const TextBlock& b = blocks[bi];
    std::string_view first = lines[b.begin].text;
    std::optional<HeadingText> heading;
    bool underlined = b.size() == 2 && IsUnderline(lines[b.begin + 1].text);
    if (b.size() == 1 || underlined) {
      heading = ParseNumberedHeading(first);
      // Numbered headings sit at column 0 or are centered.
      if (heading && b.indent != 0 && b.indent < 10) heading.reset();
    }
    if (!heading && b.indent == 0 &&
        (underlined || (!underline_style && b.size() == 1))) {
      std::string_view title = Trim(first);
      char last = title.empty() ? '.' : title.back();
      if (title.size() <= kMaxHeadingChars && IsUpper(title.front()) &&
          last != '.' && last != ',' && last != ';' && last != ':' &&
          SplitWords(title).size() <= kMaxUnnumberedWords &&
          !LooksLikeTocEntry(title) && bi + 1 < blocks.size()) {
        heading = HeadingText{"", CollapseSpaces(title), 0};
      }
    }
    if (underlined && !heading && layout.sections.empty() &&
        layout.title.empty()) {
      layout.title = CollapseSpaces(first);
    }
    if (!heading) continue;

    Section s;
    s.number = heading->number;
    s.title = heading->title;
    s.id = s.number.empty() ? s.title : s.number;
    s.line = lines[b.begin].number;
    if (heading->level > 0) {
      s.level = heading->level;
      last_numbered_level = s.level;
    } else {
      // Unnumbered: a child of the nearest numbered heading unless written
      // in capitals like a top-level heading.
      bool all_caps = true;
      for (char c : s.title) all_caps = all_caps && !IsLower(c);
      s.level =
          (last_numbered_level > 0 && !all_caps) ? last_numbered_level + 1 : 1;
    }
    // The open sections, outermost first: the parent is the innermost one
    // above this level.
    while (!open.empty() && layout.sections[open.back()].level >= s.level) {
      open.pop_back();
    }
    s.parent = open.empty() ? -1 : open.back();
    open.push_back(static_cast<int>(layout.sections.size()));
    layout.heading_of_block[bi] = static_cast<int>(layout.sections.size());
    layout.sections.push_back(std::move(s));
  }

  // Ranges: a section ends where the next heading of its level or above
  // starts.
  int last_line = lines.empty() ? 0 : lines.back().number;
  std::vector<int> unended;  // sections whose end is not known yet
  for (size_t k = 0; k < layout.sections.size(); ++k) {
    Section& next = layout.sections[k];
    while (!unended.empty() &&
           layout.sections[unended.back()].level >= next.level) {
      layout.sections[unended.back()].end_line = next.line - 1;
      unended.pop_back();
    }
    unended.push_back(static_cast<int>(k));
  }
  for (int k : unended) layout.sections[k].end_line = last_line;
  int current = -1;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    if (layout.heading_of_block[bi] >= 0) current = layout.heading_of_block[bi];
    layout.section_of_block[bi] = current;
  }

  // Title: the first centered line of the front matter that is not a date.
  if (layout.title.empty()) {
    for (size_t bi = 0; bi < blocks.size(); ++bi) {
      if (layout.section_of_block[bi] >= 0) break;
      for (size_t i = blocks[bi].begin; i < blocks[bi].end; ++i) {
        int indent = Indent(lines[i].text);
        std::string_view t = Trim(lines[i].text);
        if (indent < 10 || indent > 40 || t.size() < 4) continue;
        bool has_digit = false;
        for (char c : t) has_digit = has_digit || IsDigit(c);
        if (has_digit && t.find("Protocol") == std::string_view::npos) continue;
        layout.title = CollapseSpaces(t);
        break;
      }
      if (!layout.title.empty()) break;
    }
  }
  return layout;
}

}  // namespace protolm::spec
