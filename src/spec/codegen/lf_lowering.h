// Logical forms to C statements: the post-order walk of SAGE's code
// generator, one handler per predicate.
//
// LowerSentence walks a sentence's single logical form bottom-up: the
// handler of each predicate combines what its arguments lowered to (@If
// wraps its consequence in a test of its condition, @Must/@Should/@May pass
// their statement through, @AdvBefore marks its advice to run before the
// action it names, @Action dispatches on the verb: set, swap, recompute,
// forms, ...). Entities resolve through the static context
// (static_context.h). A sentence that yields no code in a function says
// why (a prohibition, a description, an entity the static context lacks).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/ccg/lambda_term.h"
#include "spec/codegen/static_context.h"
#include "spec/rfc/rfc_document.h"

namespace protolm::spec::codegen {

struct LoweredSentence {
  std::vector<std::string> lines;  // C statements, nested blocks indented by 2
  std::string tag;     // "checksum" when the statements compute the checksum
  std::string before;  // advice: runs before the statements tagged so
  bool setup = false;  // forms the reply from the request: runs first
  bool uses_original = false;  // reads the quoted datagram `orig`
  std::string why;             // no lines: why the sentence gives no code here
};

/// The checksum definition among a message's sentences ("The checksum is
/// the 16-bit one's complement of ..."), lowered in `scope`.
std::optional<ChecksumRange> FindChecksumDefinition(const ccg::TermPtr& form,
                                                    const FunctionScope& scope);

/// The C statements computing the checksum as `range` defines it, after
/// serializing `msg` into `out` (sets `len`).
std::vector<std::string> ChecksumStatements(const ChecksumRange& range,
                                            const std::string& struct_name);

/// Lowers one logical form in one function. `checksum` is the message's
/// checksum definition, for "recompute the checksum" (may be null).
LoweredSentence LowerSentence(const ccg::TermPtr& form,
                              const SentenceContext& context,
                              const FunctionScope& scope,
                              const ChecksumRange* checksum);

}  // namespace protolm::spec::codegen
