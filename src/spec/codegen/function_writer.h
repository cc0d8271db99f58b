// The C text of one generated function: its frame (parameters, parsing of
// what was received, serialization) around the statements lowered from the
// sentences, in SAGE's order: forming the reply first, then the sentences in
// document order, then the checksum with its advice (@AdvBefore) just
// before it. Identical statements from several sentences are written once,
// citing every sentence. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "spec/codegen/lf_lowering.h"
#include "spec/codegen/message_model.h"

namespace protolm::spec::codegen {

/// Statements one sentence contributes to one function.
struct CodePiece {
  LoweredSentence code;
  std::vector<int> lines;  // source lines of the sentences behind it
  std::string text;        // the first sentence's text
};

/// The C prototype (without ';') of a generated function.
std::string FunctionPrototype(const FunctionModel& function,
                              const MessageModel& message);

/// The whole C definition. `checksum` is the message's checksum definition
/// (receivers verify it); `type_constant` names the value of the Type field
/// that receivers accept and senders write ("" when the document gives
/// none).
std::string WriteFunction(const FunctionModel& function,
                          const MessageModel& message,
                          const std::vector<CodePiece>& pieces,
                          const std::optional<ChecksumRange>& checksum,
                          int checksum_line,
                          const std::string& accept_type_constant,
                          const std::string& build_type_constant);

}  // namespace protolm::spec::codegen
