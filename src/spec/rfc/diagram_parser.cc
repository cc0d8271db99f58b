// ASCII-art header diagrams (see diagram_parser.h).
#include "spec/rfc/diagram_parser.h"

#include <algorithm>
#include <set>

#include "spec/rfc/text_blocks.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr int kMaxBitsPerRow = 1024;
constexpr int kOctetBoxChars = 9;  // "+--------" : eight dashes per octet

enum class LineKind { kBorder, kContinuation, kContent, kOther };

LineKind Classify(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty()) return LineKind::kOther;
  if (t.front() == '|' || t.front() == '\\') return LineKind::kContent;
  if (t.front() != '+') return LineKind::kOther;
  if (t.find('-') != std::string_view::npos) {
    return IsBorderLine(t) ? LineKind::kBorder : LineKind::kOther;
  }
  return t.size() > 1 && t.back() == '+' ? LineKind::kContinuation
                                         : LineKind::kOther;
}

// Total bits the ruler spans: "0 1 2 ... 9 0 1" counts ticks, "0  7 8  15"
// ends at its largest number.
int RulerBits(const std::vector<std::string_view>& rulers) {
  if (rulers.empty()) return 0;
  std::vector<std::string_view> numbers = SplitWords(rulers.back());
  bool single_digits = true;
  uint64_t max = 0;
  for (std::string_view n : numbers) {
    single_digits = single_digits && n.size() == 1;
    std::optional<uint64_t> v = ParseDecimal(n);
    if (v && *v > max) max = *v;
  }
  if (single_digits && numbers.size() > 10)
    return static_cast<int>(numbers.size());
  return max >= kMaxBitsPerRow ? 0 : static_cast<int>(max) + 1;
}

// Maps columns of the drawing to bit positions within a row.
class BitScale {
 public:
  BitScale(std::vector<int> boundaries, std::vector<int> bits)
      : boundaries_(std::move(boundaries)), bits_(std::move(bits)) {}
  int row_bits() const { return bits_.back(); }
  int left() const { return boundaries_.front(); }
  int right() const { return boundaries_.back(); }
  int BitAt(int column) const {
    if (column <= boundaries_.front()) return 0;
    if (column >= boundaries_.back()) return bits_.back();
    for (size_t j = 0; j + 1 < boundaries_.size(); ++j) {
      if (column > boundaries_[j + 1]) continue;
      int span = boundaries_[j + 1] - boundaries_[j];
      int seg_bits = bits_[j + 1] - bits_[j];
      int offset = column - boundaries_[j];
      return bits_[j] + (offset * seg_bits * 2 + span) / (span * 2);
    }
    return bits_.back();
  }

 private:
  std::vector<int> boundaries_;  // columns of the '+' marks of the top border
  std::vector<int> bits_;        // bit position of each mark
};

std::optional<BitScale> MakeScale(std::string_view border,
                                  const std::vector<std::string_view>& rulers) {
  std::vector<int> marks;
  for (size_t c = 0; c < border.size(); ++c) {
    if (border[c] == '+') marks.push_back(static_cast<int>(c));
  }
  if (marks.size() < 2) return std::nullopt;
  size_t segments = marks.size() - 1;
  bool ticks = true;
  bool octets = true;
  for (size_t j = 0; j < segments; ++j) {
    int width = marks[j + 1] - marks[j];
    std::string_view seg = border.substr(marks[j] + 1, width - 1);
    ticks = ticks && width == 2;
    octets = octets && (width == kOctetBoxChars ||
                        seg.find("//") != std::string_view::npos);
  }
  int bits_per_segment = 0;
  if (ticks) {
    bits_per_segment = 1;
  } else if (int total = RulerBits(rulers); total > 0) {
    if (total % static_cast<int>(segments) != 0) return std::nullopt;
    bits_per_segment = total / static_cast<int>(segments);
  } else if (octets) {
    bits_per_segment = 8;
  } else {
    return std::nullopt;  // boxes without a bit scale: not a header
  }
  if (bits_per_segment * static_cast<int>(segments) > kMaxBitsPerRow) {
    return std::nullopt;
  }
  std::vector<int> bits;
  for (size_t j = 0; j <= segments; ++j) {
    bits.push_back(static_cast<int>(j) * bits_per_segment);
  }
  return BitScale(std::move(marks), std::move(bits));
}

// A cell being read: its column span and the text lines inside it.
struct Cell {
  int left = 0, right = 0;  // separator columns
  int start_bit = 0, end_bit = 0;
  std::vector<std::string> text;
  bool open = false;       // no right border: runs on to the end
  bool elided = false;     // "\" rows or "//" borders: repeated, variable
  bool continues = false;  // the border below it is blank: next row too
  int rows = 1;
  int order = 0;  // reading order: row of its first line, then bit
};

bool HasText(std::string_view s) { return !Trim(s).empty(); }

// Joins the text lines of a cell. Letters stacked one per line in a narrow
// cell spell one word ("D" over "F" is "DF").
std::string JoinFragments(const std::vector<std::string>& fragments) {
  std::vector<std::string> parts;
  bool all_single = true;
  for (const std::string& f : fragments) {
    std::string t = CollapseSpaces(f);
    if (t.empty() || (!parts.empty() && t == parts.back())) continue;
    all_single = all_single && t.size() == 1;
    parts.push_back(std::move(t));
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty() && !all_single) out.push_back(' ');
    out += p;
  }
  return out;
}

// "0 0 0" in a 3-bit cell, "10000011" in an octet: one digit per bit.
bool IsBitString(std::string_view text, int width) {
  int digits = 0;
  for (char c : text) {
    if (c == '0' || c == '1') {
      ++digits;
    } else if (c != ' ') {
      return false;
    }
  }
  return digits > 0 && digits == width;
}

bool OnlyDots(std::string_view text) {
  return !text.empty() &&
         text.find_first_not_of(". ") == std::string_view::npos;
}

// Turns a cell's text into a field: width notes, "...", "= value", bits.
DiagramField FieldFromCell(const Cell& cell) {
  DiagramField field;
  std::string name = JoinFragments(cell.text);
  field.bit_width = cell.end_bit - cell.start_bit;
  bool variable = cell.open || cell.elided;
  // "(64 bits)", "(4 octets)": the drawing is not to scale.
  size_t open = name.rfind('(');
  if (open != std::string::npos && name.back() == ')') {
    std::vector<std::string_view> words = SplitWords(
        std::string_view(name).substr(open + 1, name.size() - open - 2));
    if (words.size() == 2) {
      std::optional<uint64_t> n = ParseDecimal(words[0]);
      int unit = words[1] == "bits" || words[1] == "bit"       ? 1
                 : words[1] == "octets" || words[1] == "bytes" ? 8
                                                               : 0;
      if (n && unit && *n > 0 && *n <= kMaxBitsPerRow * 64) {
        field.bit_width = static_cast<int>(*n) * unit;
        name = std::string(Trim(std::string_view(name).substr(0, open)));
      }
    }
  }
  size_t dots = name.find("...");
  if (dots != std::string::npos) {
    variable = true;
    name = std::string(Trim(std::string_view(name).substr(0, dots)));
  }
  if (name.find(" + ") != std::string::npos) variable = true;
  size_t eq = name.find('=');
  if (eq != std::string::npos) {
    std::string value = CollapseSpaces(std::string_view(name).substr(eq + 1));
    field.fixed_value = ParseDecimal(value);
    name = std::string(Trim(std::string_view(name).substr(0, eq)));
  } else if (IsBitString(name, cell.end_bit - cell.start_bit)) {
    uint64_t value = 0;
    int digits = 0;
    for (char c : name) {
      if (c == '0' || c == '1') {
        value = (value << 1) | static_cast<uint64_t>(c - '0');
        ++digits;
      }
    }
    if (digits <= 64) field.fixed_value = value;
    name = digits <= 4 ? "" : "constant";
  }
  field.name = name;
  if (variable) field.bit_width = -1;
  return field;
}

}  // namespace

void RecomputeOffsets(HeaderDiagram* diagram) {
  int offset = 0;
  for (DiagramField& f : diagram->fields) {
    f.bit_offset = offset;
    if (offset >= 0) offset = f.bit_width < 0 ? -1 : offset + f.bit_width;
  }
}

std::optional<HeaderDiagram> ParseDiagram(const std::vector<SourceLine>& lines,
                                          size_t begin, size_t end,
                                          std::vector<std::string>* warnings) {
  std::vector<std::string_view> rulers;
  size_t first_border = end;
  for (size_t i = begin; i < end; ++i) {
    LineKind kind = Classify(lines[i].text);
    if (kind == LineKind::kBorder) {
      first_border = i;
      break;
    }
    if (IsRulerLine(lines[i].text)) {
      rulers.push_back(lines[i].text);
    } else if (!Trim(lines[i].text).empty()) {
      rulers.clear();  // a ruler sits right above the top border
    }
  }
  if (first_border == end) return std::nullopt;
  size_t last = first_border;
  while (last + 1 < end && Classify(lines[last + 1].text) != LineKind::kOther) {
    ++last;
  }

  // The border with the most marks defines the bit scale.
  size_t reference = first_border;
  size_t best = 0;
  for (size_t i = first_border; i <= last; ++i) {
    if (Classify(lines[i].text) != LineKind::kBorder) continue;
    size_t marks = std::count(lines[i].text.begin(), lines[i].text.end(), '+');
    if (marks > best) {
      best = marks;
      reference = i;
    }
  }
  std::optional<BitScale> scale = MakeScale(lines[reference].text, rulers);
  if (!scale) return std::nullopt;
  const int row_bits = scale->row_bits();

  HeaderDiagram diagram;
  diagram.line = lines[first_border].number;
  std::vector<Cell> pending;  // cells continuing into the next row
  std::vector<Cell> finished;
  std::vector<size_t> band;  // content lines of the current row
  int continuation_lines = 0;
  int row_index = 0;

  auto close_row = [&](size_t border_index) {
    if (band.empty()) return;
    std::set<int> separators;
    bool elided = false;
    for (size_t i : band) {
      const std::string& t = lines[i].text;
      bool plus_separates = Classify(t) == LineKind::kContinuation;
      for (size_t c = 0; c < t.size(); ++c) {
        if (t[c] == '|' || t[c] == '\\' || (t[c] == '+' && plus_separates)) {
          separators.insert(static_cast<int>(c));
        }
      }
      elided = elided || Trim(t).front() == '\\';
    }
    std::vector<int> cols(separators.begin(), separators.end());
    std::vector<Cell> row;
    for (size_t k = 0; k < cols.size(); ++k) {
      Cell cell;
      cell.left = cols[k];
      bool last_separator = k + 1 == cols.size();
      cell.right = last_separator ? scale->right() : cols[k + 1];
      for (size_t i : band) {
        const std::string& t = lines[i].text;
        if (static_cast<size_t>(cell.left) + 1 >= t.size()) continue;
        size_t stop =
            last_separator ? t.size() : static_cast<size_t>(cell.right);
        stop = std::min(stop, t.size());
        cell.text.push_back(t.substr(cell.left + 1, stop - cell.left - 1));
      }
      if (last_separator) {
        // Text after the last '|' is an open cell (no right border).
        bool text = false;
        for (const std::string& s : cell.text) text = text || HasText(s);
        if (!text || cell.left >= scale->right()) continue;
        cell.open = true;
      }
      cell.start_bit = scale->BitAt(cell.left);
      cell.end_bit = scale->BitAt(cell.right);
      if (cell.end_bit <= cell.start_bit) continue;
      cell.elided = elided;
      cell.rows = 1 + continuation_lines;
      cell.order = row_index * (kMaxBitsPerRow + 1) + cell.start_bit;
      if (border_index < lines.size()) {
        const std::string& b = lines[border_index].text;
        size_t from = std::min(b.size(), static_cast<size_t>(cell.left) + 1);
        size_t to = std::min(b.size(), static_cast<size_t>(cell.right));
        std::string_view under = std::string_view(b).substr(from, to - from);
        cell.continues = under.find('-') == std::string_view::npos &&
                         Classify(b) == LineKind::kBorder;
        cell.elided = cell.elided || under.find("//") != std::string_view::npos;
      }
      row.push_back(std::move(cell));
    }
    // Merge with a cell of the row above that continues into this one.
    for (Cell& cell : row) {
      auto above =
          std::find_if(pending.begin(), pending.end(), [&](const Cell& p) {
            return p.start_bit == cell.start_bit && p.end_bit == cell.end_bit;
          });
      if (above != pending.end()) {
        above->text.insert(above->text.end(), cell.text.begin(),
                           cell.text.end());
        above->rows += cell.rows;
        above->elided = above->elided || cell.elided;
        above->open = above->open || cell.open;
        above->continues = cell.continues;
        cell = std::move(*above);
        pending.erase(above);
      }
    }
    for (Cell& p : pending) finished.push_back(std::move(p));
    pending.clear();
    int covered = 0;
    for (Cell& cell : row) {
      if (cell.start_bit != covered && warnings != nullptr) {
        warnings->push_back(
            "line " + std::to_string(lines[band.front()].number) +
            ": diagram cell starts at bit " + std::to_string(cell.start_bit) +
            ", expected " + std::to_string(covered));
      }
      covered = cell.end_bit;
      if (cell.continues) {
        pending.push_back(std::move(cell));
      } else {
        finished.push_back(std::move(cell));
      }
    }
    band.clear();
    continuation_lines = 0;
    ++row_index;
  };

  for (size_t i = first_border + 1; i <= last; ++i) {
    switch (Classify(lines[i].text)) {
      case LineKind::kBorder:
        close_row(i);
        break;
      case LineKind::kContinuation:
        ++continuation_lines;
        band.push_back(i);
        break;
      case LineKind::kContent:
        band.push_back(i);
        break;
      case LineKind::kOther:
        break;
    }
  }
  close_row(lines.size());
  for (Cell& p : pending) finished.push_back(std::move(p));
  std::stable_sort(
      finished.begin(), finished.end(),
      [](const Cell& a, const Cell& b) { return a.order < b.order; });

  for (const Cell& cell : finished) {
    if (OnlyDots(JoinFragments(cell.text))) continue;  // ". . ." : and so on
    DiagramField field = FieldFromCell(cell);
    if (field.bit_width > 0 && cell.rows > 1) {
      if (cell.start_bit == 0 && cell.end_bit == row_bits) {
        field.bit_width = row_bits * cell.rows;
      }
    }
    diagram.fields.push_back(std::move(field));
  }
  // Boxes with no name in any cell draw registers or figures, not headers.
  bool named = false;
  for (const Cell& cell : finished)
    named = named || !JoinFragments(cell.text).empty();
  if (!named) return std::nullopt;
  RecomputeOffsets(&diagram);
  return diagram;
}

}  // namespace protolm::spec
