// The Drain-style template miner (see log_template_miner.h).
#include "trace/logs/log_template_miner.h"

#include <algorithm>
#include <utility>

#include "trace/logs/log_masks.h"
#include "util/text_fields.h"

namespace protolm {

struct LogTemplateMiner::Node {
  std::map<std::string, std::unique_ptr<Node>> children;
  std::vector<uint32_t> templates;  // at leaves
};

namespace {

constexpr size_t kMaxMessageBytes = 16 * 1024;
constexpr size_t kMaxWords = 512;
constexpr std::string_view kFormat = "protolm-log-templates";

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

/// The message's words as written (bounded) and masked.
struct Words {
  std::vector<std::string_view> originals;
  std::vector<std::string> masked;
};

Words SplitMessage(std::string_view message) {
  Words words;
  words.originals = SplitWhitespace(message.substr(0, kMaxMessageBytes));
  if (words.originals.size() > kMaxWords) words.originals.resize(kMaxWords);
  words.masked.reserve(words.originals.size());
  for (std::string_view word : words.originals)
    words.masked.push_back(MaskLogWord(word));
  return words;
}

}  // namespace

std::string LogTemplate::Text() const {
  std::string text;
  for (const std::string& word : words) {
    if (!text.empty()) text += ' ';
    text += word;
  }
  return text;
}

LogTemplateMiner::LogTemplateMiner(LogTemplateMinerOptions options)
    : options_(options), root_(std::make_unique<Node>()) {
  options_.depth = std::max(options_.depth, 2);
  options_.max_children = std::max<size_t>(options_.max_children, 1);
}
LogTemplateMiner::~LogTemplateMiner() = default;
LogTemplateMiner::LogTemplateMiner(LogTemplateMiner&&) noexcept = default;
LogTemplateMiner& LogTemplateMiner::operator=(LogTemplateMiner&&) noexcept =
    default;

std::string LogTemplateMiner::RouteKey(const std::vector<std::string>& words,
                                       size_t level) const {
  if (level == 0) return std::string("#").append(std::to_string(words.size()));
  const std::string& word = words[level - 1];
  if (HasDigit(word) || word.find(kLogWildcard) != std::string::npos)
    return std::string(kLogWildcard);
  return word;
}

LogTemplateMiner::Node* LogTemplateMiner::MakeLeaf(
    const std::vector<std::string>& words, std::vector<std::string>& route) {
  Node* node = root_.get();
  size_t levels = std::min<size_t>(options_.depth - 1, words.size() + 1);
  for (size_t level = 0; level < levels; ++level) {
    std::string key = RouteKey(words, level);
    auto it = node->children.find(key);
    if (it == node->children.end()) {
      if (level > 0 && node->children.size() >= options_.max_children)
        key = std::string(kLogWildcard);
      it = node->children.find(key);
      if (it == node->children.end())
        it = node->children.emplace(key, std::make_unique<Node>()).first;
    }
    route.push_back(key);
    node = it->second.get();
  }
  return node;
}

const LogTemplateMiner::Node* LogTemplateMiner::FindLeaf(
    const std::vector<std::string>& words) const {
  const Node* node = root_.get();
  size_t levels = std::min<size_t>(options_.depth - 1, words.size() + 1);
  for (size_t level = 0; level < levels; ++level) {
    std::string key = RouteKey(words, level);
    auto it = node->children.find(key);
    if (it == node->children.end() && level > 0)
      it = node->children.find(std::string(kLogWildcard));
    if (it == node->children.end()) return nullptr;
    node = it->second.get();
  }
  return node;
}

std::optional<LogTemplateMiner::Candidate> LogTemplateMiner::Best(
    const Node& leaf, const std::vector<std::string>& words) const {
  std::optional<Candidate> best;
  size_t best_wildcards = 0;
  for (uint32_t id : leaf.templates) {
    const LogTemplate& candidate = templates_[id - 1];
    if (candidate.words.size() != words.size()) continue;
    size_t equal = 0;
    size_t wildcards = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      if (candidate.words[i] == words[i]) ++equal;  // masks match masks
      else if (candidate.words[i] == kLogWildcard) ++wildcards;
    }
    double similarity =
        words.empty() ? 1.0 : static_cast<double>(equal) / words.size();
    if (!best || similarity > best->similarity ||
        (similarity == best->similarity && wildcards > best_wildcards)) {
      best = Candidate{id, similarity};
      best_wildcards = wildcards;
    }
  }
  if (best && best->similarity < options_.similarity) return std::nullopt;
  return best;
}

LogMatch LogTemplateMiner::MatchOf(
    const LogTemplate& found,
    const std::vector<std::string_view>& originals) const {
  LogMatch match;
  match.template_id = found.id;
  for (size_t i = 0; i < found.words.size() && i < originals.size(); ++i) {
    if (found.words[i].find(kLogWildcard) != std::string::npos)
      match.parameters.emplace_back(originals[i]);
  }
  return match;
}

LogMatch LogTemplateMiner::Learn(std::string_view message) {
  Words words = SplitMessage(message);
  const Node* leaf = FindLeaf(words.masked);
  std::optional<Candidate> best;
  if (leaf != nullptr) best = Best(*leaf, words.masked);
  if (best) {
    LogTemplate& found = templates_[best->id - 1];
    for (size_t i = 0; i < found.words.size(); ++i)
      if (found.words[i] != words.masked[i])
        found.words[i] = std::string(kLogWildcard);
    ++found.count;
    return MatchOf(found, words.originals);
  }
  if (templates_.size() >= options_.max_templates) return LogMatch{};
  std::vector<std::string> route;
  Node* new_leaf = MakeLeaf(words.masked, route);
  LogTemplate& created = templates_.emplace_back();
  created.id = static_cast<uint32_t>(templates_.size());
  created.words = std::move(words.masked);
  created.count = 1;
  routes_.push_back(std::move(route));
  new_leaf->templates.push_back(created.id);
  return MatchOf(created, words.originals);
}

LogMatch LogTemplateMiner::Match(std::string_view message) const {
  Words words = SplitMessage(message);
  const Node* leaf = FindLeaf(words.masked);
  if (leaf == nullptr) return LogMatch{};
  std::optional<Candidate> best = Best(*leaf, words.masked);
  if (!best) return LogMatch{};
  return MatchOf(templates_[best->id - 1], words.originals);
}

const LogTemplate* LogTemplateMiner::Find(uint32_t id) const {
  if (id == 0 || id > templates_.size()) return nullptr;
  return &templates_[id - 1];
}

nlohmann::json LogTemplateMiner::ToJson() const {
  nlohmann::json templates = nlohmann::json::array();
  for (size_t i = 0; i < templates_.size(); ++i) {
    templates.push_back({{"id", templates_[i].id},
                         {"words", templates_[i].words},
                         {"count", templates_[i].count},
                         {"route", routes_[i]}});
  }
  return {{"format", kFormat},
          {"version", 1},
          {"depth", options_.depth},
          {"similarity", options_.similarity},
          {"max_children", options_.max_children},
          {"max_templates", options_.max_templates},
          {"templates", std::move(templates)}};
}

Result<LogTemplateMiner> LogTemplateMiner::FromJson(const nlohmann::json& json) {
  auto malformed = [](const std::string& what) {
    return Malformed("log templates: " + what);
  };
  if (!json.is_object() || json.value("format", "") != kFormat)
    return malformed("not a protolm-log-templates object");
  if (json.value("version", 0) != 1) return malformed("unknown version");
  try {
    LogTemplateMinerOptions options;
    options.depth = json.at("depth").get<int>();
    options.similarity = json.at("similarity").get<double>();
    options.max_children = json.at("max_children").get<size_t>();
    options.max_templates = json.at("max_templates").get<size_t>();
    LogTemplateMiner miner(options);
    for (const nlohmann::json& entry : json.at("templates")) {
      LogTemplate& loaded = miner.templates_.emplace_back();
      loaded.id = entry.at("id").get<uint32_t>();
      if (loaded.id != miner.templates_.size())
        return malformed("template ids must be 1, 2, ... in order");
      loaded.words = entry.at("words").get<std::vector<std::string>>();
      loaded.count = entry.at("count").get<uint64_t>();
      std::vector<std::string> route =
          entry.at("route").get<std::vector<std::string>>();
      Node* node = miner.root_.get();
      for (const std::string& key : route) {
        std::unique_ptr<Node>& child = node->children[key];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
      }
      node->templates.push_back(loaded.id);
      miner.routes_.push_back(std::move(route));
    }
    return miner;
  } catch (const nlohmann::json::exception& error) {
    return malformed(error.what());
  }
}

}  // namespace protolm
