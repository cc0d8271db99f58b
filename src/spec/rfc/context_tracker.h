// The context a sentence is read in: protocol, message, field and role.
//
// RFCs imply context by layout rather than saying it in each sentence: the
// section heading names the message ("Destination Unreachable Message"), an
// indented label names the field whose description follows ("Checksum"), a
// group label names the protocol of the fields after it ("IP Fields:"), and
// verbs such as "sent" or "received" imply whether the sender or the receiver
// acts. ContextTracker follows the layout block by block; the free functions
// are the rules it applies, exposed for tests. Not thread-safe (one per read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/rfc/rfc_document.h"

namespace protolm::spec {

/// Protocol named by a heading or group label: "(IGMP)" in it, else, when
/// the heading names a message or the label a group of fields, a capitalised
/// abbreviation among mixed-case words ("Generic BFD Control Packet Format",
/// "IP Fields:").
std::string ProtocolFromHeading(std::string_view heading, bool names_message);

/// Protocol of a document titled `title`: "(ABBR)" after the title in
/// `body`, else the initials of a title ending in "Protocol".
std::string ProtocolFromTitle(std::string_view title, std::string_view body);

/// True if a heading names a message or header ("Echo or Echo Reply
/// Message", "NTP Data Format", "Generic BFD Control Packet Format").
bool HeadingNamesMessage(std::string_view heading);

/// The field name in a label: "Version:  4 bits" -> "Version".
std::string LabelName(std::string_view label);

/// True if a label introduces a field (not "Description", "Note", ...).
bool LabelIsField(std::string_view label);

/// "sender", "receiver", "both" or "" from the verbs of a sentence.
std::string InferRole(std::string_view sentence);

class ContextTracker {
 public:
  /// Starts a section: resets labels; `protocol` and `message` may be "".
  void EnterSection(std::string protocol, std::string message);
  /// A block at `indent` ends every label at the same or a deeper indent.
  void CloseLabels(int indent);
  /// A label at `indent` whose description is indented below it.
  void PushLabel(int indent, std::string field);
  /// A group label such as "IP Fields:" sets the protocol of what follows.
  void SetGroupProtocol(std::string protocol);
  /// The context of a sentence starting now; `text` gives the role.
  SentenceContext ContextFor(std::string_view text) const;
  /// The innermost field label ("" outside field descriptions).
  std::string CurrentField() const;
  const std::string& message() const { return message_; }
  std::string protocol() const;

 private:
  struct Label {
    int indent;
    std::string field;
  };
  std::string section_protocol_;
  std::string group_protocol_;
  std::string message_;
  std::vector<Label> labels_;
};

}  // namespace protolm::spec
