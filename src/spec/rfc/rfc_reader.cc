// ReadRfc: the passes of the RFC reader put together (see rfc_document.h).
//
// Pages are cleaned, lines grouped into blocks, headings found; then one walk
// over the blocks classifies each (diagram, caption, table, label, value
// list, list item, prose), tracks the context and emits sentences. Diagram
// fields drawn without a name or marked "variable" in their description are
// resolved at the end, when every label of the section is known.
#include <algorithm>
#include <array>
#include <limits>

#include "spec/rfc/context_tracker.h"
#include "spec/rfc/diagram_parser.h"
#include "spec/rfc/page_cleaner.h"
#include "spec/rfc/rfc_document.h"
#include "spec/rfc/section_parser.h"
#include "spec/rfc/sentence_splitter.h"
#include "spec/rfc/text_blocks.h"
#include "spec/rfc/text_util.h"
#include "spec/rfc/value_list.h"

namespace protolm::spec {
namespace {

constexpr int kCaptionIndent = 12;
constexpr size_t kCaptionChars = 60;
constexpr size_t kMaxLabelChars = 80;
constexpr size_t kMaxGroupLabelWords = 3;
constexpr int kTableGap = 5;
// Descriptions searched for a diagram's fields (RFC 791 describes Padding 40
// labels after its header diagram).
constexpr size_t kMaxLabelsPerDiagram = 512;

bool IsSkippedTitle(std::string_view title) {
  static constexpr std::array<std::string_view, 9> kSkipped = {
      "references",          "table of contents", "author's address",
      "authors' addresses",  "acknowledgments",   "acknowledgements",
      "status of this memo", "contents",          "authors addresses"};
  std::string lower = ToLower(title);
  for (std::string_view s : kSkipped) {
    if (lower == s) return true;
  }
  return false;
}

bool EndsWithTerminator(std::string_view text) {
  text = Trim(text);
  while (!text.empty() && (text.back() == ')' || text.back() == '"')) {
    text.remove_suffix(1);
  }
  if (text.empty()) return false;
  char c = text.back();
  return c == '.' || c == '!' || c == '?' || c == ':';
}

bool HasWideGap(std::string_view line) {
  std::string_view t = Trim(line);
  size_t run = 0;
  for (char c : t) {
    run = c == ' ' ? run + 1 : 0;
    if (run >= static_cast<size_t>(kTableGap)) return true;
  }
  return false;
}

// "- item", "* item", "o item", "1. item", "(a) item": the marker's length.
size_t ListMarkerLength(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.size() > 2 && (t[0] == '-' || t[0] == '*' || t[0] == 'o') &&
      t[1] == ' ') {
    return 2;
  }
  size_t i = 0;
  bool paren = i < t.size() && t[i] == '(';
  if (paren) ++i;
  size_t start = i;
  while (i < t.size() && (IsDigit(t[i]) || (paren && IsLower(t[i])))) ++i;
  if (i == start || i - start > 2 || i >= t.size()) return 0;
  if (paren ? t[i] != ')' : (t[i] != '.' && t[i] != ')')) return 0;
  ++i;
  if (i >= t.size() || t[i] != ' ') return 0;
  return i + 1;
}

struct LabelSeen {
  std::string text;  // the label line, trimmed ("Options:  variable")
  int indent = 0;
  int section = -1;
  int line = 0;
};

class Reader {
 public:
  Reader(std::vector<SourceLine> lines, std::string source)
      : lines_(std::move(lines)) {
    doc_.source = std::move(source);
  }

  RfcDocument Run() {
    blocks_ = SplitBlocks(lines_);
    layout_ = FindSections(lines_, blocks_);
    doc_.sections = layout_.sections;
    doc_.title = layout_.title;
    std::string body;
    for (const SourceLine& l : lines_) {
      body += l.text;
      body.push_back(' ');
    }
    doc_.protocol = ProtocolFromTitle(doc_.title, CollapseSpaces(body));
    ComputeSectionContexts();
    for (size_t bi = 0; bi < blocks_.size(); ++bi) ReadBlock(bi);
    FlushProse();
    ResolveDiagrams();
    return std::move(doc_);
  }

 private:
  void ComputeSectionContexts() {
    for (size_t k = 0; k < doc_.sections.size(); ++k) {
      const Section& s = doc_.sections[k];
      std::string message = HeadingNamesMessage(s.title) ? s.title : "";
      std::string protocol = ProtocolFromHeading(s.title, !message.empty());
      bool skipped = IsSkippedTitle(s.title);
      if (s.parent >= 0) {
        if (protocol.empty()) protocol = section_protocol_[s.parent];
        if (message.empty()) message = section_message_[s.parent];
        skipped = skipped || section_skipped_[s.parent];
      }
      if (protocol.empty()) protocol = doc_.protocol;
      section_protocol_.push_back(protocol);
      section_message_.push_back(message);
      section_skipped_.push_back(skipped);
    }
  }

  std::string_view FirstLine(size_t bi) const {
    return Trim(lines_[blocks_[bi].begin].text);
  }

  void ReadBlock(size_t bi) {
    const TextBlock& b = blocks_[bi];
    int heading = layout_.heading_of_block[bi];
    if (heading >= 0) {
      FlushProse();
      section_ = heading;
      tracker_.EnterSection(section_protocol_[heading],
                            section_message_[heading]);
      after_diagram_ = false;
      return;
    }
    if (section_ < 0 || section_skipped_[section_]) return;
    if (IsDiagramBlock(lines_, b)) {
      FlushProse();
      ReadDiagram(b);
      return;
    }
    if (after_diagram_ && IsCaption(b)) {
      std::string_view text = FirstLine(bi);
      if (text.substr(0, 6) != "Figure" && !caption_taken_) {
        doc_.diagrams.back().title = CollapseSpaces(text);
        caption_taken_ = true;
      }
      return;
    }
    after_diagram_ = false;
    if (IsTable(b)) {
      FlushProse();
      return;
    }
    std::string_view first = FirstLine(bi);
    if (!pending_.empty() && IsLower(first.front())) {
      AppendProse(b, 0);
      return;
    }
    FlushProse();
    tracker_.CloseLabels(b.indent);
    if (IsGroupLabel(bi)) {
      std::string protocol = ProtocolFromHeading(first, true);
      if (protocol.empty()) protocol = section_protocol_[section_];
      tracker_.SetGroupProtocol(protocol);
      return;
    }
    if (IsLabel(bi)) {
      std::string name = LabelIsField(first) ? LabelName(first) : "";
      // A field drawn in this section's diagram is of the section's
      // protocol, whatever group label came before ("IP Fields:" over Type).
      if (!name.empty() && DiagramOfSectionHas(name)) {
        tracker_.SetGroupProtocol(section_protocol_[section_]);
      }
      tracker_.PushLabel(b.indent, name);
      labels_.push_back(
          {std::string(first), b.indent, section_, lines_[b.begin].number});
      return;
    }
    if (ReadValueList(b)) return;
    size_t marker = ListMarkerLength(first);
    pending_kind_ = marker > 0 ? SentenceKind::kListItem : SentenceKind::kProse;
    pending_context_ = tracker_.ContextFor("");
    std::string field = FieldNamedAtStart(first);
    if (!field.empty()) pending_context_.field = field;
    AppendProse(b, marker);
  }

  bool IsCaption(const TextBlock& b) const {
    if (b.size() > 2 || b.indent < kCaptionIndent) return false;
    for (size_t i = b.begin; i < b.end; ++i) {
      if (Trim(lines_[i].text).size() > kCaptionChars) return false;
    }
    return true;
  }

  // Tables and line drawings (state diagrams) carry no sentences.
  bool IsTable(const TextBlock& b) const {
    if (b.size() < 2) return false;
    size_t drawn = 0;
    for (size_t i = b.begin; i < b.end; ++i) {
      const std::string& t = lines_[i].text;
      if (t.find('|') != std::string::npos ||
          t.find("___") != std::string::npos ||
          t.find("-->") != std::string::npos ||
          t.find("<--") != std::string::npos) {
        ++drawn;
      }
    }
    if (drawn * 2 >= b.size()) return true;
    bool all_gaps = true;
    for (size_t i = b.begin; i < b.end; ++i) {
      std::string_view t = Trim(lines_[i].text);
      if (t.size() >= 3 &&
          t.find_first_not_of("-=") == std::string_view::npos) {
        return true;
      }
      all_gaps = all_gaps && HasWideGap(t);
    }
    bool values = true;
    for (size_t i = b.begin; i < b.end; ++i) {
      values = values && ParseValueItem(lines_[i].text).has_value();
    }
    return all_gaps && !values;
  }

  // "IP Fields:": a short line ending in ':' over labels at its own indent.
  bool IsGroupLabel(size_t bi) const {
    const TextBlock& b = blocks_[bi];
    std::string_view t = FirstLine(bi);
    if (b.size() != 1 || t.back() != ':') return false;
    if (SplitWords(t).size() > kMaxGroupLabelWords) return false;
    return bi + 1 < blocks_.size() && blocks_[bi + 1].indent <= b.indent + 1 &&
           layout_.heading_of_block[bi + 1] < 0;
  }

  // "Checksum", "Version:  4 bits": a line whose description is indented
  // below it and starts with a capital or a number.
  bool IsLabel(size_t bi) const {
    const TextBlock& b = blocks_[bi];
    std::string_view t = FirstLine(bi);
    if (b.size() != 1 || t.size() > kMaxLabelChars) return false;
    char last = t.back();
    if (last == '.' || last == ',' || last == ';' || last == ':') return false;
    if (bi + 1 >= blocks_.size() || layout_.heading_of_block[bi + 1] >= 0) {
      return false;
    }
    const TextBlock& next = blocks_[bi + 1];
    if (next.indent <= b.indent) return false;
    return !IsLower(FirstLine(bi + 1).front());
  }

  bool ReadValueList(const TextBlock& b) {
    std::vector<ValueItem> items;
    for (size_t i = b.begin; i < b.end; ++i) {
      std::optional<ValueItem> item = ParseValueItem(lines_[i].text);
      if (!item) return false;
      items.push_back(std::move(*item));
    }
    for (size_t k = 0; k < items.size(); ++k) {
      const SourceLine& line = lines_[b.begin + k];
      SentenceContext context = tracker_.ContextFor(line.text);
      ValueDefinition v;
      v.protocol = context.protocol;
      v.message = context.message;
      v.field = context.field;
      v.value = items[k].value;
      v.low = items[k].low;
      v.high = items[k].high;
      v.meaning = items[k].meaning;
      v.line = line.number;
      doc_.values.push_back(v);
      if (items[k].meaning.empty()) continue;  // a bare value is no sentence
      std::string text = CollapseSpaces(line.text);
      while (!text.empty() &&
             (text.back() == ';' || text.back() == '.' || text.back() == ',')) {
        text.pop_back();
      }
      doc_.sentences.push_back({SectionId(), text, context, line.number,
                                SentenceKind::kValueDefinition});
    }
    return true;
  }

  bool DiagramOfSectionHas(std::string_view field) const {
    if (doc_.diagrams.empty() || diagram_section_ != section_) return false;
    for (const DiagramField& f : doc_.diagrams.back().fields) {
      if (EqualsIgnoreCase(f.name, field)) return true;
    }
    return false;
  }

  // RFC 768 style: "Source Port is an optional field, ..." names its field.
  std::string FieldNamedAtStart(std::string_view text) const {
    if (doc_.diagrams.empty()) return "";
    std::string lower = ToLower(CollapseSpaces(text));
    std::string best;
    for (const DiagramField& f : doc_.diagrams.back().fields) {
      std::string name = ToLower(f.name);
      if (name.empty() || name.size() <= best.size()) continue;
      if (lower.substr(0, name.size()) != name) continue;
      std::string_view rest = Trim(std::string_view(lower).substr(name.size()));
      if (rest.substr(0, 3) == "is " || rest.substr(0, 4) == "has ") {
        best = f.name;
      }
    }
    return best;
  }

  void AppendProse(const TextBlock& b, size_t marker) {
    for (size_t i = b.begin; i < b.end; ++i) {
      std::string text = lines_[i].text;
      if (i == b.begin && marker > 0) {
        text = std::string(Trim(text).substr(marker));
      }
      pending_.push_back({std::move(text), lines_[i].number});
    }
    if (EndsWithTerminator(lines_[b.end - 1].text)) FlushProse();
  }

  void FlushProse() {
    if (pending_.empty()) return;
    for (LineText& s : SplitSentences(pending_)) {
      SentenceContext context = pending_context_;
      context.role = InferRole(s.text);
      doc_.sentences.push_back(
          {SectionId(), std::move(s.text), context, s.line, pending_kind_});
      pending_kind_ = SentenceKind::kProse;  // only the first is the item
    }
    pending_.clear();
  }

  std::string SectionId() const {
    return section_ < 0 ? "" : doc_.sections[section_].id;
  }

  void ReadDiagram(const TextBlock& b) {
    std::optional<HeaderDiagram> d =
        ParseDiagram(lines_, b.begin, b.end, &doc_.warnings);
    if (!d) return;
    d->section = SectionId();
    d->protocol = tracker_.protocol();
    std::string field = tracker_.CurrentField();
    d->title = !field.empty()                ? field
               : !tracker_.message().empty() ? tracker_.message()
                                             : doc_.sections[section_].title;
    doc_.diagrams.push_back(std::move(*d));
    diagram_sections_.push_back(section_);
    diagram_section_ = section_;
    after_diagram_ = true;
    caption_taken_ = false;
  }

  // Names the unnamed cells after the field descriptions that follow the
  // diagram and marks fields whose description says "variable".
  void ResolveDiagrams() {
    auto matches = [](const LabelSeen& label, const std::string& field) {
      if (field.empty()) return false;
      std::string name = LabelName(label.text);
      return EqualsIgnoreCase(name, field) ||
             ToLower(name).find("(" + ToLower(field) + ")") !=
                 std::string::npos;
    };
    for (size_t d = 0; d < doc_.diagrams.size(); ++d) {
      HeaderDiagram& diagram = doc_.diagrams[d];
      int section = diagram_sections_[d];
      int next_line =
          d + 1 < doc_.diagrams.size() && diagram_sections_[d + 1] == section
              ? doc_.diagrams[d + 1].line
              : std::numeric_limits<int>::max();
      std::vector<LabelSeen> in_section;  // later labels of the section
      std::vector<LabelSeen> own;  // top-level labels before the next diagram
      auto first = std::lower_bound(
          labels_.begin(), labels_.end(), diagram.line,
          [](const LabelSeen& l, int line) { return l.line < line; });
      for (auto it = first;
           it != labels_.end() && in_section.size() < kMaxLabelsPerDiagram;
           ++it) {
        const LabelSeen& l = *it;
        if (l.section != section) break;
        in_section.push_back(l);
        if (l.line < next_line &&
            (own.empty() || l.indent == own.front().indent)) {
          own.push_back(l);
        }
      }
      // Unnamed cells take the label at the same position when the labels
      // describe the fields one by one (some named cell matches its label).
      bool aligned = own.size() == diagram.fields.size();
      bool anchored = false;
      for (size_t i = 0; aligned && i < own.size(); ++i) {
        anchored = anchored || matches(own[i], diagram.fields[i].name);
      }
      for (size_t i = 0; i < diagram.fields.size(); ++i) {
        DiagramField& f = diagram.fields[i];
        if (f.name.empty()) {
          f.name = aligned && anchored ? LabelName(own[i].text) : "reserved";
        }
        for (const LabelSeen& l : in_section) {
          if (!matches(l, f.name)) continue;
          std::string_view t = l.text;
          size_t colon = t.find(':');
          if (colon != std::string_view::npos &&
              ToLower(Trim(t.substr(colon + 1))) == "variable") {
            f.bit_width = -1;
          }
          break;
        }
      }
      RecomputeOffsets(&diagram);
    }
  }

  std::vector<SourceLine> lines_;
  std::vector<TextBlock> blocks_;
  SectionLayout layout_;
  RfcDocument doc_;
  std::vector<std::string> section_protocol_;
  std::vector<std::string> section_message_;
  std::vector<bool> section_skipped_;
  ContextTracker tracker_;
  int section_ = -1;
  bool after_diagram_ = false;
  bool caption_taken_ = false;
  int diagram_section_ = -1;
  std::vector<int> diagram_sections_;  // section index of each diagram
  std::vector<LabelSeen> labels_;
  std::vector<LineText> pending_;
  SentenceContext pending_context_;
  SentenceKind pending_kind_ = SentenceKind::kProse;
};

}  // namespace

Result<RfcDocument> ReadRfc(std::string_view text, std::string source_name) {
  ASSIGN_OR_RETURN(std::vector<SourceLine> lines,
                   CleanPages(text, source_name));
  return Reader(std::move(lines), std::move(source_name)).Run();
}

}  // namespace protolm::spec
