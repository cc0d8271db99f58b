// Decrypting one TLS session (see session_decryptor.h).
#include "proto/tls/session_decryptor.h"

#include <algorithm>
#include <optional>
#include <string>

#include "proto/tls/record.h"
#include "proto/tls/session_keys.h"

namespace protolm::tls {
namespace {

const char* PeerName(Direction dir) {
  return dir == Direction::kClientToServer ? "client" : "server";
}

/// `body` after a record header of `type`, `version` and its length; zeros
/// in place of `body` when `blank`.
void AppendRecord(Bytes& to, uint8_t type, uint16_t version, ByteView body,
                  bool blank) {
  to.push_back(type);
  to.push_back(static_cast<uint8_t>(version >> 8));
  to.push_back(static_cast<uint8_t>(version));
  to.push_back(static_cast<uint8_t>(body.size() >> 8));
  to.push_back(static_cast<uint8_t>(body.size()));
  if (blank) {
    to.resize(to.size() + body.size(), 0);
  } else {
    to.insert(to.end(), body.begin(), body.end());
  }
}

class TlsSessionDecryptor final : public SessionDecryptor {
 public:
  TlsSessionDecryptor(std::shared_ptr<const NssKeyLog> log,
                      KeyLogWarning on_warning)
      : keys_(std::move(log), on_warning), on_warning_(on_warning) {}

  void Decrypt(ByteView unit, Direction dir, const Emit& emit) override {
    Side& side = SideOf(dir);
    if (side.plaintext.empty() && !AnyProtected(unit, dir)) {
      keys_.Observe(unit, dir);
      emit(unit);
      return;
    }
    ByteView rest = unit;
    while (!rest.empty()) {  // a unit is whole records
      std::optional<RecordHeader> header = ReadRecordHeader(rest);
      const size_t size =
          std::min(rest.size(),
                   header ? kRecordHeaderSize + header->length : rest.size());
      const ByteView record = rest.first(size);
      rest = rest.subspan(size);
      if (header && size == kRecordHeaderSize + header->length &&
          keys_.Protected(dir, header->type)) {
        Open(*header, record.subspan(kRecordHeaderSize), dir, emit);
      } else {
        side.plaintext.insert(side.plaintext.end(), record.begin(),
                              record.end());
      }
      EmitUnits(dir, emit);
    }
  }

  void Gap(Direction dir) override {
    SideOf(dir).plaintext.clear();
    keys_.Lose(dir);
  }

  bool decrypted() const override { return decrypted_; }

 private:
  struct Side {
    Bytes plaintext;      // records not yet framed into a unit
    bool warned = false;  // a record did not open
  };

  Side& SideOf(Direction dir) {
    return sides_[dir == Direction::kClientToServer ? 0 : 1];
  }

  bool AnyProtected(ByteView unit, Direction dir) const {
    if (IsSslv2ClientHelloStart(unit)) return false;
    for (ByteView rest = unit; rest.size() >= kRecordHeaderSize;) {
      const RecordHeader header = *ReadRecordHeader(rest);
      if (keys_.Protected(dir, header.type)) return true;
      rest = rest.subspan(
          std::min(rest.size(), kRecordHeaderSize + header.length));
    }
    return false;
  }

  /// Opens one protected record into the plaintext stream; a record that
  /// does not open goes out as it came, after what was waiting.
  void Open(const RecordHeader& header, ByteView body, Direction dir,
            const Emit& emit) {
    Side& side = SideOf(dir);
    Result<uint8_t> type = keys_.Open(dir, header, body, opened_);
    if (type.ok()) {
      decrypted_ = true;
      AppendRecord(side.plaintext, *type, header.version, opened_,
                   *type == kApplicationData);
      return;
    }
    if (!side.warned && on_warning_) {
      on_warning_("tls: a record from the " + std::string(PeerName(dir)) +
                  " does not decrypt with the key log's secrets (" +
                  type.status().message() +
                  "); records that do not decrypt stay encrypted");
    }
    side.warned = true;
    if (!side.plaintext.empty()) {  // an incomplete message, as it is
      emit(side.plaintext);
      side.plaintext.clear();
    }
    raw_.clear();
    AppendRecord(raw_, header.type, header.version, body, false);
    emit(raw_);
  }

  /// Frames the direction's plaintext stream into units, shows each to
  /// the keys and emits it; what does not make a whole unit yet waits.
  void EmitUnits(Direction dir, const Emit& emit) {
    Bytes& plaintext = SideOf(dir).plaintext;
    size_t at = 0;
    while (at < plaintext.size()) {
      const ByteView rest = ByteView(plaintext).subspan(at);
      const FrameResult frame = FrameUnit(rest);
      if (frame.kind == FrameResult::Kind::kNeedMore) break;
      size_t length = frame.length;
      if (frame.kind == FrameResult::Kind::kInvalid) {
        // A content type the codec does not know: that record alone.
        std::optional<RecordHeader> header = ReadRecordHeader(rest);
        length = header
                     ? std::min(rest.size(), kRecordHeaderSize + header->length)
                     : rest.size();
      }
      const ByteView unit = rest.first(length);
      keys_.Observe(unit, dir);
      emit(unit);
      at += length;
    }
    plaintext.erase(plaintext.begin(),
                    plaintext.begin() + static_cast<ptrdiff_t>(at));
  }

  SessionKeys keys_;
  KeyLogWarning on_warning_;
  Side sides_[2];
  Bytes opened_;  // the last record's plaintext
  Bytes raw_;     // a record that did not open
  bool decrypted_ = false;
};

}  // namespace

std::unique_ptr<SessionDecryptor> NewTlsSessionDecryptor(
    std::shared_ptr<const NssKeyLog> log, KeyLogWarning on_warning) {
  return std::make_unique<TlsSessionDecryptor>(std::move(log),
                                               std::move(on_warning));
}

}  // namespace protolm::tls
