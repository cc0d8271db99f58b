// The NSS key log format (SSLKEYLOGFILE; what OpenSSL's -keylogfile,
// GnuTLS and Go write): one secret per line, "LABEL CLIENT_RANDOM SECRET",
// the ClientHello's random (32 bytes in hex) naming the session; blank
// lines and lines starting with '#' are skipped.
//
// Kept: CLIENT_RANDOM (the TLS 1.0-1.2 master secret, 48 bytes) and the TLS
// 1.3 traffic secrets CLIENT_EARLY_TRAFFIC_SECRET,
// CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_HANDSHAKE_TRAFFIC_SECRET,
// CLIENT_TRAFFIC_SECRET_0 and SERVER_TRAFFIC_SECRET_0 (32 or 48 bytes: the
// suite's hash). EXPORTER_SECRET and EARLY_EXPORTER_SECRET are checked but
// not kept (nothing is decrypted with them); a line of three fields with
// another label in capitals (a newer label, OpenSSL's
// CLIENT_TRAFFIC_SECRET_N) is skipped, as the format asks. A line that does
// not parse (wrong field count, bad hex or length, a label of other
// characters, binary data, over 1 KiB) is skipped too, and a file holding
// such lines gives one warning naming the first by file:line and counting
// the others; a file with no secrets at all gives one warning too. For the
// same session and label a later line wins. Not thread-safe while reading;
// Find is safe from any thread afterwards.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm::tls {

/// What a key log holds for one session (empty: no line gave it).
struct SessionSecrets {
  Bytes master_secret;             // CLIENT_RANDOM
  Bytes client_early_traffic;      // CLIENT_EARLY_TRAFFIC_SECRET
  Bytes client_handshake_traffic;  // CLIENT_HANDSHAKE_TRAFFIC_SECRET
  Bytes server_handshake_traffic;  // SERVER_HANDSHAKE_TRAFFIC_SECRET
  Bytes client_traffic_0;          // CLIENT_TRAFFIC_SECRET_0
  Bytes server_traffic_0;          // SERVER_TRAFFIC_SECRET_0
};

class NssKeyLog {
 public:
  using OnWarning = std::function<void(const std::string&)>;

  /// Reads the lines of `in`, named `name` in warnings.
  void Read(std::istream& in, std::string_view name,
            const OnWarning& on_warning);
  /// Reads the file at `path`. Errors: IoError when it cannot be opened.
  Status ReadFile(const std::string& path, const OnWarning& on_warning);

  /// The secrets of the session whose ClientHello had `client_random`;
  /// nullptr when no line names it.
  const SessionSecrets* Find(ByteView client_random) const;
  /// Sessions with at least one secret kept.
  size_t sessions() const { return sessions_.size(); }

 private:
  /// Keeps or skips one line; a non-empty result says why it does not
  /// parse.
  std::string ReadLine(std::string_view line, bool* secret);

  std::unordered_map<std::string, SessionSecrets> sessions_;
};

}  // namespace protolm::tls
