// Frames and statement order of generated functions (see function_writer.h).
#include "spec/codegen/function_writer.h"

#include <sstream>

#include "spec/codegen/static_context.h"

namespace protolm::spec::codegen {
namespace {

// A comment line citing sentences; never closes the comment early.
std::string Citation(const CodePiece& piece) {
  std::string lines;
  for (int line : piece.lines) {
    lines += (lines.empty() ? "" : ", ") + std::to_string(line);
  }
  std::string text = piece.text;
  for (size_t pos; (pos = text.find("*/")) != std::string::npos;)
    text.replace(pos, 2, "* /");
  if (text.size() > 150) text = text.substr(0, 147) + "...";
  return "/* line " + lines + ": " + text + " */";
}

void Merge(std::vector<CodePiece>& into, const CodePiece& piece) {
  for (CodePiece& existing : into) {
    if (existing.code.lines == piece.code.lines) {
      existing.lines.insert(existing.lines.end(), piece.lines.begin(),
                            piece.lines.end());
      return;
    }
  }
  into.push_back(piece);
}

}  // namespace

std::string FunctionPrototype(const FunctionModel& function,
                              const MessageModel& message) {
  if (function.role == FunctionRole::kReceiver) {
    return "int " + function.name +
           "(const struct plm_ip *in, struct plm_ip_out *ip, uint8_t *out, "
           "size_t cap)";
  }
  return "int " + function.name + "(const struct plm_ip *orig, const struct " +
         message.struct_name +
         " *fields, uint32_t destination, struct plm_ip_out *ip, uint8_t *out, "
         "size_t cap)";
}

std::string WriteFunction(const FunctionModel& function,
                          const MessageModel& message,
                          const std::vector<CodePiece>& pieces,
                          const std::optional<ChecksumRange>& checksum,
                          int checksum_line,
                          const std::string& accept_type_constant,
                          const std::string& build_type_constant) {
  bool builds = !function.builds.empty();
  std::vector<CodePiece> setup, body, advice, computing;
  bool uses_original = false;
  for (const CodePiece& piece : pieces) {
    uses_original = uses_original || piece.code.uses_original;
    if (piece.code.setup) {
      Merge(setup, piece);
    } else if (piece.code.tag == "checksum") {
      Merge(computing, piece);
    } else if (piece.code.before == "checksum") {
      Merge(advice, piece);
    } else {
      Merge(body, piece);
    }
  }
  if (computing.empty()) {  // advice with nothing to precede runs in order
    for (const CodePiece& piece : advice) Merge(body, piece);
    advice.clear();
  }
  std::ostringstream c;
  c << "/* The " << message.title << ", " << FunctionRoleName(function.role)
    << ": ";
  if (function.role == FunctionRole::kSender) {
    c << "builds the " << function.builds << " into out.\n"
      << " * Returns its length, or -1 when an argument is missing or out is "
         "too small. */\n";
  } else if (builds) {
    c << "accepts the " << function.accepts << " in `in` and builds the "
      << function.builds << " into out.\n"
      << " * Returns its length, 0 when `in` is another message, -1 when it is "
         "malformed. */\n";
  } else {
    c << "validates the " << function.accepts << " in `in`.\n"
      << " * Returns 0 (nothing to answer), or -1 when it is malformed. */\n";
  }
  c << FunctionPrototype(function, message) << " {\n";
  c << "  struct " << message.struct_name << " msg;\n";
  if (function.role == FunctionRole::kReceiver) {
    c << "  struct " << message.struct_name << " req;\n";
  }
  c << "  int len = -1;\n";
  std::string start, end;
  if (checksum) {
    start = std::to_string(checksum->start_octet) + "u";
    end = checksum->end == "len" ? "in->payload_len" : checksum->end;
  }
  if (function.role == FunctionRole::kReceiver) {
    c << "  if (in == NULL || ip == NULL || out == NULL) return -1;\n";
    const DiagramField* type = FindField(message.diagram, "type");
    if (!accept_type_constant.empty() && type && type->bit_width == 8 &&
        type->bit_offset >= 0 && type->bit_offset % 8 == 0) {
      std::string at = std::to_string(type->bit_offset / 8) + "u";
      c << "  if (in->payload_len <= " << at << " || in->payload[" << at
        << "] != " << accept_type_constant << ") return 0;\n";
    }
    c << "  if (" << message.struct_name
      << "_parse(in->payload, in->payload_len, &req) != 0) return -1;\n";
    if (!accept_type_constant.empty() &&
        !(type && type->bit_width == 8 && type->bit_offset >= 0 &&
          type->bit_offset % 8 == 0)) {
      c << "  if (req.type != " << accept_type_constant << ") return 0;\n";
    }
    if (checksum) {
      c << "  /* line " << checksum_line
        << ": the checksum of what was received */\n"
        << "  if (plm_ones_complement_sum(in->payload + " << start << ", "
        << end << " - " << start << ") != 0xffffu) return -1;\n";
    }
    c << "  memset(&msg, 0, sizeof msg);\n";
    if (!builds) {  // checks and state updates only
      for (const std::vector<CodePiece>* group :
           {&setup, &body, &advice, &computing}) {
        for (const CodePiece& piece : *group) {
          c << "  " << Citation(piece) << "\n";
          for (const std::string& line : piece.code.lines)
            c << "  " << line << "\n";
        }
      }
      c << "  (void)msg;\n  (void)len;\n  (void)cap;\n  return 0;\n}\n";
      return c.str();
    }
    c << "  plm_ip_out_init(ip);\n";
  } else {
    c << "  if (fields == NULL || ip == NULL || out == NULL) return -1;\n";
    if (uses_original) c << "  if (orig == NULL) return -1;\n";
    c << "  msg = *fields;\n  plm_ip_out_init(ip);\n";
    bool sentence_sets_type = false;
    for (const CodePiece& piece : pieces) {
      for (const std::string& line : piece.code.lines) {
        sentence_sets_type =
            sentence_sets_type || line.rfind("msg.type = ", 0) == 0;
      }
    }
    if (!build_type_constant.empty() && !sentence_sets_type) {
      c << "  msg.type = " << build_type_constant
        << "; /* from the Type value list */\n";
    }
  }
  auto emit = [&c](const std::vector<CodePiece>& group) {
    for (const CodePiece& piece : group) {
      c << "  " << Citation(piece) << "\n";
      for (const std::string& line : piece.code.lines)
        c << "  " << line << "\n";
    }
  };
  emit(setup);
  emit(body);
  emit(advice);
  emit(computing);
  if (computing.empty()) {
    c << "  len = " << message.struct_name << "_serialize(&msg, out, cap);\n";
  }
  if (function.role == FunctionRole::kSender) {
    c << "  (void)orig;\n  (void)destination;\n";
  } else {
    c << "  (void)req;\n";
  }
  c << "  return len;\n}\n";
  return c.str();
}

}  // namespace protolm::spec::codegen
