// RfcDocument: what the RFC reader learns from the plain text of an RFC.
//
// STATUS: usable. ReadRfc returns sections, sentences with their context
// (protocol, message, field, role), the `0 = Echo Reply` value idiom, and the
// field layouts of the ASCII-art header diagrams. The fields below are stable;
// new members may be added, none will be renamed or removed.
//
// ReadRfc strips page headers, footers and form feeds, finds the section
// headings, follows the indentation hierarchy (a field description belongs to
// its field), splits prose into sentences and parses header diagrams. It never
// throws and never reads past its input: malformed text yields an error Status
// ("line L:C: ..."), odd but readable layout yields warnings in the document.
// All types are plain values, safe to copy and to share between threads once
// built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace protolm::spec {

/// Who the document implies acts in a sentence. Empty strings mean unknown.
struct SentenceContext {
  std::string protocol;  // "ICMP", "IP", "IGMP", ... (abbreviation when known)
  std::string message;   // "Destination Unreachable Message", "" outside one
  std::string field;     // "Checksum" inside a field description, else ""
  std::string role;      // "sender", "receiver", "both" or "" (not implied)
};

/// How a sentence is written in the source.
enum class SentenceKind {
  kProse,            // ordinary prose sentence
  kListItem,         // an item of a bulleted or numbered list
  kValueDefinition,  // the `0 = Echo Reply` / `8 for echo message` idiom
};

struct Sentence {
  std::string
      section;       // "3.1", "Appendix I", or the heading text if unnumbered
  std::string text;  // one sentence, whitespace-normalised
  SentenceContext context;
  int line = 0;  // 1-based line in the source where it starts
  SentenceKind kind = SentenceKind::kProse;
};

/// One heading of the document. Sections nest: `parent` indexes
/// RfcDocument::sections (-1 for a top-level section).
struct Section {
  std::string id;      // "3.1", "Appendix I", or the title if unnumbered
  std::string number;  // "3.1", "Appendix I" or "" if unnumbered
  std::string title;   // "Internet Header Format"
  int level = 1;       // 1 for top level
  int parent = -1;
  int line = 0;  // 1-based source line of the heading
  int end_line =
      0;  // last source line that belongs to it (subsections included)
};

/// A value a field takes, from `0 = Echo Reply`, `8 for echo message`,
/// `9-31 = Reserved`, `00  no warning` or a bare `3` under a field.
struct ValueDefinition {
  std::string protocol;
  std::string message;
  std::string field;                  // the field the value belongs to ("Code")
  std::string value;                  // as written: "0", "9-31", "2...n", "00"
  std::optional<uint64_t> low, high;  // numeric range when it is one
  std::string meaning;                // "Echo Reply"; empty for a bare value
  int line = 0;
};

struct DiagramField {
  std::string name;  // as drawn ("Type", "Internet Header + 64 bits of ...")
  int bit_offset =
      0;              // from the start of the header; -1 after a variable field
  int bit_width = 0;  // -1 = variable (trailer, "...", "//", "variable" text)
  std::optional<uint64_t> fixed_value;  // "Ver= 4", a "0 0 0" bit cell
};

struct HeaderDiagram {
  std::string title;     // caption, else message or field label, else section
  std::string protocol;  // context protocol ("ICMP"), may be empty
  std::string section;   // id of the section holding it
  int line = 0;          // 1-based source line of the diagram's top border
  std::vector<DiagramField> fields;

  /// Bits before the first variable field (the whole header if none).
  int FixedBits() const;
  /// True if some field has variable width.
  bool HasVariableField() const;
};

struct RfcDocument {
  std::string source;  // the name ReadRfc was given
  std::string
      title;  // the document title ("INTERNET CONTROL MESSAGE PROTOCOL")
  std::string protocol;  // the protocol the whole document specifies, or ""
  std::vector<Section> sections;
  std::vector<Sentence> sentences;
  std::vector<ValueDefinition> values;
  std::vector<HeaderDiagram> diagrams;
  /// Readable layout the reader skipped or guessed at ("line 12: ...").
  std::vector<std::string> warnings;
};

/// Reads RFC plain text (ASCII or UTF-8; tabs, form feeds and CRLF allowed).
/// Errors: Malformed with "SOURCE:L:C: ..." for control characters or NUL
/// bytes, OutOfRange for text over 32 MiB. Thread-safe (no shared state).
Result<RfcDocument> ReadRfc(std::string_view text, std::string source_name);

/// Indexes of the sentences in the section whose id or title equals
/// `section` (case-insensitive) and in its subsections, in document order.
std::vector<size_t> SentencesInSection(const RfcDocument& doc,
                                       std::string_view section);

}  // namespace protolm::spec
