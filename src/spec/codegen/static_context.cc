// Entity resolution against the message, the lower layer and the runtime
// (see static_context.h).
#include "spec/codegen/static_context.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "spec/rfc/c_header_emitter.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec::codegen {
namespace {

using ccg::TermKind;
using ccg::TermPtr;

bool IsPred(const TermPtr& t, std::string_view name, size_t arity = 0) {
  return t && t->kind == TermKind::kPredicate && t->name == name &&
         (arity == 0 || t->args.size() == arity);
}

bool IsName(const TermPtr& t) {
  return t && (t->kind == TermKind::kConstant || t->kind == TermKind::kNumber);
}

bool IsDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// True when a constant somewhere in `t` contains `word`.
bool Mentions(const TermPtr& t, std::string_view word) {
  if (!t) return false;
  if (IsName(t)) return t->name.find(word) != std::string::npos;
  for (const TermPtr& arg : t->args) {
    if (Mentions(arg, word)) return true;
  }
  return false;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += ToLower(c);
    } else if (!word.empty()) {
      out.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(word);
  return out;
}

// Words of a field name without the filler a sentence adds ("checksum
// field", "the original datagram").
std::set<std::string> KeyWords(const std::string& text) {
  static const std::set<std::string> kFiller = {"field", "fields", "the",
                                                "original"};
  std::set<std::string> out;
  for (const std::string& w : Words(text)) {
    if (!kFiller.count(w)) out.insert(w);
  }
  return out;
}

Entity Unknown(std::string why) {
  Entity e;
  e.why = std::move(why);
  return e;
}

Entity Scalar(std::string expr, bool uses_original = false) {
  Entity e;
  e.kind = Entity::Kind::kScalar;
  e.expr = std::move(expr);
  e.uses_original = uses_original;
  return e;
}

Entity FieldTarget(const DiagramField& field) {
  Entity e;
  e.kind = Entity::Kind::kTarget;
  std::string member = MemberName(field);
  e.expr = "msg." + member;
  e.received = "req." + member;
  if (field.bit_width < 0) {
    e.length = "msg." + member + "_len";
    e.received_length = "req." + member + "_len";
  }
  return e;
}

Entity LowerLayerTarget(const std::string& member) {
  Entity e;
  e.kind = Entity::Kind::kTarget;
  e.expr = "ip->" + member;
  e.received = "in->" + member;
  return e;
}

// The variant a message name in a sentence refers to, or "".
std::string VariantNamed(const FunctionScope& scope, const TermPtr& t) {
  if (!IsName(t)) return "";
  for (const std::string& variant : scope.message->variants) {
    if (t->name == variant) return variant;
  }
  return "";
}

// 224.0.0.1 -> 0xe0000001.
std::optional<uint32_t> DottedQuad(const std::string& text) {
  uint32_t address = 0;
  int parts = 0;
  size_t at = 0;
  while (parts < 4) {
    size_t end = text.find('.', at);
    std::string part = text.substr(
        at, end == std::string::npos ? std::string::npos : end - at);
    if (!IsDigits(part) || part.size() > 3 || std::stoi(part) > 255)
      return std::nullopt;
    address = (address << 8) | static_cast<uint32_t>(std::stoi(part));
    ++parts;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  if (parts != 4 || text.find('.', at) != std::string::npos)
    return std::nullopt;
  return address;
}

Entity ResolveName(const std::string& name, const FunctionScope& scope) {
  if (IsDigits(name)) return Scalar(name + "u");
  if (name == "zero" || name == "zeroed") return Scalar("0u");
  if (std::optional<uint32_t> address = DottedQuad(name)) {
    std::ostringstream hex;
    hex << "0x" << std::hex << *address << "u /* " << name << " */";
    return Scalar(hex.str());
  }
  if (name == "ip protocol") return LowerLayerTarget("protocol");
  if (name == "udp source port") return LowerLayerTarget("src_port");
  if (name == "udp destination port") return LowerLayerTarget("dst_port");
  if (name == "current ntp time") return Scalar("plm_ntp_now()");
  if (name == "peer address") return Scalar("destination");
  // The state variables of a BFD session (RFC 5880 section 6.8.1).
  static const std::map<std::string, std::string> kSessionVariables = {
      {"session state", "session_state"},
      {"remote state", "remote_session_state"},
      {"remote discriminator", "remote_discr"},
      {"remote demand mode", "remote_demand_mode"},
      {"remote min rx interval", "remote_min_rx_interval"}};
  if (auto variable = kSessionVariables.find(name);
      variable != kSessionVariables.end()) {
    Entity e;
    e.kind = Entity::Kind::kTarget;
    e.expr = "plm_bfd_session()->" + variable->second;
    return e;
  }
  if (auto value = scope.message->named_values.find(name);
      value != scope.message->named_values.end()) {
    return Scalar(value->second);
  }
  if (name == "ip time to live") return LowerLayerTarget("ttl");
  if (name == "current time") {  // RFC 792: milliseconds since midnight UT
    return Scalar("plm_ms_since_midnight_ut()");
  }
  if (name == "ip source address" || name == "source address") {
    return LowerLayerTarget("src");
  }
  if (name == "ip destination address" || name == "destination address") {
    return LowerLayerTarget("dst");
  }
  const HeaderDiagram& diagram = scope.message->diagram;
  if (name == "unused field" || name == "unused fields" ||
      name == "any unused field") {
    Entity all;
    all.kind = Entity::Kind::kTargets;
    for (const DiagramField& field : diagram.fields) {
      if (CIdentifier(field.name) == "unused")
        all.items.push_back(FieldTarget(field));
    }
    if (all.items.empty())
      return Unknown(scope.message->title + " has no unused field");
    return all;
  }
  if (const DiagramField* field = FindField(diagram, name))
    return FieldTarget(*field);
  return Unknown("'" + name + "' is neither a field of the " +
                 scope.message->title + " nor in the static context");
}

// Octets named by "first 64 bits".
std::string OctetsOf(const std::string& text) {
  for (const std::string& w : Words(text)) {
    if (IsDigits(w) && w.size() < 6)
      return std::to_string(std::stoi(w) / 8) + "u";
  }
  return "";
}

Entity ResolveChecksum(const TermPtr& range, const FunctionScope& scope) {
  const HeaderDiagram& diagram = scope.message->diagram;
  const DiagramField* checksum = FindField(diagram, "checksum");
  if (!checksum)
    return Unknown(scope.message->title + " has no checksum field");
  Entity e;
  e.kind = Entity::Kind::kChecksum;
  e.checksum.field = MemberName(*checksum);
  e.checksum.field_bit = checksum->bit_offset;
  e.checksum.field_width = checksum->bit_width;
  TermPtr start;
  if (IsPred(range, "Prep", 3) && range->args[0]->name == "from" &&
      IsPred(range->args[2], "Prep", 3) &&
      range->args[2]->args[0]->name == "up to" &&
      Mentions(range->args[2]->args[2], "end")) {
    start = range->args[2]->args[1];
    e.checksum.end = "len";
  } else if (IsName(range) && range->name.size() >= 7 &&
             range->name.compare(range->name.size() - 7, 7, "message") == 0) {
    // "the 8-octet IGMP message": all of it.
    e.checksum.end = "len";
    return e;
  } else if (IsPred(range, "Prep", 3) &&
             range->args[0]->name == "starting with") {
    // The range has a start and no end: only the fixed fields are certain.
    start = range->args[2];
    e.checksum.end =
        ValueConstantName(scope.message->struct_name, "min len", "");
  } else {
    return Unknown("the checksummed range is not 'from X up to the end of Y'");
  }
  if (!IsName(start))
    return Unknown("the checksummed range starts at no field");
  std::string name = start->name;
  std::string protocol_prefix = CIdentifier(scope.message->protocol) + " ";
  if (name.rfind(protocol_prefix, 0) == 0)
    name = name.substr(protocol_prefix.size());
  const DiagramField* first = FindField(diagram, name);
  if (!first || first->bit_offset < 0 || first->bit_offset % 8 != 0) {
    return Unknown("the checksummed range starts at '" + start->name +
                   "', which is not a field of the " + scope.message->title);
  }
  e.checksum.start_octet = first->bit_offset / 8;
  return e;
}

}  // namespace

std::string MemberName(const DiagramField& field) {
  return CIdentifier(field.name);
}

bool BuildsMessage(const FunctionScope& scope) {
  return !scope.function->builds.empty();
}

const DiagramField* FindField(const HeaderDiagram& diagram,
                              const std::string& name) {
  std::string wanted = CIdentifier(name);
  for (const DiagramField& field : diagram.fields) {
    if (MemberName(field) == wanted) return &field;
  }
  std::set<std::string> words = KeyWords(name);
  if (words.empty()) return nullptr;
  for (const DiagramField& field : diagram.fields) {
    std::set<std::string> field_words = KeyWords(field.name);
    if (field_words == words) return &field;
  }
  if (words.size() < 3) return nullptr;  // "data" must not match a long name
  for (const DiagramField& field : diagram.fields) {
    std::set<std::string> field_words = KeyWords(field.name);
    bool subset = true;
    for (const std::string& w : words) subset = subset && field_words.count(w);
    if (subset) return &field;
  }
  return nullptr;
}

bool IsLowerLayerField(const std::string& field) {
  static const std::set<std::string> kIpFields = {
      "version",         "ihl",
      "type of service", "total length",
      "identification",  "flags",
      "fragment offset", "time to live",
      "protocol",        "header checksum",
      "source address",  "destination address",
      "addresses"};
  return kIpFields.count(ToLower(field)) > 0;
}

std::string LowerLayerBehaviour(const std::string& verb) {
  if (verb == "decrements" || verb == "decrement") {
    return "the runtime's router decrements the TTL (plm_ip_decrement_ttl)";
  }
  return "";
}

Entity ResolveEntity(const TermPtr& term, const FunctionScope& scope) {
  if (!term) return Unknown("empty term");
  if (IsName(term)) return ResolveName(term->name, scope);
  if (term->kind != TermKind::kPredicate) return Unknown("not a logical form");
  const std::vector<TermPtr>& a = term->args;
  if (IsPred(term, "Which", 2)) {
    // "the data received": the field of the message that was received.
    if (IsPred(a[1], "Action", 2) && a[1]->args[0]->name == "received") {
      Entity inner = ResolveEntity(a[0], scope);
      if (inner.kind != Entity::Kind::kTarget) return inner;
      Entity e = inner;
      e.kind = e.length.empty() ? Entity::Kind::kScalar : Entity::Kind::kBytes;
      e.expr = inner.received;
      e.length = inner.received_length;
      return e;
    }
    return ResolveEntity(a[0], scope);
  }
  if (IsPred(term, "Prep", 3)) {
    const std::string& prep = a[0]->name;
    if (prep == "for" && IsName(a[1])) {  // "8 for echo message"
      Entity e;
      e.kind = Entity::Kind::kTyped;
      e.expr = a[1]->name + "u";
      e.message = IsName(a[2]) ? a[2]->name : "";
      return e;
    }
    if ((prep == "from" || prep == "of") && IsPred(a[1], "And", 2) &&
        Mentions(a[1], "source network") &&
        Mentions(a[2], "original datagram")) {
      return Scalar("orig->src", true);
    }
    if (prep == "in") {
      std::string variant = VariantNamed(scope, a[2]);
      Entity inner = ResolveEntity(a[1], scope);
      if (!variant.empty() && variant == scope.function->accepts &&
          scope.function->role == FunctionRole::kReceiver &&
          (inner.kind == Entity::Kind::kTarget)) {
        Entity e = inner;
        e.kind =
            e.length.empty() ? Entity::Kind::kScalar : Entity::Kind::kBytes;
        e.expr = inner.received;
        e.length = inner.received_length;
        return e;
      }
      return inner;
    }
    return Unknown("no meaning for '" + prep +
                   "' phrases in the static context");
  }
  if (IsPred(term, "Of", 2)) {
    if (IsPred(a[0], "And", 2) && Mentions(a[0], "source network") &&
        Mentions(a[1], "original datagram")) {
      return Scalar("orig->src", true);
    }
    if (IsPred(a[0], "Plus", 2) && Mentions(a[0]->args[0], "internet header") &&
        Mentions(a[1], "original datagram")) {
      std::string octets =
          IsName(a[0]->args[1]) ? OctetsOf(a[0]->args[1]->name) : "";
      if (octets.empty())
        return Unknown("how much of the original data is quoted");
      Entity e;
      e.kind = Entity::Kind::kBytes;
      e.expr = "orig->datagram";
      e.length =
          "plm_min(orig->datagram_len, orig->header_len + " + octets + ")";
      e.uses_original = true;
      return e;
    }
    if (IsName(a[0]) && a[0]->name == "address") {
      if (IsPred(a[1], "Which", 2) && IsPred(a[1]->args[1], "Action") &&
          !a[1]->args[1]->args.empty() &&
          a[1]->args[1]->args[0]->name == "composes") {
        return Scalar("plm_local_address()");
      }
      if (IsPred(a[1], "Which", 2) && Mentions(a[1]->args[1], "sent")) {
        return Scalar("destination");
      }
      if (IsPred(a[1], "Prep", 3) && a[1]->args[0]->name == "on" &&
          Mentions(a[1]->args[1], "next gateway") &&
          Mentions(a[1], "original datagram")) {
        return Scalar("plm_route_next_gateway(orig->dst)", true);
      }
    }
    if (IsName(a[0]) && a[0]->name.find("complement") != std::string::npos &&
        a[0]->name.find("sum") == std::string::npos && IsPred(a[1], "Of", 2) &&
        IsName(a[1]->args[0]) &&
        a[1]->args[0]->name.find("complement sum") != std::string::npos) {
      return ResolveChecksum(a[1]->args[1], scope);
    }
  }
  return Unknown("'" + ccg::ToString(term) + "' is not in the static context");
}

}  // namespace protolm::spec::codegen
