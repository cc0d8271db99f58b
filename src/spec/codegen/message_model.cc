// Messages and generated functions from the document (see message_model.h).
#include "spec/codegen/message_model.h"

#include <algorithm>
#include <sstream>

#include "spec/rfc/c_header_emitter.h"
#include "spec/rfc/text_util.h"

namespace protolm::spec::codegen {
namespace {

std::string StripSuffix(std::string text, std::string_view suffix) {
  if (text.size() >= suffix.size() &&
      text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
    text.resize(text.size() - suffix.size());
  }
  return text;
}

// "Echo or Echo Reply Message" -> {"echo message", "echo reply message"}.
std::vector<std::string> Variants(const std::string& title) {
  std::string base = StripSuffix(ToLower(title), " message");
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = base.find(" or ", start);
    out.push_back(base.substr(start, pos - start) + " message");
    if (pos == std::string::npos) break;
    start = pos + 4;
  }
  return out;
}

// "Generic BFD Control Packet Format" -> "control packet", "NTP Data Format
// - Version 1" -> "data": the title without protocol, "generic", "format"
// and a version suffix.
std::string PacketName(std::string title, const std::string& protocol) {
  size_t version = title.find(" - version");
  if (version != std::string::npos) title.resize(version);
  std::string out;
  std::string word;
  std::istringstream words(title);
  while (words >> word) {
    if (word == protocol || word == "generic" || word == "format") continue;
    out += (out.empty() ? "" : " ") + word;
  }
  return out.empty() ? protocol : out;
}

}  // namespace

const char* FunctionRoleName(FunctionRole role) {
  return role == FunctionRole::kSender ? "sender" : "receiver";
}

std::vector<MessageModel> FindMessages(const RfcDocument& doc,
                                       const std::string& protocol) {
  std::string wanted = ToLower(protocol.empty() ? doc.protocol : protocol);
  std::vector<MessageModel> out;
  for (const HeaderDiagram& diagram : doc.diagrams) {
    if (!wanted.empty() && ToLower(diagram.protocol) != wanted) continue;
    MessageModel message;
    message.title = diagram.title;
    message.protocol = diagram.protocol;
    message.diagram = diagram;
    message.struct_name = CStructName(diagram);
    // The values of its Type field: listed under the message, or, where the
    // document has no message sections, after the diagram.
    std::vector<const ValueDefinition*> types;
    for (const ValueDefinition& value : doc.values) {
      bool ours = value.message == diagram.title ||
                  (value.message.empty() &&
                   ToLower(value.protocol) == ToLower(diagram.protocol) &&
                   value.line > diagram.line);
      if (ours && ToLower(value.field) == "type" && value.low &&
          value.low == value.high) {
        types.push_back(&value);
      }
    }
    std::string title = ToLower(diagram.title);
    if (title.find("message") != std::string::npos) {
      message.variants = Variants(diagram.title);
      message.request_reply = message.variants.size() > 1;
    } else if (title.find("packet") != std::string::npos ||
               title.find("format") != std::string::npos) {
      message.variants = {PacketName(title, ToLower(diagram.protocol))};
    } else {
      for (const ValueDefinition* value : types) {
        if (!value->meaning.empty())
          message.variants.push_back(ToLower(value->meaning) + " message");
      }
      if (message.variants.size() < 2) continue;  // a layout, not messages
    }
    for (const ValueDefinition& value : doc.values) {
      bool ours = value.message == diagram.title ||
                  (value.message.empty() &&
                   ToLower(value.protocol) == ToLower(diagram.protocol) &&
                   value.line > diagram.line);
      if (ours && !value.meaning.empty() && ToLower(value.field) != "type") {
        message.named_values[ToLower(value.meaning)] = ValueConstantName(
            message.struct_name, value.field, ToLower(value.meaning));
      }
    }
    for (const DiagramField& field : diagram.fields) {
      if (ToLower(field.name).find("original") != std::string::npos) {
        message.quotes_original = true;
      }
    }
    for (const ValueDefinition* value : types) {
      std::string meaning = ToLower(value->meaning);
      if (meaning.empty() && message.variants.size() == 1)
        meaning = message.variants[0];
      if (!meaning.empty() && meaning.find("message") == std::string::npos)
        meaning += " message";
      if (std::find(message.variants.begin(), message.variants.end(),
                    meaning) != message.variants.end()) {
        message.type_values[meaning] = *value->low;
        message.type_lines[meaning] = value->line;
      }
    }
    out.push_back(std::move(message));
  }
  return out;
}

std::vector<FunctionModel> PlanFunctions(
    const std::vector<MessageModel>& messages) {
  std::vector<FunctionModel> out;
  for (size_t i = 0; i < messages.size(); ++i) {
    const MessageModel& message = messages[i];
    std::string prefix = message.protocol + " ";
    auto add = [&](FunctionRole role, const std::string& named,
                   const std::string& accepts, const std::string& builds) {
      FunctionModel f;
      f.name = CIdentifier(prefix + StripSuffix(named, " message") + " " +
                           FunctionRoleName(role));
      f.role = role;
      f.message = i;
      f.accepts = accepts;
      f.builds = builds;
      out.push_back(f);
    };
    if (message.request_reply) {
      const std::string& request = message.variants.front();
      const std::string& reply = message.variants.back();
      add(FunctionRole::kSender, request, "", request);
      add(FunctionRole::kReceiver, reply, request, reply);
      continue;
    }
    for (const std::string& variant : message.variants) {
      add(FunctionRole::kSender, variant, "", variant);
      add(FunctionRole::kReceiver, variant, variant, "");
    }
  }
  return out;
}

std::optional<size_t> MessageOfContext(
    const std::vector<MessageModel>& messages, const SentenceContext& context) {
  for (size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].title == context.message) return i;
  }
  if (context.message.empty() && messages.size() == 1) return 0;
  return std::nullopt;
}

std::string ValueConstantName(const std::string& struct_name,
                              const std::string& field,
                              const std::string& meaning) {
  std::string name = struct_name + "_" + CIdentifier(field);
  if (!meaning.empty()) name += "_" + CIdentifier(meaning);
  return ToUpper(name);
}

}  // namespace protolm::spec::codegen
