// CKY chart parser for CCG with lambda semantics.
//
// Input: for each token of a sentence, the lexical items it may take (a
// category and its semantics). Output: the distinct logical forms of the
// whole sentence (semantics of goal-category edges spanning every token) and
// the number of derivations behind them.
//
// Parsing runs in two passes, as NLTK's CCGChartParser does: the first builds
// a packed chart of edges (span, category, rule) with back-pointers, visiting
// spans in NLTK's order (span length, start, split) including where
// type-raised edges become visible; the second computes the set of semantics
// of each edge from its back-pointers (memoised), so every derivation of a
// category contributes its meaning wherever that category was used. The
// normal-form constraints act in the first pass on the rules that built each
// edge. Caps on edges per cell, on edge pairs tried and on readings per edge
// bound memory and time on hostile or very long input; hitting one is
// reported as `truncated` (the forms found may then be incomplete).
// Each form also gets its attachment height, the least over its
// derivations of the tokens that clause-level constituents attach over from
// the right: a backward rule whose result is headed by the goal category
// (a conjunct, a verb-phrase modifier, a postposed clause) adds the length of
// its left part. The lower it is, the closer each such constituent attaches
// to the words just before it (right association, "late closure"); the
// winnowing uses it as its last preference. Noun-phrase attachments do not
// count: which noun a prepositional phrase modifies stays the business of
// the logical-form checks.
// Stateless; safe to call from several threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/ccg/category.h"
#include "spec/ccg/combinators.h"
#include "spec/ccg/lambda_term.h"

namespace protolm::spec::ccg {

struct LexicalItem {
  CategoryPtr category;
  TermPtr semantics;
};

struct ChartOptions {
  RuleOptions rules;
  bool normal_form = true;  // Eisner / Hockenmaier-Bisk constraints
  size_t max_tokens = 60;   // longer sentences are refused
  size_t max_edges_per_cell = 256;
  size_t max_pairs = 200000;  // edge pairs tried in the first pass
  size_t max_readings_per_edge = 64;
  int max_beta_steps = 2000;
};

struct ChartResult {
  std::vector<TermPtr>
      forms;  // distinct semantics of goal edges, in order found
  std::vector<size_t> attachment_heights;  // one per form (see above)
  uint64_t derivations = 0;  // derivations of those edges (saturating)
  bool truncated = false;    // a limit of ChartOptions was hit
};

/// Parses one sentence. A token with no lexical item yields no forms.
ChartResult ParseChart(const std::vector<std::vector<LexicalItem>>& tokens,
                       const CategoryPtr& goal, const ChartOptions& options);

}  // namespace protolm::spec::ccg
