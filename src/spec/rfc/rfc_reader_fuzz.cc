// libFuzzer target: ReadRfc over untrusted text, then the consumers of its
// diagrams (JSON, text table and C emission) on whatever it found. Any
// crash, sanitizer report, hang or unbounded allocation is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "spec/rfc/c_header_emitter.h"
#include "spec/rfc/header_report.h"
#include "spec/rfc/rfc_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  protolm::Result<protolm::spec::RfcDocument> doc =
      protolm::spec::ReadRfc(text, "fuzz.txt");
  if (!doc.ok()) return 0;
  (void)protolm::spec::SentencesInSection(*doc, "1");
  (void)protolm::spec::RenderDiagrams(doc->diagrams);
  (void)protolm::spec::DiagramsToJson(doc->diagrams)
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  (void)protolm::spec::EmitC(doc->diagrams, "fuzz.txt");
  return 0;
}
