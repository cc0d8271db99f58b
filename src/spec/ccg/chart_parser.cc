// Two-pass CKY: a packed category chart, then semantics per edge (see
// chart_parser.h).
#include "spec/ccg/chart_parser.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <unordered_map>

namespace protolm::spec::ccg {
namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  return a > std::numeric_limits<uint64_t>::max() - b
             ? std::numeric_limits<uint64_t>::max()
             : a + b;
}

uint64_t SaturatingMul(uint64_t a, uint64_t b) {
  if (a != 0 && b > std::numeric_limits<uint64_t>::max() / a) {
    return std::numeric_limits<uint64_t>::max();
  }
  return a * b;
}

constexpr int kNone = -1;

struct Edge {
  CategoryPtr category;
  Rule rule;
  size_t start, end;  // the tokens it spans
  // Back-pointers: (left, right) edge ids for binary rules, (child, kNone)
  // for type raising; none for lexical edges.
  std::vector<std::pair<int, int>> children;
  std::set<std::pair<int, int>> child_set;
  std::vector<TermPtr> lexical;  // lexical edges: the items' semantics
};

// The distinct semantics of an edge and the attachment height of each.
struct Readings {
  std::vector<TermPtr> terms;
  std::vector<size_t> heights;
};

bool HeadedBy(CategoryPtr c, const CategoryPtr& goal) {
  while (c->is_functor()) c = c->result;
  return SameCategory(c, goal);
}

// A clause-level constituent attaching over its left neighbour: a backward
// rule whose primary functor (the right part) takes a clause or verb phrase.
bool AttachesFromTheRight(Rule rule, const CategoryPtr& right,
                          const CategoryPtr& goal) {
  return (rule == Rule::kBackwardApplication ||
          rule == Rule::kBackwardComposition ||
          rule == Rule::kBackwardCrossedComposition) &&
         right->is_functor() && HeadedBy(right->argument, goal);
}

class Chart {
 public:
  Chart(size_t n, const CategoryPtr& goal, const ChartOptions& options,
        bool& truncated)
      : n_(n),
        goal_(goal),
        options_(options),
        truncated_(truncated),
        cells_((n + 1) * (n + 1)) {}

  std::vector<int>& cell(size_t start, size_t end) {
    return cells_[start * (n_ + 1) + end];
  }
  const Edge& edge(int id) const { return edges_[id]; }

  // Adds the edge (span, category, rule) or a back-pointer to the existing
  // one. Returns its id, or kNone when the cell is full.
  int Insert(size_t start, size_t end, const CategoryPtr& category, Rule rule,
             std::pair<int, int> children) {
    std::string key = std::to_string(start) + ':' + std::to_string(end) + ':' +
                      category->text + ':' + RuleSymbol(rule);
    auto it = index_.find(key);
    int id;
    if (it != index_.end()) {
      id = it->second;
    } else {
      std::vector<int>& c = cell(start, end);
      if (c.size() >= options_.max_edges_per_cell) {
        truncated_ = true;
        return kNone;
      }
      id = static_cast<int>(edges_.size());
      edges_.push_back(Edge{category, rule, start, end, {}, {}, {}});
      index_.emplace(std::move(key), id);
      c.push_back(id);
    }
    if (children.first != kNone &&
        edges_[id].child_set.insert(children).second) {
      edges_[id].children.push_back(children);
    }
    return id;
  }

  void AddLexical(int id, const TermPtr& semantics) {
    edges_[id].lexical.push_back(semantics);
  }

  // Distinct semantics of an edge with their least attachment heights
  // (memoised). Once the edge is full, further derivations are dropped.
  const Readings& ReadingsOf(int id) {
    auto memo = readings_.find(id);
    if (memo != readings_.end()) return memo->second;
    Readings out;
    std::unordered_map<std::string, size_t> index;
    auto add = [&](const TermPtr& t, size_t height) {
      if (out.terms.size() >= options_.max_readings_per_edge) {
        truncated_ = true;
        return;
      }
      auto [it, inserted] = index.emplace(ToString(t), out.terms.size());
      if (inserted) {
        out.terms.push_back(t);
        out.heights.push_back(height);
      } else {
        out.heights[it->second] = std::min(out.heights[it->second], height);
      }
    };
    const Edge e = edges_[id];
    for (const TermPtr& t : e.lexical) add(t, 0);
    for (const auto& [l, r] : e.children) {
      if (r == kNone) {
        const Readings raised = ReadingsOf(l);
        for (size_t i = 0; i < raised.terms.size(); ++i) {
          add(RaiseSemantics(raised.terms[i]), raised.heights[i]);
        }
        continue;
      }
      const size_t own = AttachesFromTheRight(e.rule, edges_[r].category, goal_)
                             ? edges_[l].end - edges_[l].start
                             : 0;
      const Readings left = ReadingsOf(l);
      const Readings& right = ReadingsOf(r);
      for (size_t i = 0; i < left.terms.size(); ++i) {
        for (size_t j = 0; j < right.terms.size(); ++j) {
          Result<TermPtr> t = CombineSemantics(
              e.rule, left.terms[i], right.terms[j], options_.max_beta_steps);
          // A runaway term has no reading.
          if (t.ok()) add(*t, left.heights[i] + right.heights[j] + own);
        }
      }
    }
    return readings_.emplace(id, std::move(out)).first->second;
  }

  uint64_t Derivations(int id) {
    auto memo = derivations_.find(id);
    if (memo != derivations_.end()) return memo->second;
    const Edge e = edges_[id];
    uint64_t total = e.lexical.size();
    for (const auto& [l, r] : e.children) {
      uint64_t d = r == kNone ? Derivations(l)
                              : SaturatingMul(Derivations(l), Derivations(r));
      total = SaturatingAdd(total, d);
    }
    derivations_[id] = total;
    return total;
  }

 private:
  size_t n_;
  CategoryPtr goal_;
  const ChartOptions& options_;
  bool& truncated_;
  std::vector<std::vector<int>> cells_;
  std::vector<Edge> edges_;
  std::unordered_map<std::string, int> index_;
  std::unordered_map<int, Readings> readings_;
  std::unordered_map<int, uint64_t> derivations_;
};

}  // namespace

ChartResult ParseChart(const std::vector<std::vector<LexicalItem>>& tokens,
                       const CategoryPtr& goal, const ChartOptions& options) {
  ChartResult result;
  const size_t n = tokens.size();
  if (n == 0) return result;
  if (n > options.max_tokens) {
    result.truncated = true;
    return result;
  }
  Chart chart(n, goal, options, result.truncated);
  for (size_t i = 0; i < n; ++i) {
    for (const LexicalItem& lex : tokens[i]) {
      int id =
          chart.Insert(i, i + 1, lex.category, Rule::kLexical, {kNone, kNone});
      if (id != kNone) chart.AddLexical(id, lex.semantics);
    }
  }
  std::unordered_map<std::string, std::vector<BinaryCombination>> combinations;
  size_t pairs = 0;
  for (size_t span = 2; span <= n && pairs <= options.max_pairs; ++span) {
    for (size_t start = 0; start + span <= n; ++start) {
      const size_t end = start + span;
      for (size_t mid = start + 1; mid < end; ++mid) {
        // Index loops over live cells: type raising appends to them, and the
        // new edges are visited later in the same walk (as in NLTK).
        for (size_t a = 0; a < chart.cell(start, mid).size(); ++a) {
          for (size_t b = 0; b < chart.cell(mid, end).size(); ++b) {
            if (++pairs > options.max_pairs) {
              result.truncated = true;
              break;
            }
            const int l = chart.cell(start, mid)[a];
            const int r = chart.cell(mid, end)[b];
            const CategoryPtr lc = chart.edge(l).category;
            const CategoryPtr rc = chart.edge(r).category;
            const Rule l_rule = chart.edge(l).rule;
            const Rule r_rule = chart.edge(r).rule;
            std::string pair_key = lc->text + '\x1e' + rc->text;
            auto cached = combinations.find(pair_key);
            if (cached == combinations.end()) {
              cached = combinations
                           .emplace(std::move(pair_key),
                                    CombineCategories(lc, rc, options.rules))
                           .first;
            }
            for (const BinaryCombination& c : cached->second) {
              if (options.normal_form &&
                  !NormalFormAllows(c.rule, l_rule, r_rule))
                continue;
              chart.Insert(start, end, c.category, c.rule, {l, r});
            }
            if (!options.rules.type_raising) continue;
            if (std::optional<CategoryPtr> raised =
                    RaiseLeft(lc, rc, options.rules)) {
              chart.Insert(start, mid, *raised, Rule::kForwardTypeRaising,
                           {l, kNone});
            }
            if (std::optional<CategoryPtr> raised =
                    RaiseRight(lc, rc, options.rules)) {
              chart.Insert(mid, end, *raised, Rule::kBackwardTypeRaising,
                           {r, kNone});
            }
          }
        }
      }
    }
  }
  std::unordered_map<std::string, size_t> index;
  for (int id : chart.cell(0, n)) {
    if (!SameCategory(chart.edge(id).category, goal)) continue;
    result.derivations =
        SaturatingAdd(result.derivations, chart.Derivations(id));
    const Readings& readings = chart.ReadingsOf(id);
    for (size_t i = 0; i < readings.terms.size(); ++i) {
      auto [it, inserted] =
          index.emplace(ToString(readings.terms[i]), result.forms.size());
      if (inserted) {
        result.forms.push_back(readings.terms[i]);
        result.attachment_heights.push_back(readings.heights[i]);
      } else {
        size_t& h = result.attachment_heights[it->second];
        h = std::min(h, readings.heights[i]);
      }
    }
  }
  return result;
}

}  // namespace protolm::spec::ccg
