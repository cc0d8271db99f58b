// Reading encrypted sessions: the secrets a protocol reads from key log
// files (--keylog; Protocol::ReadKeyLog), and per session the decryptor that
// sits between the codec's framing and dissection.
//
// The capture source frames each direction of a session with the codec as
// always and hands every framed unit to the session's decryptor, which
// hands back the units to dissect, in order: a unit it cannot or need not
// decrypt unchanged, a decrypted one as the codec's units of its plaintext.
// Decryption is per-connection state (handshake parameters, keys that
// change, sequence numbers), so it lives here and not in the stateless
// codec; which units are encrypted and what their plaintext is stays the
// protocol's business.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "util/bytes.h"
#include "util/direction.h"

namespace protolm {

/// One line of text for the user.
using KeyLogWarning = std::function<void(const std::string&)>;

/// Decrypts the units of one session (both directions). Not thread-safe.
class SessionDecryptor {
 public:
  using Emit = std::function<void(ByteView unit)>;

  virtual ~SessionDecryptor() = default;

  /// Hands `emit` what the unit `unit` (framed by the codec, travelling
  /// `dir`) becomes: itself when it is not encrypted or cannot be
  /// decrypted; once decrypted, the units of its plaintext (none while a
  /// message is incomplete, several when it held several). The views are
  /// valid during the call only.
  virtual void Decrypt(ByteView unit, Direction dir, const Emit& emit) = 0;
  /// Bytes of `dir` were lost before the next unit.
  virtual void Gap(Direction dir) = 0;
  /// True once any unit of the session was decrypted.
  virtual bool decrypted() const = 0;
};

/// The secrets read from key log files. Immutable; thread-safe.
class KeyLog {
 public:
  virtual ~KeyLog() = default;

  /// The decryptor of one new session; `on_warning` gets a line for each
  /// problem it meets (each kind once per session).
  virtual std::unique_ptr<SessionDecryptor> NewSession(
      KeyLogWarning on_warning) const = 0;
};

}  // namespace protolm
