// Small accessors of RfcDocument (see rfc_document.h); ReadRfc itself lives
// in rfc_reader.cc.
#include "spec/rfc/rfc_document.h"

#include "spec/rfc/text_util.h"

namespace protolm::spec {

int HeaderDiagram::FixedBits() const {
  int bits = 0;
  for (const DiagramField& f : fields) {
    if (f.bit_width < 0) break;
    bits += f.bit_width;
  }
  return bits;
}

bool HeaderDiagram::HasVariableField() const {
  for (const DiagramField& f : fields) {
    if (f.bit_width < 0) return true;
  }
  return false;
}

std::vector<size_t> SentencesInSection(const RfcDocument& doc,
                                       std::string_view section) {
  std::vector<size_t> out;
  for (const Section& s : doc.sections) {
    if (!EqualsIgnoreCase(s.id, section) &&
        !EqualsIgnoreCase(s.title, section)) {
      continue;
    }
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      int line = doc.sentences[i].line;
      if (line >= s.line && line <= s.end_line) out.push_back(i);
    }
    break;
  }
  return out;
}

}  // namespace protolm::spec
