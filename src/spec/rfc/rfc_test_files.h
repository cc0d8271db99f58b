// Test helper: loads the RFC texts of the shared data set
// (PROTOLM_SHARED_DATA_DIR/rfcs) and reads them, for the spec_rfc tests only.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "spec/rfc/rfc_document.h"

namespace protolm::spec::testing {

/// The text of rfcs/NAME, or "" (with a test failure) if it cannot be read.
inline std::string LoadRfcText(const std::string& name) {
  std::string path = std::string(PROTOLM_SHARED_DATA_DIR) + "/rfcs/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// ReadRfc over rfcs/NAME; an empty document (and a failure) on error.
inline RfcDocument LoadRfc(const std::string& name) {
  Result<RfcDocument> doc = ReadRfc(LoadRfcText(name), name);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : RfcDocument{};
}

}  // namespace protolm::spec::testing
