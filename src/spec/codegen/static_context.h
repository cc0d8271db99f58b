// The static context of code generation: what a logical form's noun phrases
// mean in C inside one generated function.
//
// SAGE resolves the entities a sentence talks about against the message
// being built (its header fields), the lower layer (IP source and
// destination, TTL, the original datagram an error message quotes), the
// functions a specification assumes (the one's complement sum) and what the
// operating system provides (the node's address, its routes, the clock).
// ResolveEntity maps an entity term to one of these; the generated C names
// the variables of the function frame written by c_function_writer:
//   msg  the message being built        req  the message received
//   in   the datagram received          orig the datagram an error quotes
//   ip   the IP fields of the datagram being sent
//   destination  where a sender sends   out/len  the serialized message
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "spec/ccg/lambda_term.h"
#include "spec/codegen/message_model.h"

namespace protolm::spec::codegen {

/// The function a sentence is lowered into.
struct FunctionScope {
  const MessageModel* message = nullptr;
  const FunctionModel* function = nullptr;
};

/// True when the function builds a message (a sender, or a receiver that
/// answers): only then do field assignments become code.
bool BuildsMessage(const FunctionScope& scope);

/// A checksum as the specification defines it: the one's complement of the
/// one's complement sum of the octets from `start_octet` to `end` of the
/// serialized message.
struct ChecksumRange {
  int start_octet = 0;
  std::string end;    // C expression for the end octet: "len" or a constant
  std::string field;  // the checksum field's C member ("checksum")
  int field_bit = 0;  // where it lies in the message
  int field_width = 16;
};

/// What an entity term means in C.
struct Entity {
  enum class Kind {
    kUnknown,   // not in the static context: `why` says what was missing
    kScalar,    // a value: `expr`
    kBytes,     // octets: `expr` (pointer) and `length`
    kTarget,    // an assignable field: `expr`, and `length` for a variable one
    kTargets,   // several fields ("any unused field"): `items`
    kChecksum,  // a checksum definition: `checksum`
    kTyped,     // "8 for echo message": `expr` is the value of `message`
  };
  Kind kind = Kind::kUnknown;
  std::string expr;
  std::string length;
  std::string received;  // a target's counterpart in what was received
  std::string received_length;
  std::vector<Entity> items;
  ChecksumRange checksum;
  std::string message;         // kTyped: the message the value is for
  bool uses_original = false;  // reads `orig`
  std::string why;
};

/// Resolves an entity (a constant, number, @Of, @Which, @Prep, @Plus, ...)
/// in `scope`. Never fails: an unknown entity says why in `why`.
Entity ResolveEntity(const ccg::TermPtr& term, const FunctionScope& scope);

/// The field of the message's diagram a noun phrase names ("checksum field",
/// "identifier", "internet header + 64 bits of data datagram"), or null.
const DiagramField* FindField(const HeaderDiagram& diagram,
                              const std::string& name);

/// C member name of a diagram field (as the header emitter names it).
std::string MemberName(const DiagramField& field);

/// True for the fields of the IP header that ICMP's "IP Fields" describe
/// (Version, IHL, ..., Destination Address): the lower layer's, set by the
/// runtime unless a sentence says otherwise.
bool IsLowerLayerField(const std::string& field);

/// What the runtime does for lower-layer behaviour a sentence states
/// ("decrements" the TTL), or "" when the verb is not one of them.
std::string LowerLayerBehaviour(const std::string& verb);

}  // namespace protolm::spec::codegen
