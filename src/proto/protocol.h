// The protocol descriptor: everything protolm knows of one application
// protocol, reached through one object per protocol folder (the protocol
// table, proto/registry/protocol_table.h, lists them).
//
// Every part of protolm that would otherwise ask "which protocol is this?"
// asks the descriptor instead: ingest and the servers frame with its codec;
// the evaluation and the honeypot's guard judge responses with its validator;
// a clone learns what its device does beyond the specification
// (DeviceKnowledge) and stores it in its checkpoint; constrained decoding
// follows its response grammar; the state overlay keeps its memory image; a
// session numbers its answers as the device does and ends when the protocol
// says so; the event store records what each request asks of the device and
// recognises known scanners; the prober and the load generator send the
// requests of its probe strategies; ingest decrypts its sessions with the
// secrets it reads from key logs. The serve path decodes each request once
// (DecodeRequest) and hands the decoded form to every facet that reads it;
// the ByteView forms of those facets decode for the caller who holds bytes.
// Facets a protocol lacks have neutral defaults
// (no grammar, no state, no knowledge), so a new protocol starts with a codec
// and grows. Descriptors are immutable singletons: safe from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "proto/codec.h"
#include "proto/decoded_request.h"
#include "proto/device_knowledge.h"
#include "proto/key_log.h"
#include "proto/memory_image.h"
#include "proto/response_constraint.h"
#include "proto/scan_signatures.h"
#include "util/byte_exchange.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

class ProbeSettings;  // proto/probe_settings.h

/// What a device does to its answers per connection (an S7 CPU numbers the
/// parts of its userdata answers). One per session; not thread-safe.
class ConnectionNumbering {
 public:
  virtual ~ConnectionNumbering() = default;
  /// `response` as this connection's device sends it.
  virtual Bytes Number(ByteView response) = 0;
};

/// What a request asks of the device, as the event store records it.
struct RequestIntent {
  /// The function as analysts name it (Modbus: the code in decimal, "43/14"
  /// with its MEI type; S7comm: the codec's function name); "" when
  /// unreadable.
  std::string function;
  /// The request asks to change the device: a write, a download, a stop.
  bool changes_device = false;
};

class Protocol {
 public:
  virtual ~Protocol() = default;

  virtual const Codec& codec() const = 0;
  /// The codec's name: the --protocol value and the datasets' "protocol".
  std::string_view name() const { return codec().name(); }

  // --- limits and connection semantics ---

  /// The longest response the protocol allows (Modbus/TCP: a 260-byte ADU).
  virtual size_t max_response_bytes() const { return kDefaultMaxResponse; }
  /// True when a device that sends `response` closes the connection after it.
  virtual bool EndsConnection(ByteView /*response*/) const { return false; }
  /// The per-connection numbering of answers; nullptr when there is none.
  virtual std::unique_ptr<ConnectionNumbering> NewConnectionNumbering() const {
    return nullptr;
  }

  /// `framed` (a client-to-server unit) decoded once for the facets below
  /// that read a request. Default: its bytes and its dissection alone.
  virtual std::shared_ptr<const DecodedRequest> DecodeRequest(
      ByteView framed) const;

  /// What `request` (as the codec dissected it, client to server) asks of
  /// the device. Default: the codec's function name, changing nothing.
  virtual RequestIntent IntentOf(const Dissection& request) const {
    return {request.info.function, false};
  }

  /// How known scanners' requests look in this protocol; nullptr: none.
  virtual const ScanSignatures* scan_signatures() const { return nullptr; }

  // --- reading encrypted sessions ---

  /// The secrets of the key log files `paths` (--keylog, proto/key_log.h).
  /// Lines that do not parse are skipped and reported through
  /// `on_warning`. Errors: IoError naming a file that cannot be read;
  /// Unsupported (the default) when the protocol reads no key logs.
  virtual Result<std::shared_ptr<const KeyLog>> ReadKeyLog(
      std::span<const std::string> paths,
      const KeyLogWarning& on_warning) const;

  // --- what a device does beyond the specification ---

  /// Learns the device from the training split of its probe (`training`) and
  /// the whole probe in the order sent, held-out answers empty
  /// (`sequence`). nullptr when the protocol learns nothing. `summary`
  /// (nullable) gets a line for the log.
  virtual std::unique_ptr<DeviceKnowledge> LearnDevice(
      std::span<const ByteExchange> /*training*/,
      std::span<const ByteExchange> /*sequence*/, std::string* summary) const {
    if (summary != nullptr)
      *summary = "no device rules learned for " + std::string(name());
    return nullptr;
  }
  /// The knowledge DeviceKnowledge::Store put into a checkpoint's
  /// provenance.extra; nullptr when it holds none. Errors: Malformed naming
  /// the field that does not parse.
  virtual Result<std::unique_ptr<DeviceKnowledge>> KnowledgeFromProvenance(
      const nlohmann::json& /*extra*/) const {
    return std::unique_ptr<DeviceKnowledge>();
  }

  // --- judging responses (RVA, the honeypot's guard) ---

  /// Ok when `response` (empty: no answer) validly answers `request` under
  /// the specification and `known` (nullptr, or knowledge of another
  /// protocol: the specification alone); otherwise Malformed with one line
  /// naming the first fault. Default: Unsupported (no validator).
  virtual Status ValidateResponse(const DecodedRequest& request,
                                  ByteView response,
                                  const DeviceKnowledge* known) const;
  Status ValidateResponse(ByteView request, ByteView response,
                          const DeviceKnowledge* known) const {
    return ValidateResponse(*DecodeRequest(request), response, known);
  }
  /// True when `predicted` carries the values of `expected` within `epsilon`
  /// times each value's range (RVA-ε). Default: equal bytes.
  virtual bool ValuesWithinEpsilon(ByteView request, ByteView expected,
                                   ByteView predicted, double epsilon,
                                   const DeviceKnowledge* known) const;

  // --- emulating a device ---

  /// The grammar of the responses to `request` at most `max_response_bytes`
  /// long, under the specification and `known`; nullptr when the protocol
  /// has none (decoding is then unconstrained).
  virtual std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      const DecodedRequest& /*request*/, size_t /*max_response_bytes*/,
      const DeviceKnowledge* /*known*/) const {
    return nullptr;
  }
  std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      ByteView request, size_t max_response_bytes,
      const DeviceKnowledge* known) const {
    return MakeResponseConstraint(*DecodeRequest(request), max_response_bytes,
                                  known);
  }
  /// The memory a clone keeps, starting from what `known` says the device
  /// held; nullptr when the protocol keeps no state.
  virtual std::unique_ptr<MemoryImage> NewMemoryImage(
      const DeviceKnowledge* /*known*/) const {
    return nullptr;
  }

  // --- replaying requests (the load generator) ---

  /// Where a framed unit (request or answer) carries the 16-bit identifier
  /// its answer is paired by (Modbus: the transaction id; S7comm: the PDU
  /// reference). Errors: Malformed when this unit carries none; Unsupported
  /// (the default) when the protocol pairs by no such identifier.
  virtual Result<size_t> IdentifierOffset(ByteView framed) const;
  /// The bits of a pair key (PduInfo::pair_key) below the identifier
  /// (Modbus: 8, the unit id); the key is (identifier << shift) | low bits.
  virtual uint8_t pair_key_shift() const { return 0; }
  /// The pair key of a framed answer from its header alone, as the codec's
  /// Inspect gives it; nullopt when the unit has no such header. Default:
  /// the identifier at IdentifierOffset.
  virtual std::optional<uint64_t> AnswerKey(ByteView framed) const;

  // --- probing a device ---

  /// The protocol's probe settings from a probe configuration (its whole
  /// top-level object, "protocol" included; an empty object: the built-in
  /// default); `origin` names it in errors. Errors: Malformed naming the
  /// field ("p.json: coils.count: runs past address 65535"); Unsupported
  /// when the protocol cannot be probed (the default).
  virtual Result<std::shared_ptr<const ProbeSettings>> ProbeSettingsFrom(
      const nlohmann::json& config, std::string_view origin) const;

  /// The inference engine's bound when a protocol states none.
  static constexpr size_t kDefaultMaxResponse = 300;
};

/// `known` as the knowledge type `K` of `protocol`: nullptr when it is null or
/// of another protocol. For the protocol folders' own implementations.
template <typename K>
const K* KnowledgeAs(const DeviceKnowledge* known, std::string_view protocol) {
  if (known == nullptr || known->protocol() != protocol) return nullptr;
  return static_cast<const K*>(known);
}

}  // namespace protolm
