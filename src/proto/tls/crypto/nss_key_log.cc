// The NSS key log reader (see nss_key_log.h).
#include "proto/tls/crypto/nss_key_log.h"

#include <algorithm>
#include <array>
#include <fstream>

#include "util/escaped_text.h"
#include "util/line_reader.h"
#include "util/text_fields.h"

namespace protolm::tls {
namespace {

constexpr size_t kMaxLine = 1024;
constexpr size_t kRandomSize = 32;
constexpr size_t kMasterSecretSize = 48;

/// A label and the member of SessionSecrets it fills (nullptr: checked,
/// not kept).
struct Label {
  std::string_view name;
  Bytes SessionSecrets::*member;
};

constexpr std::array<Label, 8> kLabels = {{
    {"CLIENT_RANDOM", &SessionSecrets::master_secret},
    {"CLIENT_EARLY_TRAFFIC_SECRET", &SessionSecrets::client_early_traffic},
    {"CLIENT_HANDSHAKE_TRAFFIC_SECRET",
     &SessionSecrets::client_handshake_traffic},
    {"SERVER_HANDSHAKE_TRAFFIC_SECRET",
     &SessionSecrets::server_handshake_traffic},
    {"CLIENT_TRAFFIC_SECRET_0", &SessionSecrets::client_traffic_0},
    {"SERVER_TRAFFIC_SECRET_0", &SessionSecrets::server_traffic_0},
    {"EXPORTER_SECRET", nullptr},
    {"EARLY_EXPORTER_SECRET", nullptr},
}};

/// Capitals, digits and underscores: the shape of every label.
bool LooksLikeLabel(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string NssKeyLog::ReadLine(std::string_view line, bool* secret) {
  if (HasControlBytes(line)) return "binary data, not a key log line";
  const std::vector<std::string_view> fields = SplitWhitespace(line);
  if (fields.empty() || fields[0].starts_with('#')) return "";
  if (fields.size() != 3)
    return "expected LABEL CLIENT_RANDOM SECRET, found " +
           std::to_string(fields.size()) + " fields";
  const auto label =
      std::find_if(kLabels.begin(), kLabels.end(),
                   [&](const Label& l) { return l.name == fields[0]; });
  if (label == kLabels.end()) {
    if (LooksLikeLabel(fields[0])) return "";  // a label we do not use
    return "unknown label " + QuotedForMessage(fields[0]);
  }
  const std::string prefix = std::string(label->name) + ": ";
  // Lengths are checked on the text too: FromHex also takes "0x" and spaces.
  Result<Bytes> random = FromHex(fields[1]);
  if (!random.ok() || random->size() != kRandomSize ||
      fields[1].size() != 2 * kRandomSize) {
    return prefix + "the client random is not 64 hex digits";
  }
  Result<Bytes> value = FromHex(fields[2]);
  const bool master = label->member == &SessionSecrets::master_secret;
  if (!value.ok() || fields[2].size() != 2 * value->size() ||
      (master ? value->size() != kMasterSecretSize
              : value->size() != 32 && value->size() != 48)) {
    return prefix + (master ? "the secret is not 96 hex digits"
                            : "the secret is not 64 or 96 hex digits");
  }
  *secret = true;
  if (label->member == nullptr) return "";
  SessionSecrets& session =
      sessions_[std::string(random->begin(), random->end())];
  session.*(label->member) = std::move(value).value();
  return "";
}

void NssKeyLog::Read(std::istream& in, std::string_view name,
                     const OnWarning& on_warning) {
  LineReader reader(in, kMaxLine);
  std::string first_fault;
  uint64_t faults = 0;
  bool any_secret = false;
  std::string_view line;
  for (;;) {
    const LineReader::Outcome outcome = reader.Next(line);
    if (outcome == LineReader::Outcome::kEnd) break;
    std::string fault =
        outcome == LineReader::Outcome::kTooLong
            ? "a line over " + std::to_string(kMaxLine) + " bytes"
            : ReadLine(line, &any_secret);
    if (fault.empty()) continue;
    if (faults++ == 0) {
      first_fault = std::string(name) + ":" +
                    std::to_string(reader.line_number()) + ": " + fault;
    }
  }
  if (!on_warning) return;
  if (faults == 1) {
    on_warning(first_fault + "; line skipped");
  } else if (faults > 1) {
    on_warning(first_fault + "; skipped with " + std::to_string(faults - 1) +
               " more lines that do not parse");
  } else if (!any_secret) {
    on_warning(std::string(name) + ": no key log lines");
  }
}

Status NssKeyLog::ReadFile(const std::string& path,
                           const OnWarning& on_warning) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot read key log " + path);
  Read(in, path, on_warning);
  if (in.bad()) return IoError("cannot read key log " + path);
  return Status::Ok();
}

const SessionSecrets* NssKeyLog::Find(ByteView client_random) const {
  if (client_random.size() != kRandomSize) return nullptr;
  auto it =
      sessions_.find(std::string(client_random.begin(), client_random.end()));
  return it == sessions_.end() ? nullptr : &it->second;
}

}  // namespace protolm::tls
