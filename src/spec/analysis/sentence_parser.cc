// Sentence parsing with subject supply for field fragments (see
// sentence_parser.h).
#include "spec/analysis/sentence_parser.h"

#include <algorithm>
#include <cctype>

#include "spec/analysis/word_tokenizer.h"

namespace protolm::spec {

Result<SentenceParser> SentenceParser::Create(const ccg::Lexicon& lexicon,
                                              const TermDictionary& terms,
                                              ccg::ChartOptions options) {
  if (!lexicon.primitive_set().count("NP")) {
    return InvalidArgument(
        "the lexicon declares no NP category; noun phrases need it (add NP to "
        "its ':-' line)");
  }
  return SentenceParser(lexicon, terms, options, ccg::MakePrimitive("NP"));
}

ccg::ChartOptions SentenceParser::DefaultOptions() {
  ccg::ChartOptions options;
  options.rules.substitution = false;
  options.rules.raisable = {"NP"};
  options.rules.apply_only_modifiers = {"NP", "S"};
  return options;
}

namespace {

// Verbs come from the verb families; copulas and modals are the entries
// that take a verb phrase or an object to make a verb phrase.
bool IsVerbEntry(const ccg::LexicalEntry& e) {
  static const char* kVerbFamilies[] = {"TV", "IV", "Pass"};
  for (const char* f : kVerbFamilies) {
    if (e.family == f) return true;
  }
  return e.family.empty() && e.word.find_first_of(",;") == std::string::npos &&
         (e.category->text == "(S\\NP)/NP" ||
          e.category->text == "(S\\NP)/(S\\NP)");
}

}  // namespace

bool SentenceParser::StartsWithVerb(
    const std::vector<LabelledToken>& tokens) const {
  if (tokens.empty() || tokens[0].kind != TokenKind::kWord) return false;
  for (const ccg::LexicalEntry& e : lexicon_->Lookup(tokens[0].text)) {
    if (IsVerbEntry(e)) return true;
  }
  return false;
}

std::vector<LabelledToken> SentenceParser::Label(std::string_view text) const {
  return LabelNounPhrases(TokenizeWords(text), *lexicon_, *terms_);
}

std::vector<std::vector<ccg::LexicalItem>> SentenceParser::Items(
    const std::vector<LabelledToken>& tokens) const {
  std::vector<std::vector<ccg::LexicalItem>> items;
  for (const LabelledToken& t : tokens) {
    std::vector<ccg::LexicalItem> choices;
    switch (t.kind) {
      case TokenKind::kWord:
        for (const ccg::LexicalEntry& e : lexicon_->Lookup(t.text)) {
          choices.push_back({e.category, e.semantics});
        }
        break;
      case TokenKind::kNounPhrase:
        choices.push_back({np_, ccg::MakeConstant(t.text)});
        break;
      case TokenKind::kNumber:
        choices.push_back({np_, ccg::MakeNumber(t.text)});
        break;
    }
    items.push_back(std::move(choices));
  }
  return items;
}

ParsedSentence SentenceParser::ParseText(std::string text) const {
  std::vector<LabelledToken> tokens = Label(text);
  return ParseTokens(std::move(text), std::move(tokens));
}

ParsedSentence SentenceParser::ParseTokens(
    std::string text, std::vector<LabelledToken> tokens) const {
  ParsedSentence p;
  p.tokens = std::move(tokens);
  p.parsed_text = std::move(text);
  p.chart = ccg::ParseChart(Items(p.tokens), lexicon_->start(), options_);
  p.winnowed = ccg::Winnow(p.chart.forms, p.chart.attachment_heights);
  return p;
}

std::optional<ParsedSentence> SentenceParser::ParseValueDefinition(
    std::string_view text) const {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  std::vector<std::string> value = TokenizeWords(text.substr(0, eq));
  std::vector<std::string> meaning = TokenizeWords(text.substr(eq + 1));
  // Punctuation closing the item ("net unreachable;") is not part of it.
  while (!meaning.empty() && meaning.back().size() == 1 &&
         !std::isalnum(static_cast<unsigned char>(meaning.back()[0]))) {
    meaning.pop_back();
  }
  if (value.size() != 1 || meaning.empty()) return std::nullopt;
  std::string name = meaning[0];
  for (size_t i = 1; i < meaning.size(); ++i) name += " " + meaning[i];
  bool digits = std::all_of(value[0].begin(), value[0].end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
  std::vector<LabelledToken> tokens = {
      {value[0], digits ? TokenKind::kNumber : TokenKind::kNounPhrase},
      {"=", TokenKind::kWord},
      {name, TokenKind::kNounPhrase}};
  return ParseTokens(std::string(text), std::move(tokens));
}

ParsedSentence SentenceParser::Parse(std::string_view text,
                                     const SentenceContext& context,
                                     SentenceKind kind) const {
  if (kind == SentenceKind::kValueDefinition) {
    std::optional<ParsedSentence> value = ParseValueDefinition(text);
    if (value && !value->winnowed.forms.empty()) return *value;
  }
  ParsedSentence first = ParseText(std::string(text));
  if (!first.winnowed.forms.empty() || context.field.empty()) return first;
  // A fragment under a field: try the field as the subject, first as a
  // noun-phrase description ("Field is ..."), then as a verb phrase
  // ("Field identifies ..."), after a leading condition if there is one.
  std::string body(text);
  std::string condition;
  if (body.size() > 3 &&
      (body.compare(0, 3, "If ") == 0 || body.compare(0, 3, "if ") == 0)) {
    size_t comma = body.find(',');
    if (comma != std::string::npos) {
      condition = body.substr(0, comma + 1) + " ";
      body = body.substr(body.find_first_not_of(' ', comma + 1) ==
                                 std::string::npos
                             ? body.size()
                             : body.find_first_not_of(' ', comma + 1));
      // "If set, ...": the field is the subject of the condition too.
      std::vector<std::string> words = TokenizeWords(condition);
      if (words.size() == 3) {
        condition = "If " + context.field + " is " + words[1] + ", ";
        ParsedSentence retry = ParseText(condition + body);
        if (!retry.winnowed.forms.empty()) {
          retry.subject_supplied = true;
          return retry;
        }
      }
    }
  }
  std::vector<LabelledToken> body_tokens = Label(body);
  const char* link = StartsWithVerb(body_tokens) ? " " : " is ";
  ParsedSentence retry = ParseText(condition + context.field + link + body);
  if (retry.winnowed.forms.empty()) return first;
  retry.subject_supplied = true;
  return retry;
}

}  // namespace protolm::spec
