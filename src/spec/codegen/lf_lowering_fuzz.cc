// Fuzz target: arbitrary logical-form text, parsed as a term and lowered in
// every function of an ICMP echo message and an IGMP-style multi-message
// layout. Lowering must never crash, whatever the term's shape (predicates
// with too few arguments, numbers where names belong, deep nesting).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "spec/ccg/term_parser.h"
#include "spec/codegen/lf_lowering.h"
#include "spec/codegen/message_model.h"

namespace {

using protolm::spec::DiagramField;
using protolm::spec::SentenceContext;
using protolm::spec::codegen::ChecksumRange;
using protolm::spec::codegen::FunctionScope;
using protolm::spec::codegen::MessageModel;

std::vector<MessageModel> Messages() {
  MessageModel echo;
  echo.title = "Echo or Echo Reply Message";
  echo.protocol = "ICMP";
  echo.struct_name = "icmp_echo_or_echo_reply_message";
  echo.variants = {"echo message", "echo reply message"};
  echo.type_values = {{"echo message", 8}, {"echo reply message", 0}};
  echo.request_reply = true;
  echo.named_values = {{"down", "STA_DOWN"}};
  echo.diagram.fields = {DiagramField{"Type", 0, 8, {}},
                         DiagramField{"Code", 8, 8, {}},
                         DiagramField{"Checksum", 16, 16, {}},
                         DiagramField{"Identifier", 32, 16, {}},
                         DiagramField{"unused", 48, 16, {}},
                         DiagramField{"Data", 64, -1, {}}};
  MessageModel igmp = echo;
  igmp.title = "INTERNET GROUP MANAGEMENT PROTOCOL (IGMP)";
  igmp.variants = {"host membership query message",
                   "host membership report message"};
  igmp.request_reply = false;
  return {echo, igmp};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<MessageModel> messages = Messages();
  static const auto functions = protolm::spec::codegen::PlanFunctions(messages);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto term = protolm::spec::ccg::ParseTerm(text, {"<fuzz>", 1, 1});
  if (!term.ok()) return 0;
  SentenceContext context{"ICMP", "Echo or Echo Reply Message", "Checksum", ""};
  ChecksumRange checksum;
  checksum.end = "len";
  checksum.field = "checksum";
  checksum.field_bit = 16;
  for (const auto& function : functions) {
    FunctionScope scope{&messages[function.message], &function};
    protolm::spec::codegen::LowerSentence(*term, context, scope, &checksum);
    protolm::spec::codegen::FindChecksumDefinition(*term, scope);
  }
  return 0;
}
