// The keys of a session's directions (see session_keys.h).
#include "proto/tls/session_keys.h"

#include <string>

#include "proto/tls/crypto/traffic_keys.h"
#include "proto/tls/names.h"

namespace protolm::tls {
namespace {

constexpr uint16_t kTls10 = 0x0301;
constexpr uint16_t kTls13 = 0x0304;
constexpr size_t kRandomSize = 32;

const char* PeerName(Direction dir) {
  return dir == Direction::kClientToServer ? "client" : "server";
}

}  // namespace

SessionKeys::SessionKeys(std::shared_ptr<const NssKeyLog> log,
                         KeyLogWarning on_warning)
    : log_(std::move(log)), on_warning_(std::move(on_warning)) {}

SessionKeys::Side& SessionKeys::SideOf(Direction dir) {
  return sides_[dir == Direction::kClientToServer ? 0 : 1];
}

const SessionKeys::Side& SessionKeys::SideOf(Direction dir) const {
  return sides_[dir == Direction::kClientToServer ? 0 : 1];
}

bool SessionKeys::Protected(Direction dir, uint8_t type) const {
  const Side& side = SideOf(dir);
  return !side.lost && side.keys.any() &&
         (!side.tls13 || type == kApplicationData);
}

Result<uint8_t> SessionKeys::Open(Direction dir, const RecordHeader& header,
                                  ByteView body, Bytes& out) {
  return SideOf(dir).keys.Open(header.type, header.version, body, out);
}

void SessionKeys::Observe(ByteView unit, Direction dir) {
  std::optional<RecordHeader> header = ReadRecordHeader(unit);
  if (!header || IsSslv2ClientHelloStart(unit)) return;
  if (header->type == kChangeCipherSpec) {
    OnChangeCipherSpec(dir);
    return;
  }
  const Side& side = SideOf(dir);
  if (header->type != kHandshake || side.blind || side.lost) return;
  const bool client = dir == Direction::kClientToServer;
  for (const MessageFacts& message : HandshakeFacts(unit)) {
    switch (message.type) {
      case kClientHelloType:
        if (client) OnClientHello(message);
        break;
      case kServerHelloType:
        if (!client) OnServerHello(message);
        break;
      case kEndOfEarlyDataType:
        if (client) OnEndOfEarlyData();
        break;
      case kFinishedType:
        OnFinished(dir);
        break;
      case kKeyUpdateType:
        OnKeyUpdate(dir);
        break;
      default:
        break;
    }
  }
}

void SessionKeys::Lose(Direction dir) {
  Side& side = SideOf(dir);
  if (!side.keys.any() || side.lost) return;
  side.lost = true;
  if (on_warning_)
    on_warning_("tls: bytes from the " + std::string(PeerName(dir)) +
                " were lost: its later records stay encrypted");
}

void SessionKeys::OnClientHello(const MessageFacts& hello) {
  if (hello.random.size() != kRandomSize) return;
  client_random_ = hello.random;
  secrets_ = log_->Find(client_random_);
  if (secrets_ == nullptr || !hello.early_data ||
      secrets_->client_early_traffic.empty()) {
    return;
  }
  // 0-RTT data: under the early secret and the resumed session's suite,
  // one of those offered; the first whose keys open a record is it.
  const Bytes& secret = secrets_->client_early_traffic;
  Side& client = SideOf(Direction::kClientToServer);
  for (uint16_t id : hello.cipher_suites) {
    std::optional<CipherSuite> suite = CipherSuiteFromName(CipherSuiteName(id));
    if (!suite || !suite->tls13 || DigestSize(suite->hash) != secret.size())
      continue;
    std::unique_ptr<RecordCipher> cipher = Tls13Cipher(*suite, secret);
    if (client.phase == Phase::kEarly) {
      client.keys.AddCandidate(std::move(cipher));
    } else if (cipher != nullptr) {
      client.keys.Use(std::move(cipher));
      client.phase = Phase::kEarly;
      client.tls13 = true;
    }
  }
}

void SessionKeys::OnServerHello(const MessageFacts& hello) {
  if (hello.retry_request) {  // a HelloRetryRequest: TLS 1.3 follows
    version_ = kTls13;
    return;
  }
  version_ = hello.version;
  for (Side& side : sides_) side.next.reset();  // keys of an earlier hello
  if (secrets_ == nullptr || hello.cipher_suites.size() != 1) return;
  if (version_ < kTls10 || version_ > kTls13) {
    WarnUnsupported(VersionName(version_) +
                    " is not decrypted (TLS 1.0 to 1.3 are)");
    return;
  }
  const std::string name = CipherSuiteName(hello.cipher_suites[0]);
  suite_ = CipherSuiteFromName(name);
  if (!suite_ || suite_->tls13 != (version_ == kTls13)) {
    suite_.reset();
    WarnUnsupported(name +
                    " is not decrypted (AES-GCM, ChaCha20-Poly1305 and "
                    "AES-CBC suites are)");
    return;
  }
  if (version_ == kTls13) {
    UseTls13(Direction::kServerToClient, secrets_->server_handshake_traffic,
             Phase::kHandshake);
    Side& client = SideOf(Direction::kClientToServer);
    if (client.phase == Phase::kEarly) {  // until EndOfEarlyData
      if (!secrets_->client_handshake_traffic.empty())
        client.keys.AddCandidate(
            Tls13Cipher(*suite_, secrets_->client_handshake_traffic));
    } else {
      UseTls13(Direction::kClientToServer, secrets_->client_handshake_traffic,
               Phase::kHandshake);
    }
    return;
  }
  if (secrets_->master_secret.empty() || hello.random.size() != kRandomSize) {
    return;
  }
  Result<KeyBlock> block = Tls12KeyBlock(
      *suite_, version_, secrets_->master_secret, client_random_, hello.random);
  if (!block.ok()) {
    WarnBadSecret(block.status().message());
    return;
  }
  SideOf(Direction::kClientToServer).next =
      Cipher(*suite_, version_, block->client, hello.encrypt_then_mac);
  SideOf(Direction::kServerToClient).next =
      Cipher(*suite_, version_, block->server, hello.encrypt_then_mac);
}

void SessionKeys::OnChangeCipherSpec(Direction dir) {
  // Before a ServerHello, or TLS 1.3's compatibility CCS: no key change.
  if (version_ == 0 || version_ == kTls13) return;
  Side& side = SideOf(dir);
  side.keys.Use(std::move(side.next));
  side.phase = Phase::kApplication;
  side.tls13 = false;
  side.blind = !side.keys.any();
}

void SessionKeys::OnFinished(Direction dir) {
  const Side& side = SideOf(dir);
  if (version_ != kTls13 || !suite_ ||
      (side.phase != Phase::kEarly && side.phase != Phase::kHandshake)) {
    return;  // TLS 1.2, or a post-handshake authentication's Finished
  }
  UseTls13(dir,
           dir == Direction::kClientToServer ? secrets_->client_traffic_0
                                             : secrets_->server_traffic_0,
           Phase::kApplication);
}

void SessionKeys::OnKeyUpdate(Direction dir) {
  const Side& side = SideOf(dir);
  if (version_ != kTls13 || !suite_ || side.phase != Phase::kApplication ||
      side.secret.empty()) {
    return;
  }
  Result<Bytes> next = NextTrafficSecret(*suite_, side.secret);
  if (!next.ok()) {
    WarnBadSecret(next.status().message());
    return;
  }
  UseTls13(dir, *next, Phase::kApplication);
}

void SessionKeys::OnEndOfEarlyData() {
  if (suite_ && SideOf(Direction::kClientToServer).phase == Phase::kEarly)
    UseTls13(Direction::kClientToServer, secrets_->client_handshake_traffic,
             Phase::kHandshake);
}

void SessionKeys::UseTls13(Direction dir, const Bytes& secret, Phase phase) {
  Side& side = SideOf(dir);
  side.keys.Use(secret.empty() ? nullptr : Tls13Cipher(*suite_, secret));
  side.secret = secret;
  side.phase = phase;
  side.tls13 = true;
}

std::unique_ptr<RecordCipher> SessionKeys::Tls13Cipher(const CipherSuite& suite,
                                                       ByteView secret) {
  Result<TrafficKeys> keys = Tls13TrafficKeys(suite, secret);
  if (!keys.ok()) {
    WarnBadSecret(keys.status().message());
    return nullptr;
  }
  return Cipher(suite, kTls13, *keys, false);
}

std::unique_ptr<RecordCipher> SessionKeys::Cipher(const CipherSuite& suite,
                                                  uint16_t version,
                                                  const TrafficKeys& keys,
                                                  bool encrypt_then_mac) {
  Result<std::unique_ptr<RecordCipher>> cipher =
      NewRecordCipher(suite, version, keys, encrypt_then_mac);
  if (!cipher.ok()) {
    WarnBadSecret(cipher.status().message());
    return nullptr;
  }
  return std::move(cipher).value();
}

void SessionKeys::WarnUnsupported(const std::string& text) {
  if (warned_unsupported_) return;
  warned_unsupported_ = true;
  if (on_warning_) on_warning_("tls: " + text);
}

void SessionKeys::WarnBadSecret(const std::string& text) {
  if (warned_bad_secret_) return;
  warned_bad_secret_ = true;
  if (on_warning_)
    on_warning_("tls: the key log's secrets give no keys: " + text);
}

}  // namespace protolm::tls
