// The messages of a specification that code is generated for, and the C
// functions generated for each: one per message and role, named from the
// sentence context.
//
// A message is a header diagram the RFC reader parsed whose title names a
// message ("Echo or Echo Reply Message"), or whose Type value list names
// several ("1 = Host Membership Query", "2 = Host Membership Report"). A
// title "X or Y Message" names a request X and its reply Y: the sender
// builds X (`icmp_echo_sender`), the receiver accepts X and builds Y
// (`icmp_echo_reply_receiver`). Otherwise each message gets a sender that
// builds it and a receiver that only validates it
// (`icmp_destination_unreachable_sender`, `igmp_host_membership_query_sender`).
// Plain values, safe to copy.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "spec/rfc/rfc_document.h"

namespace protolm::spec::codegen {

enum class FunctionRole { kSender, kReceiver };

/// "sender" or "receiver".
const char* FunctionRoleName(FunctionRole role);

struct MessageModel {
  std::string title;        // "Echo or Echo Reply Message"
  std::string protocol;     // "ICMP"
  HeaderDiagram diagram;    // the layout the header emitter codes
  std::string struct_name;  // "icmp_echo_or_echo_reply_message"
  /// Lower-case message names: {"echo message", "echo reply message"} or
  /// {"destination unreachable message"}.
  std::vector<std::string> variants;
  /// Type values of the variants from the value lists under "Type" (a bare
  /// value belongs to the only variant).
  std::map<std::string, uint64_t> type_values;
  std::map<std::string, int> type_lines;  // where each value is listed
  /// Named values of its fields ("down" under Sta) -> their C constant.
  std::map<std::string, std::string> named_values;
  /// True when the layout quotes the original datagram ("Internet Header +
  /// 64 bits of Original Data Datagram"): the sender needs it.
  bool quotes_original = false;
  /// True for "X or Y Message": Y answers X. Otherwise every variant is
  /// sent on its own (IGMP's query and report share one layout).
  bool request_reply = false;
};

struct FunctionModel {
  std::string name;  // "icmp_echo_reply_receiver"
  FunctionRole role = FunctionRole::kSender;
  size_t message = 0;   // index into the message list
  std::string accepts;  // receivers: the variant they accept
  std::string builds;   // the variant built, "" for a validating receiver
};

/// The messages of `doc` for `protocol` (case-insensitive; "" = the
/// document's protocol): diagrams with a section title, in document order.
std::vector<MessageModel> FindMessages(const RfcDocument& doc,
                                       const std::string& protocol);

/// Sender and receiver functions of every message, in message order.
std::vector<FunctionModel> PlanFunctions(
    const std::vector<MessageModel>& messages);

/// Index of the message a sentence's context names, if it has a diagram;
/// a sentence outside any message belongs to the only message there is.
std::optional<size_t> MessageOfContext(
    const std::vector<MessageModel>& messages, const SentenceContext& context);

/// C constant name for a value of a field: ("icmp_echo_or_echo_reply_message",
/// "Type", "echo message") ->
/// "ICMP_ECHO_OR_ECHO_REPLY_MESSAGE_TYPE_ECHO_MESSAGE".
std::string ValueConstantName(const std::string& struct_name,
                              const std::string& field,
                              const std::string& meaning);

}  // namespace protolm::spec::codegen
