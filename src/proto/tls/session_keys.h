// The keys of a TLS session's two directions as its handshake sets them,
// from the secrets a key log holds for it.
//
// The session is named by its ClientHello's random, looked up in the key
// log (a renegotiation's ClientHello names the next keys). TLS 1.0-1.2:
// the ServerHello's random, suite and version turn the master secret
// (CLIENT_RANDOM) into both directions' keys, each put in use at its
// direction's ChangeCipherSpec; from then on every record of that
// direction is protected. TLS 1.3: records of type application_data are
// protected; after the ServerHello the handshake traffic secrets are in
// use, after each direction's Finished its application traffic secret 0,
// after a KeyUpdate the next secret; 0-RTT records use the client's early
// traffic secret until EndOfEarlyData (or until the handshake keys open a
// record: the server refused them), under whichever offered suite opens
// the first of them. Key changes take effect at the record after the
// message that makes them (such messages end their record, RFC 8446 5.1),
// so Observe is called with each plaintext unit before the next record is
// opened. Warned once per session each: lost bytes while keys were in use
// (later records cannot be opened), a suite or version protolm does not
// decrypt, secrets that give no keys. Not thread-safe.
#pragma once

#include <memory>
#include <optional>

#include "proto/key_log.h"
#include "proto/tls/crypto/cipher_suite.h"
#include "proto/tls/crypto/nss_key_log.h"
#include "proto/tls/crypto/record_cipher.h"
#include "proto/tls/direction_keys.h"
#include "proto/tls/handshake_facts.h"
#include "proto/tls/record.h"

namespace protolm::tls {

class SessionKeys {
 public:
  SessionKeys(std::shared_ptr<const NssKeyLog> log, KeyLogWarning on_warning);

  /// True when a record of `type` from `dir` is protected and keys may
  /// open it.
  bool Protected(Direction dir, uint8_t type) const;
  /// Opens a protected record (DirectionKeys::Open).
  Result<uint8_t> Open(Direction dir, const RecordHeader& header, ByteView body,
                       Bytes& out);
  /// What the plaintext unit `unit` from `dir` changes.
  void Observe(ByteView unit, Direction dir);
  /// Bytes of `dir` were lost: while keys are in use, its records are no
  /// longer opened (their sequence numbers are unknown).
  void Lose(Direction dir);

 private:
  /// Which keys a direction's records are under.
  enum class Phase : uint8_t {
    kCleartext,
    kEarly,        // TLS 1.3 0-RTT
    kHandshake,    // TLS 1.3 handshake traffic keys
    kApplication,  // TLS 1.3 application traffic keys; TLS 1.2 after CCS
  };

  struct Side {
    DirectionKeys keys;
    /// TLS 1.0-1.2: the keys the next ChangeCipherSpec puts in use.
    std::unique_ptr<RecordCipher> next;
    Phase phase = Phase::kCleartext;
    bool tls13 = false;  // only application_data records are protected
    bool blind = false;  // records are protected and no keys open them
    bool lost = false;   // bytes were lost while keys were in use
    Bytes secret;        // TLS 1.3: the traffic secret in use
  };

  Side& SideOf(Direction dir);
  const Side& SideOf(Direction dir) const;

  void OnClientHello(const MessageFacts& hello);
  void OnServerHello(const MessageFacts& hello);
  void OnChangeCipherSpec(Direction dir);
  void OnFinished(Direction dir);
  void OnKeyUpdate(Direction dir);
  void OnEndOfEarlyData();

  /// From the next record of `dir` on: TLS 1.3 keys of `secret` (none when
  /// the key log lacks it).
  void UseTls13(Direction dir, const Bytes& secret, Phase phase);
  std::unique_ptr<RecordCipher> Tls13Cipher(const CipherSuite& suite,
                                            ByteView secret);
  std::unique_ptr<RecordCipher> Cipher(const CipherSuite& suite,
                                       uint16_t version,
                                       const TrafficKeys& keys,
                                       bool encrypt_then_mac);
  void WarnUnsupported(const std::string& text);
  void WarnBadSecret(const std::string& text);

  std::shared_ptr<const NssKeyLog> log_;
  KeyLogWarning on_warning_;
  const SessionSecrets* secrets_ = nullptr;  // in *log_
  Bytes client_random_;
  uint16_t version_ = 0;              // 0 until the ServerHello
  std::optional<CipherSuite> suite_;  // set when there are keys to derive
  Side sides_[2];
  bool warned_unsupported_ = false;
  bool warned_bad_secret_ = false;
};

}  // namespace protolm::tls
