// Line-oriented parser of the lexicon file format (see lexicon.h).
#include "spec/ccg/lexicon.h"

#include <algorithm>
#include <cctype>

#include "spec/ccg/term_parser.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec::ccg {
namespace {

struct Family {
  CategoryPtr category;
  std::string semantics_text;  // parsed per word: "$w" differs per word
  SourceLocation semantics_at;
};

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Position of `token` outside quoted text and braces, or npos.
size_t FindOutside(std::string_view line, std::string_view token) {
  bool quoted = false;
  int braces = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && quoted) {
      ++i;
      continue;
    }
    if (c == '\'' && braces == 0 &&
        (quoted || i == 0 || IsSpace(line[i - 1]) || line[i - 1] == ',' ||
         line[i - 1] == '{' || line[i - 1] == '(')) {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    if (c == '{') ++braces;
    if (c == '}') --braces;
    if (braces == 0 && line.substr(i, token.size()) == token) return i;
  }
  return std::string_view::npos;
}

class LexiconParser {
 public:
  explicit LexiconParser(std::string source) : source_(std::move(source)) {}

  Status ParseLine(std::string_view raw, int line_no,
                   std::vector<LexicalEntry>& entries,
                   std::vector<std::string>& primitives) {
    line_ = line_no;
    std::string_view line = raw;
    size_t hash = FindOutside(line, "#");
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    size_t first = 0;
    while (first < line.size() && IsSpace(line[first])) ++first;
    if (first == line.size()) return Status::Ok();
    if (line.substr(first, 2) == ":-") {
      return ParsePrimitives(line, first + 2, primitives);
    }
    if (primitives.empty()) {
      return Fail(first,
                  "the lexicon must start with a ':- S, NP, ...' line "
                  "declaring the primitive categories");
    }
    size_t family_sep = FindOutside(line, "::");
    size_t entry_sep = FindOutside(line, "=>");
    if (family_sep != std::string_view::npos &&
        (entry_sep == std::string_view::npos || family_sep < entry_sep)) {
      return ParseFamily(line, first, family_sep);
    }
    if (entry_sep == std::string_view::npos) {
      return Fail(first,
                  "expected 'word => Category {semantics}', "
                  "'word => Family' or 'Family :: Category {semantics}'");
    }
    return ParseEntries(line, first, entry_sep, entries);
  }

  const std::set<std::string>& primitive_set() const { return primitive_set_; }

 private:
  Status ParsePrimitives(std::string_view line, size_t pos,
                         std::vector<std::string>& primitives) {
    if (!primitives.empty()) {
      return Fail(pos - 2,
                  "primitive categories are declared twice; keep one "
                  "':-' line");
    }
    while (pos < line.size()) {
      while (pos < line.size() && (IsSpace(line[pos]) || line[pos] == ','))
        ++pos;
      size_t start = pos;
      while (pos < line.size() &&
             (std::isalnum(static_cast<unsigned char>(line[pos])) ||
              line[pos] == '_')) {
        ++pos;
      }
      if (start == pos) {
        if (pos < line.size()) {
          return Fail(pos, "expected a category name in the ':-' line");
        }
        break;
      }
      std::string name(line.substr(start, pos - start));
      if (!primitive_set_.insert(name).second) {
        return Fail(start, "category '" + name + "' is declared twice");
      }
      primitives.push_back(std::move(name));
    }
    if (primitives.empty())
      return Fail(0, "the ':-' line declares no category");
    return Status::Ok();
  }

  // Splits "Category {semantics}" into the category text and the semantics
  // text (without braces); the semantics may be absent.
  Status SplitRhs(std::string_view line, size_t pos, std::string_view& category,
                  size_t& category_at, std::string_view& semantics,
                  size_t& semantics_at, bool& has_semantics) {
    size_t open = line.find('{', pos);
    has_semantics = open != std::string_view::npos;
    size_t cat_end = has_semantics ? open : line.size();
    while (pos < cat_end && IsSpace(line[pos])) ++pos;
    size_t end = cat_end;
    while (end > pos && IsSpace(line[end - 1])) --end;
    category = line.substr(pos, end - pos);
    category_at = pos;
    if (category.empty()) return Fail(pos, "missing category");
    if (!has_semantics) return Status::Ok();
    size_t close = line.rfind('}');
    if (close == std::string_view::npos || close < open) {
      return Fail(open, "missing '}' closing the semantics");
    }
    for (size_t i = close + 1; i < line.size(); ++i) {
      if (!IsSpace(line[i])) return Fail(i, "unexpected text after '}'");
    }
    semantics = line.substr(open + 1, close - open - 1);
    semantics_at = open + 1;
    return Status::Ok();
  }

  Status ParseFamily(std::string_view line, size_t first, size_t sep) {
    std::string_view name = line.substr(first, sep - first);
    while (!name.empty() && IsSpace(name.back())) name.remove_suffix(1);
    for (size_t i = 0; i < name.size(); ++i) {
      if (!std::isalnum(static_cast<unsigned char>(name[i])) &&
          name[i] != '_') {
        return Fail(first + i,
                    "a family name holds only letters, digits and '_'");
      }
    }
    if (name.empty()) return Fail(first, "missing family name before '::'");
    if (primitive_set_.count(std::string(name))) {
      return Fail(first, "family '" + std::string(name) +
                             "' has the name of a primitive category");
    }
    std::string_view cat_text, sem_text;
    size_t cat_at = 0, sem_at = 0;
    bool has_sem = false;
    RETURN_IF_ERROR(
        SplitRhs(line, sep + 2, cat_text, cat_at, sem_text, sem_at, has_sem));
    if (!has_sem) {
      return Fail(line.size(), "family '" + std::string(name) +
                                   "' needs semantics in braces: {...}");
    }
    ASSIGN_OR_RETURN(CategoryPtr cat,
                     ParseCategory(cat_text, primitive_set_, Loc(cat_at)));
    // Check the semantics once now so errors point at the family line.
    RETURN_IF_ERROR(ParseTerm(sem_text, Loc(sem_at), "word").status());
    if (!families_
             .emplace(std::string(name),
                      Family{cat, std::string(sem_text), Loc(sem_at)})
             .second) {
      return Fail(first, "family '" + std::string(name) + "' is defined twice");
    }
    return Status::Ok();
  }

  Status ParseEntries(std::string_view line, size_t first, size_t sep,
                      std::vector<LexicalEntry>& entries) {
    std::vector<std::pair<std::string, size_t>> words;
    RETURN_IF_ERROR(ParseWords(line.substr(0, sep), first, words));
    std::string_view cat_text, sem_text;
    size_t cat_at = 0, sem_at = 0;
    bool has_sem = false;
    RETURN_IF_ERROR(
        SplitRhs(line, sep + 2, cat_text, cat_at, sem_text, sem_at, has_sem));
    auto family = families_.find(std::string(cat_text));
    if (family != families_.end()) {
      if (has_sem) {
        return Fail(sem_at - 1, "an entry from family '" + family->first +
                                    "' takes the family's semantics; remove "
                                    "the braces");
      }
      for (auto& [word, at] : words) {
        ASSIGN_OR_RETURN(TermPtr sem,
                         ParseTerm(family->second.semantics_text,
                                   family->second.semantics_at, word));
        entries.push_back(LexicalEntry{word, family->second.category, sem,
                                       family->first, line_});
      }
      return Status::Ok();
    }
    if (!has_sem) {
      bool looks_like_family =
          std::none_of(
              cat_text.begin(), cat_text.end(),
              [](char c) { return c == '/' || c == '\\' || c == '('; }) &&
          !primitive_set_.count(std::string(cat_text));
      if (looks_like_family) {
        return Fail(cat_at, "unknown family '" + std::string(cat_text) +
                                "'; define it with '" + std::string(cat_text) +
                                " :: Category {semantics}' before use");
      }
      return Fail(line.size(), "missing semantics in braces: {...}");
    }
    ASSIGN_OR_RETURN(CategoryPtr cat,
                     ParseCategory(cat_text, primitive_set_, Loc(cat_at)));
    ASSIGN_OR_RETURN(TermPtr sem, ParseTerm(sem_text, Loc(sem_at)));
    for (auto& [word, at] : words) {
      entries.push_back(LexicalEntry{word, cat, sem, "", line_});
    }
    return Status::Ok();
  }

  // "a, b, 'c d'" -> words (lower case) with their columns.
  Status ParseWords(std::string_view text, size_t pos,
                    std::vector<std::pair<std::string, size_t>>& words) {
    while (true) {
      while (pos < text.size() && IsSpace(text[pos])) ++pos;
      if (pos >= text.size()) break;
      size_t start = pos;
      std::string word;
      if (text[pos] == '\'') {
        ++pos;
        while (pos < text.size() && text[pos] != '\'') {
          if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;
          word += text[pos++];
        }
        if (pos >= text.size()) return Fail(start, "unterminated quoted word");
        ++pos;
      } else {
        while (pos < text.size() && !IsSpace(text[pos]) && text[pos] != ',') {
          word += text[pos++];
        }
      }
      if (word.empty()) return Fail(start, "empty word");
      words.emplace_back(ToLower(word), start);
      while (pos < text.size() && IsSpace(text[pos])) ++pos;
      if (pos < text.size()) {
        if (text[pos] != ',') {
          return Fail(pos,
                      "expected ',' between words (quote a word that "
                      "holds spaces)");
        }
        ++pos;
      }
    }
    if (words.empty()) return Fail(pos, "missing word before '=>'");
    return Status::Ok();
  }

  SourceLocation Loc(size_t column0) const {
    return SourceLocation{source_, line_, static_cast<int>(column0) + 1};
  }

  Status Fail(size_t column0, const std::string& what) const {
    return Malformed(Loc(column0).At(0) + ": " + what);
  }

  std::string source_;
  int line_ = 0;
  std::set<std::string> primitive_set_;
  std::map<std::string, Family> families_;
};

}  // namespace

Result<Lexicon> Lexicon::Parse(std::string_view text, std::string source_name) {
  Lexicon lex;
  LexiconParser parser(source_name);
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ++line_no;
    RETURN_IF_ERROR(parser.ParseLine(text.substr(pos, nl - pos), line_no,
                                     lex.entries_, lex.primitives_));
    pos = nl + 1;
  }
  if (lex.primitives_.empty()) {
    return Malformed(source_name +
                     ":1:1: the lexicon declares no categories; "
                     "start it with ':- S, NP, ...'");
  }
  lex.primitive_set_ = parser.primitive_set();
  lex.start_ = MakePrimitive(lex.primitives_.front());
  for (const LexicalEntry& e : lex.entries_) {
    lex.by_word_[e.word].push_back(e);
    int words =
        1 + static_cast<int>(std::count(e.word.begin(), e.word.end(), ' '));
    lex.max_phrase_words_ = std::max(lex.max_phrase_words_, words);
  }
  return lex;
}

const std::vector<LexicalEntry>& Lexicon::Lookup(std::string_view word) const {
  static const std::vector<LexicalEntry> kNone;
  auto it = by_word_.find(word);
  if (it != by_word_.end()) return it->second;
  bool has_upper = std::any_of(word.begin(), word.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
  if (!has_upper) return kNone;
  it = by_word_.find(ToLower(word));
  return it == by_word_.end() ? kNone : it->second;
}

}  // namespace protolm::spec::ccg
