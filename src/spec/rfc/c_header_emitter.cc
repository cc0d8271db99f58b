// C code for header layouts (see c_header_emitter.h).
#include "spec/rfc/c_header_emitter.h"

#include <array>
#include <set>

#include "spec/rfc/text_util.h"

namespace protolm::spec {
namespace {

constexpr size_t kMaxIdentifierChars = 63;

// What a field becomes in C.
enum class CKind { kInteger, kBytes, kVariable };

struct CField {
  std::string name;  // C member name
  const DiagramField* source = nullptr;
  CKind kind = CKind::kInteger;
  std::string type;  // "uint8_t", ... for integers
};

const char* IntegerType(int bits) {
  if (bits <= 8) return "uint8_t";
  if (bits <= 16) return "uint16_t";
  if (bits <= 32) return "uint32_t";
  return "uint64_t";
}

std::string MaxValue(int bits) {
  if (bits >= 64) return "UINT64_MAX";
  uint64_t max = (uint64_t{1} << bits) - 1;
  return std::to_string(max) + "u";
}

std::string Describe(const DiagramField& f) {
  std::string d = "\"" + f.name + "\"";
  if (f.bit_width < 0) return d + ", variable length";
  d += ", " + std::to_string(f.bit_width) + " bit" +
       (f.bit_width == 1 ? "" : "s");
  if (f.bit_offset >= 0) {
    d += " at bit " + std::to_string(f.bit_offset);
  }
  if (f.fixed_value) d += ", drawn as " + std::to_string(*f.fixed_value);
  return d;
}

// "*/" inside a generated comment would end it early.
std::string CommentSafe(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "* /";
      ++i;
    } else if (static_cast<unsigned char>(text[i]) < 0x20) {
      out.push_back(' ');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

constexpr std::string_view kBitHelpers = R"(#ifndef PROTOLM_SPEC_BIT_HELPERS
#define PROTOLM_SPEC_BIT_HELPERS
/* Reads `width` bits (at most 64) starting `bit` bits into `buf`, most
 * significant bit first. The caller has checked that they lie inside `buf`. */
static inline uint64_t protolm_get_bits(const uint8_t *buf, size_t bit,
                                        unsigned width) {
  uint64_t value = 0;
  unsigned i;
  for (i = 0; i < width; ++i) {
    size_t b = bit + i;
    value = (value << 1) | (uint64_t)((buf[b >> 3] >> (7u - (b & 7u))) & 1u);
  }
  return value;
}

/* Writes the low `width` bits of `value` at `bit`, most significant first. */
static inline void protolm_put_bits(uint8_t *buf, size_t bit, unsigned width,
                                    uint64_t value) {
  unsigned i;
  for (i = 0; i < width; ++i) {
    size_t b = bit + width - 1u - i;
    uint8_t mask = (uint8_t)(1u << (7u - (b & 7u)));
    if ((value >> i) & 1u) {
      buf[b >> 3] = (uint8_t)(buf[b >> 3] | mask);
    } else {
      buf[b >> 3] = (uint8_t)(buf[b >> 3] & (uint8_t)~mask);
    }
  }
}
#endif

)";

}  // namespace

Result<std::string> EmitCStruct(const HeaderDiagram& d,
                                const std::string& name) {
  std::vector<CField> fields;
  std::set<std::string> used;
  int fixed_bits = 0;
  int bit = 0;  // position while it is known at compile time, -1 after
  for (const DiagramField& f : d.fields) {
    CField c;
    c.source = &f;
    std::string base = CIdentifier(f.name);
    c.name = base;
    for (int n = 2; used.count(c.name) > 0; ++n)
      c.name = base + "_" + std::to_string(n);
    used.insert(c.name);
    used.insert(c.name + "_len");
    if (f.bit_width < 0) {
      c.kind = CKind::kVariable;
      if (bit >= 0 && bit % 8 != 0) {
        return Unsupported(
            "diagram \"" + d.title + "\" (line " + std::to_string(d.line) +
            "): variable field \"" + f.name + "\" starts at bit " +
            std::to_string(bit) +
            ", not on an octet boundary; C emission needs whole octets");
      }
      bit = -1;
    } else {
      if (f.bit_width > 64) {
        if (f.bit_width % 8 != 0 || (bit >= 0 && bit % 8 != 0)) {
          return Unsupported(
              "diagram \"" + d.title + "\" (line " + std::to_string(d.line) +
              "): field \"" + f.name + "\" of " + std::to_string(f.bit_width) +
              " bits is not whole octets; C emission needs them");
        }
        c.kind = CKind::kBytes;
      } else {
        c.type = IntegerType(f.bit_width);
      }
      fixed_bits += f.bit_width;
      if (bit >= 0) bit += f.bit_width;
    }
    fields.push_back(std::move(c));
  }
  if (fixed_bits % 8 != 0) {
    return Unsupported("diagram \"" + d.title + "\" (line " +
                       std::to_string(d.line) + "): fixed fields add up to " +
                       std::to_string(fixed_bits) +
                       " bits, not a whole number of octets");
  }
  const std::string upper = ToUpper(name);
  const std::string min_len = upper + "_MIN_LEN";
  std::string out;
  out += "/* " + CommentSafe(d.title) + " (line " + std::to_string(d.line) +
         (d.section.empty() ? "" : ", section " + CommentSafe(d.section)) +
         "). */\n";
  out += "#define " + min_len + " " + std::to_string(fixed_bits / 8) + "u\n\n";
  out += "struct " + name + " {\n";
  for (const CField& c : fields) {
    std::string comment = " /* " + CommentSafe(Describe(*c.source)) + " */\n";
    switch (c.kind) {
      case CKind::kInteger:
        out += "  " + c.type + " " + c.name + ";" + comment;
        break;
      case CKind::kBytes:
        out += "  uint8_t " + c.name + "[" +
               std::to_string(c.source->bit_width / 8) + "];" + comment;
        break;
      case CKind::kVariable:
        out += "  const uint8_t *" + c.name + ";" + comment;
        out += "  size_t " + c.name + "_len; /* octets at " + c.name + " */\n";
        break;
    }
  }
  out += "};\n\n";

  // parse
  out += "static inline int " + name +
         "_parse(const uint8_t *buf, size_t len,\n" + "    struct " + name +
         " *out) {\n";
  out += "  size_t bit = 0;\n  size_t slack;\n";
  out +=
      "  if (buf == NULL || out == NULL || len < " + min_len + ") return -1;\n";
  out += "  slack = len - " + min_len + ";\n";
  out += "  (void)slack;\n";
  for (const CField& c : fields) {
    const std::string w = std::to_string(c.source->bit_width);
    switch (c.kind) {
      case CKind::kInteger:
        out += "  out->" + c.name + " = (" + c.type +
               ")protolm_get_bits(buf, bit, " + w + "u);\n  bit += " + w +
               "u;\n";
        break;
      case CKind::kBytes:
        out += "  memcpy(out->" + c.name + ", buf + bit / 8u, sizeof out->" +
               c.name + ");\n  bit += " + w + "u;\n";
        break;
      case CKind::kVariable:
        out += "  out->" + c.name + " = buf + bit / 8u;\n";
        out += "  out->" + c.name + "_len = slack;\n";
        out += "  bit += 8u * slack;\n  slack = 0;\n";
        break;
    }
  }
  out += "  (void)bit;\n  return 0;\n}\n\n";

  // serialize
  out += "static inline int " + name + "_serialize(const struct " + name +
         " *in, uint8_t *buf,\n    size_t len) {\n";
  out += "  size_t need = " + min_len + ";\n  size_t bit = 0;\n";
  out += "  if (in == NULL || buf == NULL) return -1;\n";
  for (const CField& c : fields) {
    if (c.kind == CKind::kVariable) {
      out += "  if (in->" + c.name + "_len > 0 && in->" + c.name +
             " == NULL) return -1;\n";
      out +=
          "  if (in->" + c.name + "_len > (size_t)INT_MAX - need) return -1;\n";
      out += "  need += in->" + c.name + "_len;\n";
    } else if (c.kind == CKind::kInteger && c.source->bit_width < 64 &&
               c.source->bit_width != 8 && c.source->bit_width != 16 &&
               c.source->bit_width != 32) {
      out += "  if (in->" + c.name + " > " + MaxValue(c.source->bit_width) +
             ") return -1;\n";
    }
  }
  out += "  if (need > len || need > (size_t)INT_MAX) return -1;\n";
  for (const CField& c : fields) {
    const std::string w = std::to_string(c.source->bit_width);
    switch (c.kind) {
      case CKind::kInteger:
        out += "  protolm_put_bits(buf, bit, " + w + "u, in->" + c.name +
               ");\n  bit += " + w + "u;\n";
        break;
      case CKind::kBytes:
        out += "  memcpy(buf + bit / 8u, in->" + c.name + ", sizeof in->" +
               c.name + ");\n  bit += " + w + "u;\n";
        break;
      case CKind::kVariable:
        out += "  if (in->" + c.name + "_len > 0) memcpy(buf + bit / 8u, in->" +
               c.name + ", in->" + c.name + "_len);\n";
        out += "  bit += 8u * in->" + c.name + "_len;\n";
        break;
    }
  }
  out += "  (void)bit;\n  return (int)need;\n}\n\n";
  return out;
}

std::string CIdentifier(std::string_view name) {
  static constexpr std::array<std::string_view, 44> kKeywords = {
      "auto",     "break",    "case",     "char",   "const",   "continue",
      "default",  "do",       "double",   "else",   "enum",    "extern",
      "float",    "for",      "goto",     "if",     "inline",  "int",
      "long",     "register", "restrict", "return", "short",   "signed",
      "sizeof",   "static",   "struct",   "switch", "typedef", "union",
      "unsigned", "void",     "volatile", "while",  "bool",    "true",
      "false",    "asm",      "buf",      "len",    "in",      "out",
      "bit",      "need"};
  std::string id;
  for (char c : name) {
    if (IsAlnum(c)) {
      id.push_back(ToLower(c));
    } else if (!id.empty() && id.back() != '_') {
      id.push_back('_');
    }
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.size() > kMaxIdentifierChars) id.resize(kMaxIdentifierChars);
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (id.empty()) id = "field";
  if (IsDigit(id.front())) id = "f_" + id;
  for (std::string_view k : kKeywords) {
    if (id == k) {
      id += "_";
      break;
    }
  }
  return id;
}

std::string CStructName(const HeaderDiagram& diagram) {
  std::string title = diagram.title.empty() ? "header" : diagram.title;
  std::string lower_title = ToLower(title);
  std::string protocol = ToLower(diagram.protocol);
  bool named = protocol.empty();
  for (std::string_view w : SplitWords(lower_title)) {
    std::string word(w);
    while (!word.empty() && !IsAlnum(word.back())) word.pop_back();
    while (!word.empty() && !IsAlnum(word.front())) word.erase(word.begin());
    named = named || word == protocol;
  }
  return CIdentifier(named ? title : diagram.protocol + " " + title);
}

CEmission EmitC(const std::vector<HeaderDiagram>& diagrams,
                std::string_view source_name) {
  CEmission emission;
  std::string& out = emission.code;
  out +=
      "/* Header layouts read from " + CommentSafe(source_name) +
      " by `protolm spec headers --emit c`.\n"
      " * Generated code: edit the RFC reader, not this file. Fields are\n"
      " * big-endian with bit 0 the most significant, as the diagrams draw "
      "them.\n"
      " * NAME_parse returns 0, or -1 if the input is shorter than "
      "NAME_MIN_LEN;\n"
      " * variable fields point into the parsed buffer (the first takes the\n"
      " * octets left after the fixed fields). NAME_serialize returns the\n"
      " * octets written, or -1 if the buffer is too small or a value does "
      "not\n"
      " * fit its field. */\n";
  out +=
      "#include <limits.h>\n#include <stddef.h>\n#include <stdint.h>\n#include "
      "<string.h>\n\n";
  out += kBitHelpers;
  std::set<std::string> used;
  for (const HeaderDiagram& d : diagrams) {
    std::string base = CStructName(d);
    std::string name = base;
    for (int n = 2; used.count(name) > 0; ++n)
      name = base + "_" + std::to_string(n);
    Result<std::string> code = EmitCStruct(d, name);
    if (!code.ok()) {
      emission.skipped.push_back(code.status().message());
      continue;
    }
    used.insert(name);
    out += *code;
  }
  return emission;
}

}  // namespace protolm::spec
