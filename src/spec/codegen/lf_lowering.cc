// The per-predicate handlers of the post-order walk (see lf_lowering.h).
#include "spec/codegen/lf_lowering.h"

#include <functional>
#include <map>

#include "spec/ccg/logical_form.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec::codegen {
namespace {

using ccg::TermKind;
using ccg::TermPtr;

struct Walk {
  const SentenceContext& context;
  const FunctionScope& scope;
  const ChecksumRange* checksum;
};

LoweredSentence Lower(const TermPtr& term, const Walk& walk);

LoweredSentence NoCode(std::string why) {
  LoweredSentence out;
  out.why = std::move(why);
  return out;
}

// A predicate node `name` with at least `arity` arguments.
bool IsPred(const TermPtr& t, std::string_view name, size_t arity = 0) {
  return t && t->kind == TermKind::kPredicate && t->name == name &&
         t->args.size() >= arity;
}

std::string NameOf(const TermPtr& t) {
  return t && (t->kind == TermKind::kConstant || t->kind == TermKind::kNumber)
             ? t->name
             : std::string();
}

bool MentionsChecksum(const TermPtr& t) {
  if (!t) return false;
  if (NameOf(t).find("checksum") != std::string::npos) return true;
  for (const TermPtr& arg : t->args) {
    if (MentionsChecksum(arg)) return true;
  }
  return false;
}

// `target = value;` for a field, a variable field or several fields.
// True for what only a function that builds a message may write.
bool IsOutgoing(const std::string& expr) {
  return expr.rfind("msg.", 0) == 0 || expr.rfind("ip->", 0) == 0;
}

LoweredSentence Assign(const Entity& target, const Entity& value,
                       const Walk& walk) {
  if (!BuildsMessage(walk.scope) &&
      (IsOutgoing(target.expr) || target.kind == Entity::Kind::kTargets)) {
    return NoCode("sets a field; this receiver builds no message");
  }
  LoweredSentence out;
  out.uses_original = value.uses_original;
  if (target.kind == Entity::Kind::kTargets) {
    for (const Entity& item : target.items) {
      LoweredSentence one = Assign(item, value, walk);
      if (one.lines.empty()) return one;
      out.lines.insert(out.lines.end(), one.lines.begin(), one.lines.end());
    }
    return out;
  }
  if (target.kind != Entity::Kind::kTarget) {
    return NoCode(target.why.empty() ? "its subject is not a field"
                                     : target.why);
  }
  if (value.kind == Entity::Kind::kBytes && !target.length.empty()) {
    out.lines.push_back(target.expr + " = " + value.expr + ";");
    out.lines.push_back(target.length + " = " + value.length + ";");
    return out;
  }
  if (value.kind == Entity::Kind::kTarget && value.length.empty() &&
      target.length.empty()) {
    // Another field's value: in a receiver, as it was received.
    bool received = walk.scope.function->role == FunctionRole::kReceiver &&
                    !value.received.empty();
    out.lines.push_back(target.expr + " = " +
                        (received ? value.received : value.expr) + ";");
    return out;
  }
  if (value.kind == Entity::Kind::kScalar && target.length.empty()) {
    out.lines.push_back(target.expr + " = " + value.expr + ";");
    return out;
  }
  if (value.kind == Entity::Kind::kUnknown) return NoCode(value.why);
  return NoCode("the value does not fit the field " + target.expr);
}

LoweredSentence ComputeChecksum(const Walk& walk) {
  if (!BuildsMessage(walk.scope)) {
    return NoCode("computes the checksum; this receiver builds no message");
  }
  if (!walk.checksum) {
    return NoCode("the " + walk.scope.message->title + " defines no checksum");
  }
  LoweredSentence out;
  out.lines =
      ChecksumStatements(*walk.checksum, walk.scope.message->struct_name);
  out.tag = "checksum";
  return out;
}

LoweredSentence PassThrough(const TermPtr& term, const Walk& walk) {
  return Lower(term->args[0], walk);
}

LoweredSentence OnNot(const TermPtr&, const Walk&) {
  return NoCode("a prohibition: the generated code does not do it");
}

LoweredSentence OnCan(const TermPtr&, const Walk&) {
  return NoCode("states what is possible, not what to do");
}

// `left op right` for a field (as received, in a receiver) and a value.
std::string Comparison(const TermPtr& left_term, const std::string& op,
                       const TermPtr& right_term, const Walk& walk) {
  Entity left = ResolveEntity(left_term, walk.scope);
  Entity right = ResolveEntity(right_term, walk.scope);
  if (left.kind != Entity::Kind::kTarget || right.kind != Entity::Kind::kScalar)
    return "";
  bool received = walk.scope.function->role == FunctionRole::kReceiver &&
                  !left.received.empty();
  return (received ? left.received : left.expr) + " " + op + " " + right.expr;
}

std::string Condition(const TermPtr& term, const Walk& walk, std::string& why) {
  static const std::map<std::string, std::string> kOps = {
      {"eq", "=="}, {"ne", "!="}, {"lt", "<"},
      {"le", "<="}, {"gt", ">"},  {"ge", ">="}};
  std::string out;
  if (IsPred(term, "Compare") && term->args.size() == 3) {
    auto op = kOps.find(NameOf(term->args[0]));
    if (op != kOps.end())
      out = Comparison(term->args[1], op->second, term->args[2], walk);
  } else if (IsPred(term, "Is") && term->args.size() == 2) {
    const TermPtr& subject = term->args[0];
    // "the sta of a down session": the field, in a session in that state.
    if (IsPred(subject, "Of") && subject->args.size() == 2) {
      std::string session = NameOf(subject->args[1]);
      const std::string suffix = " session";
      if (session.size() > suffix.size() &&
          session.compare(session.size() - suffix.size(), suffix.size(),
                          suffix) == 0) {
        std::string field =
            Comparison(subject->args[0], "==", term->args[1], walk);
        std::string state = Comparison(ccg::MakeConstant("session state"), "==",
                                       ccg::MakeConstant(session.substr(
                                           0, session.size() - suffix.size())),
                                       walk);
        if (!field.empty() && !state.empty()) out = state + " && " + field;
      }
    } else {
      out = Comparison(subject, "==", term->args[1], walk);
    }
  } else if (IsPred(term, "Not", 1) && IsPred(term->args[0], "Is") &&
             term->args[0]->args.size() == 2) {
    out =
        Comparison(term->args[0]->args[0], "!=", term->args[0]->args[1], walk);
  }
  if (out.empty()) {
    why = "the condition '" + ccg::ToString(term) +
          "' is not in the static context";
  }
  return out;
}

LoweredSentence OnIf(const TermPtr& term, const Walk& walk) {
  std::string why;
  std::string condition = Condition(term->args[0], walk, why);
  if (condition.empty()) return NoCode(why);
  LoweredSentence body = Lower(term->args[1], walk);
  if (body.lines.empty()) return body;
  LoweredSentence out = body;
  out.lines.clear();
  out.lines.push_back("if (" + condition + ") {");
  for (const std::string& line : body.lines) out.lines.push_back("  " + line);
  out.lines.push_back("}");
  return out;
}

LoweredSentence OnAnd(const TermPtr& term, const Walk& walk) {
  if (ccg::SortOf(term) != ccg::Sort::kStatement) {
    return NoCode("a coordination of entities is not a statement");
  }
  LoweredSentence out;
  std::string skipped;
  for (const TermPtr& arg : term->args) {
    LoweredSentence part = Lower(arg, walk);
    if (part.lines.empty()) {
      skipped += (skipped.empty() ? "" : "; ") + part.why;
      continue;
    }
    out.lines.insert(out.lines.end(), part.lines.begin(), part.lines.end());
    out.uses_original = out.uses_original || part.uses_original;
  }
  if (out.lines.empty()) out.why = skipped;
  return out;
}

LoweredSentence OnAdvBefore(const TermPtr& term, const Walk& walk) {
  const TermPtr& action = term->args[0];
  if (!IsPred(action, "Action", 1) || !MentionsChecksum(action)) {
    return NoCode("advice before '" + ccg::ToString(action) +
                  "', an action the generator does not know");
  }
  LoweredSentence advice = Lower(term->args[1], walk);
  if (advice.lines.empty()) return advice;
  advice.before = "checksum";
  return advice;
}

// "the data received in the echo message must be returned in the echo reply
// message": the built message's field takes the received field's value.
LoweredSentence Returned(const TermPtr& what, const TermPtr& where,
                         const Walk& walk) {
  if (NameOf(where) != walk.scope.function->builds) {
    return NoCode("returns data in a message this function does not build");
  }
  Entity value = ResolveEntity(what, walk.scope);
  TermPtr name = what;
  while (name && name->kind == TermKind::kPredicate && !name->args.empty()) {
    name = IsPred(name, "Prep") && name->args.size() > 1 ? name->args[1]
                                                         : name->args[0];
  }
  Entity target = ResolveEntity(name, walk.scope);
  return Assign(target, value, walk);
}

LoweredSentence OnAction(const TermPtr& term, const Walk& walk) {
  const std::vector<TermPtr>& a = term->args;
  std::string verb = NameOf(a[0]);
  if (verb == "set" && a.size() == 3 && IsPred(a[2], "Prep", 3) &&
      NameOf(a[2]->args[0]) == "to") {
    return Assign(ResolveEntity(a[2]->args[1], walk.scope),
                  ResolveEntity(a[2]->args[2], walk.scope), walk);
  }
  if (verb == "swap" && a.size() == 3 && IsPred(a[2], "And") &&
      a[2]->args.size() == 2) {
    if (walk.scope.function->role != FunctionRole::kReceiver ||
        !BuildsMessage(walk.scope)) {
      return NoCode(
          "swaps with a received datagram; this function answers none");
    }
    Entity first = ResolveEntity(a[2]->args[0], walk.scope);
    Entity second = ResolveEntity(a[2]->args[1], walk.scope);
    if (first.kind != Entity::Kind::kTarget ||
        second.kind != Entity::Kind::kTarget) {
      return NoCode("swaps what is not a field: " + first.why + second.why);
    }
    LoweredSentence out;
    out.lines.push_back(first.expr + " = " + second.received + ";");
    out.lines.push_back(second.expr + " = " + first.received + ";");
    return out;
  }
  if ((verb == "recompute" || verb == "compute") && a.size() == 3 &&
      MentionsChecksum(a[2])) {
    return ComputeChecksum(walk);
  }
  if (verb == "forms" && a.size() == 3 && IsPred(a[2], "Prep", 3) &&
      NameOf(a[2]->args[0]) == "from") {
    const FunctionModel& f = *walk.scope.function;
    if (f.role != FunctionRole::kReceiver ||
        NameOf(a[2]->args[1]) != f.builds ||
        NameOf(a[2]->args[2]) != f.accepts) {
      return NoCode("forms a message this function does not build");
    }
    LoweredSentence out;
    out.lines.push_back("msg = req;");
    out.setup = true;
    return out;
  }
  if (verb == "discard" && a.size() == 3 && NameOf(a[2]) == "packet" &&
      walk.scope.function->role == FunctionRole::kReceiver) {
    LoweredSentence out;
    out.lines.push_back("return -1; /* discarded */");
    return out;
  }
  if (verb == "include" && MentionsChecksum(term)) {
    return NoCode("the checksum already covers every octet of the message");
  }
  std::string lower_layer = LowerLayerBehaviour(verb);
  if (!lower_layer.empty()) return NoCode(lower_layer);
  return NoCode("no handler for the action '" + verb + "'");
}

LoweredSentence OnIs(const TermPtr& term, const Walk& walk) {
  Entity subject = ResolveEntity(term->args[0], walk.scope);
  Entity value = ResolveEntity(term->args[1], walk.scope);
  if (subject.kind != Entity::Kind::kTarget &&
      subject.kind != Entity::Kind::kTargets) {
    return NoCode("describes " + ccg::ToString(term->args[0]) +
                  ", which is not a field (" + subject.why + ")");
  }
  if (value.kind == Entity::Kind::kChecksum) return ComputeChecksum(walk);
  if (value.kind == Entity::Kind::kTyped) {
    if (value.message != walk.scope.function->builds) {
      return NoCode("the value for the " + value.message +
                    ", which this function does not build");
    }
    value.kind = Entity::Kind::kScalar;
    if (walk.scope.message->type_values.count(value.message)) {
      value.expr = ValueConstantName(walk.scope.message->struct_name, "type",
                                     value.message);
    }
  }
  return Assign(subject, value, walk);
}

LoweredSentence OnCompare(const TermPtr& term, const Walk& walk) {
  // "ICMP = 1" under the IP Protocol field: the datagram carries this protocol.
  std::string name = NameOf(term->args[1]);
  if (term->args.size() == 3 && walk.context.field == "Protocol" &&
      name == ToLower(walk.scope.message->protocol)) {
    if (!BuildsMessage(walk.scope))
      return NoCode("this receiver sends no datagram");
    LoweredSentence out;
    out.lines.push_back("ip->protocol = IP_PROTOCOL_" +
                        std::string(walk.scope.message->protocol) + ";");
    return out;
  }
  return NoCode("defines a constant (in the generated header)");
}

LoweredSentence OnPrep(const TermPtr& term, const Walk& walk) {
  if (NameOf(term->args[0]) == "in" && IsPred(term->args[1], "Action", 2) &&
      NameOf(term->args[1]->args[0]) == "returned" &&
      term->args[1]->args.size() == 2) {
    return Returned(term->args[1]->args[1], term->args[2], walk);
  }
  // "In a Host Membership Query message, the sender must ...": a statement
  // that holds in one of the messages.
  const std::string& message = NameOf(term->args[2]);
  if (NameOf(term->args[0]) == "in" &&
      ccg::SortOf(term->args[1]) == ccg::Sort::kStatement && !message.empty() &&
      message.find("message") != std::string::npos) {
    if (message != walk.scope.function->builds) {
      return NoCode("applies to the " + message +
                    ", which this function does not build");
    }
    return Lower(term->args[1], walk);
  }
  return NoCode("says where, how or from whom; nothing to execute");
}

using Handler = std::function<LoweredSentence(const TermPtr&, const Walk&)>;

const std::map<std::string, Handler>& Handlers() {
  static const auto* handlers = new std::map<std::string, Handler>{
      {"Must", PassThrough},
      {"Should", PassThrough},
      {"May", PassThrough},
      {"Will", PassThrough},
      {"Not", OnNot},
      {"Can", OnCan},
      {"If", OnIf},
      {"And", OnAnd},
      {"AdvBefore", OnAdvBefore},
      {"Action", OnAction},
      {"Is", OnIs},
      {"Compare", OnCompare},
      {"Prep", OnPrep},
  };
  return *handlers;
}

LoweredSentence Lower(const TermPtr& term, const Walk& walk) {
  if (!term || term->kind != TermKind::kPredicate || term->args.empty()) {
    return NoCode("not a statement");
  }
  auto handler = Handlers().find(term->name);
  if (handler == Handlers().end()) {
    return NoCode("no handler for @" + term->name);
  }
  // The handlers read this many arguments; the lexicon is untrusted text.
  static const std::map<std::string, size_t> kArity = {
      {"If", 2}, {"AdvBefore", 2}, {"Is", 2}, {"Compare", 3}, {"Prep", 3}};
  auto arity = kArity.find(term->name);
  if (arity != kArity.end() && term->args.size() < arity->second) {
    return NoCode("@" + term->name + " with too few arguments");
  }
  return handler->second(term, walk);
}

}  // namespace

std::optional<ChecksumRange> FindChecksumDefinition(
    const ccg::TermPtr& form, const FunctionScope& scope) {
  if (!IsPred(form, "Is") || form->args.size() != 2) return std::nullopt;
  Entity value = ResolveEntity(form->args[1], scope);
  if (value.kind != Entity::Kind::kChecksum) return std::nullopt;
  return value.checksum;
}

std::vector<std::string> ChecksumStatements(const ChecksumRange& range,
                                            const std::string& struct_name) {
  std::string start = std::to_string(range.start_octet) + "u";
  std::string end = range.end == "len" ? "(size_t)len" : range.end;
  return {
      "len = " + struct_name + "_serialize(&msg, out, cap);",
      "if (len < 0) return -1;",
      "msg." + range.field +
          " = plm_ones_complement(plm_ones_complement_sum(out + " + start +
          ", " + end + " - " + start + "));",
      "protolm_put_bits(out, " + std::to_string(range.field_bit) + "u, " +
          std::to_string(range.field_width) + "u, msg." + range.field + ");",
  };
}

LoweredSentence LowerSentence(const ccg::TermPtr& form,
                              const SentenceContext& context,
                              const FunctionScope& scope,
                              const ChecksumRange* checksum) {
  Walk walk{context, scope, checksum};
  return Lower(form, walk);
}

}  // namespace protolm::spec::codegen
