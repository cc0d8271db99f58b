// LogTemplateMiner: an online log template miner in the manner of Drain (He
// et al., ICWS 2017), written for protolm.
//
// Each message is split into words and masked (log_masks.h). A parse tree of
// fixed depth routes it: first by its number of words, then by its first
// `depth - 2` words (a word with a digit or a mask routes as "<*>"; a node
// with `max_children` children routes new words to its "<*>" child). The
// leaf holds templates of that length; the message joins the one most
// similar to it — similarity = the share of positions where the template's
// word equals the message's (a masked word equals a "<*>"; a "<*>" facing a
// constant word does not count; ties go to the template with more "<*>") —
// when that share reaches `similarity`, and
// the template's differing words become "<*>"; otherwise it founds a new
// template. Template ids are 1, 2, ... in order of creation and never change,
// so a detector trained on them can reuse them: ToJson()/FromJson() carry the
// templates and the tree's routes.
//
// Bounds: a message is read up to its first 16 KiB and 512 words; at most
// `max_templates` templates (then Learn() stops making new ones and returns
// template 0). Parameters: the message's words at the template's "<*>"
// positions, as written. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm {

struct LogTemplateMinerOptions {
  int depth = 4;             // tree depth: length, then depth - 2 words
  double similarity = 0.5;   // the share of equal words to join a template
  size_t max_children = 100;
  size_t max_templates = 5000;
};

struct LogTemplate {
  uint32_t id = 0;
  std::vector<std::string> words;  // "<*>" for variable positions
  uint64_t count = 0;              // messages that joined it

  /// The words joined by single spaces.
  std::string Text() const;
};

/// Which template a message fits and what fills its wildcards.
struct LogMatch {
  uint32_t template_id = 0;  // 0: none (Match found none; the miner is full)
  std::vector<std::string> parameters;
};

class LogTemplateMiner {
 public:
  explicit LogTemplateMiner(LogTemplateMinerOptions options = {});
  ~LogTemplateMiner();
  LogTemplateMiner(LogTemplateMiner&&) noexcept;
  LogTemplateMiner& operator=(LogTemplateMiner&&) noexcept;

  /// Places `message` in a template, creating or generalising one.
  LogMatch Learn(std::string_view message);
  /// The template `message` fits, learning nothing; template_id 0 if none.
  LogMatch Match(std::string_view message) const;

  /// The template with this id; nullptr when there is none.
  const LogTemplate* Find(uint32_t id) const;
  size_t size() const { return templates_.size(); }

  nlohmann::json ToJson() const;
  /// Malformed when `json` is not what ToJson() writes.
  static Result<LogTemplateMiner> FromJson(const nlohmann::json& json);

 private:
  struct Node;
  struct Candidate {
    uint32_t id = 0;
    double similarity = 0;
  };

  /// The leaf a new template of `words` goes to, made as needed; its keys
  /// go to `route`.
  Node* MakeLeaf(const std::vector<std::string>& words,
                 std::vector<std::string>& route);
  /// The leaf whose templates `words` is compared with (a missing word
  /// falls back to the "<*>" child); nullptr when there is none.
  const Node* FindLeaf(const std::vector<std::string>& words) const;
  std::optional<Candidate> Best(const Node& leaf,
                                const std::vector<std::string>& words) const;
  LogMatch MatchOf(const LogTemplate& found,
                   const std::vector<std::string_view>& originals) const;
  std::string RouteKey(const std::vector<std::string>& words, size_t level) const;

  LogTemplateMinerOptions options_;
  std::unique_ptr<Node> root_;
  std::vector<LogTemplate> templates_;            // id - 1 → template
  std::vector<std::vector<std::string>> routes_;  // id - 1 → its tree route
};

}  // namespace protolm
