// Sentence context from layout (see context_tracker.h).
#include "spec/rfc/context_tracker.h"

#include <array>

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

bool IsAbbreviationWord(std::string_view word) {
  if (word.size() < 2 || word.size() > 6) return false;
  int letters = 0;
  for (char c : word) {
    if (IsUpper(c)) {
      ++letters;
    } else if (!IsDigit(c)) {
      return false;
    }
  }
  // Roman numerals label appendices, not protocols.
  return letters >= 2 &&
         word.find_first_not_of("IVXLC") != std::string_view::npos;
}

bool ContainsWord(std::string_view lower_text, std::string_view word) {
  size_t at = 0;
  while ((at = lower_text.find(word, at)) != std::string_view::npos) {
    bool left = at == 0 || !IsAlpha(lower_text[at - 1]);
    size_t end = at + word.size();
    bool right = end >= lower_text.size() || !IsAlpha(lower_text[end]);
    if (left && right) return true;
    at = end;
  }
  return false;
}

}  // namespace

std::string ProtocolFromHeading(std::string_view heading, bool names_message) {
  size_t open = heading.find('(');
  while (open != std::string_view::npos) {
    size_t close = heading.find(')', open);
    if (close == std::string_view::npos) break;
    std::string_view inside = heading.substr(open + 1, close - open - 1);
    if (IsAbbreviationWord(inside)) return std::string(inside);
    open = heading.find('(', close);
  }
  std::vector<std::string_view> words = SplitWords(heading);
  bool has_lower = false;
  for (char c : heading) has_lower = has_lower || IsLower(c);
  // In capitals every word looks like an acronym; and "IP Interface" is
  // about IP without being written in it.
  if (!has_lower || !names_message) return "";
  for (std::string_view w : words) {
    if (IsAbbreviationWord(w)) return std::string(w);
  }
  return "";
}

std::string ProtocolFromTitle(std::string_view title, std::string_view body) {
  std::string name(Trim(title.substr(0, title.find('('))));
  if (name.empty()) return "";
  std::string lower_name = ToLower(name);
  std::string lower_body = ToLower(body);
  size_t at = lower_body.find(lower_name);
  while (at != std::string::npos) {
    size_t after = at + lower_name.size();
    while (after < body.size() && body[after] == ' ') ++after;
    if (after < body.size() && body[after] == '(') {
      size_t close = body.find(')', after);
      if (close != std::string_view::npos) {
        std::string_view abbr = body.substr(after + 1, close - after - 1);
        if (IsAbbreviationWord(abbr)) return std::string(abbr);
      }
    }
    at = lower_body.find(lower_name, after);
  }
  std::vector<std::string_view> words = SplitWords(name);
  if (words.size() < 2 || !EqualsIgnoreCase(words.back(), "protocol"))
    return "";
  std::string initials;
  for (std::string_view w : words) {
    if (IsAlpha(w.front()))
      initials.push_back(ToUpper(w.front()));
  }
  return initials;
}

bool HeadingNamesMessage(std::string_view heading) {
  std::string lower = ToLower(heading);
  for (std::string_view word :
       {"message", "packet", "header", "datagram", "format", "pdu"}) {
    if (ContainsWord(lower, word)) return true;
  }
  return false;
}

std::string LabelName(std::string_view label) {
  label = Trim(label);
  size_t colon = label.find(':');
  if (colon != std::string_view::npos) label = label.substr(0, colon);
  return CollapseSpaces(label);
}

bool LabelIsField(std::string_view label) {
  static constexpr std::array<std::string_view, 12> kNotFields = {
      "description", "discussion",   "note",    "notes",
      "example",     "examples",     "summary", "overview",
      "purpose",     "introduction", "comment", "comments"};
  std::string lower = ToLower(LabelName(label));
  for (std::string_view w : kNotFields) {
    if (lower == w) return false;
  }
  return !lower.empty();
}

std::string InferRole(std::string_view sentence) {
  static constexpr std::array<std::string_view, 14> kSender = {
      "send",      "sends",      "sent",        "sending",      "sender",
      "transmit",  "transmits",  "transmitted", "transmitting", "transmitter",
      "originate", "originates", "composes",    "generates"};
  static constexpr std::array<std::string_view, 10> kReceiver = {
      "receive",   "receives", "received",  "receiving", "receiver",
      "receivers", "receipt",  "recipient", "arrive",    "arrives"};
  std::string lower = ToLower(sentence);
  bool sender = false;
  bool receiver = false;
  for (std::string_view w : kSender) sender = sender || ContainsWord(lower, w);
  for (std::string_view w : kReceiver) {
    receiver = receiver || ContainsWord(lower, w);
  }
  if (sender && receiver) return "both";
  if (sender) return "sender";
  if (receiver) return "receiver";
  return "";
}

void ContextTracker::EnterSection(std::string protocol, std::string message) {
  section_protocol_ = std::move(protocol);
  message_ = std::move(message);
  group_protocol_.clear();
  labels_.clear();
}

void ContextTracker::CloseLabels(int indent) {
  while (!labels_.empty() && labels_.back().indent >= indent)
    labels_.pop_back();
}

void ContextTracker::PushLabel(int indent, std::string field) {
  CloseLabels(indent);
  labels_.push_back({indent, std::move(field)});
}

void ContextTracker::SetGroupProtocol(std::string protocol) {
  group_protocol_ = std::move(protocol);
}

std::string ContextTracker::CurrentField() const {
  for (auto it = labels_.rbegin(); it != labels_.rend(); ++it) {
    if (!it->field.empty()) return it->field;
  }
  return "";
}

std::string ContextTracker::protocol() const {
  return group_protocol_.empty() ? section_protocol_ : group_protocol_;
}

SentenceContext ContextTracker::ContextFor(std::string_view text) const {
  SentenceContext context;
  context.protocol = protocol();
  context.message = message_;
  context.field = CurrentField();
  context.role = InferRole(text);
  return context;
}

}  // namespace protolm::spec
