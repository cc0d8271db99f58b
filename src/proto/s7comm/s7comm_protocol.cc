// The S7comm protocol descriptor (see s7comm_protocol.h): each facet is the
// S7comm folder's own implementation, under the PLC's S7Knowledge.
#include "proto/s7comm/s7comm_protocol.h"

#include <algorithm>
#include <optional>
#include <string>

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/s7_identity_answers.h"
#include "proto/s7comm/s7_knowledge.h"
#include "proto/s7comm/s7_memory_image.h"
#include "proto/s7comm/s7_probe_settings.h"
#include "proto/s7comm/s7_request.h"
#include "proto/s7comm/s7_response_constraint.h"
#include "proto/s7comm/s7_scan_signatures.h"
#include "proto/s7comm/s7_tolerance.h"
#include "proto/s7comm/s7comm_codec.h"
#include "proto/s7comm/tpkt.h"

namespace protolm::s7comm {
namespace {

/// Offset of the PDU reference in the S7 header (after protocol id,
/// ROSCTR and redundancy id).
constexpr size_t kPduRefInHeader = 4;

class S7Descriptor final : public Protocol {
 public:
  const Codec& codec() const override { return S7commCodec(); }
  size_t max_response_bytes() const override { return kMaxS7Response; }

  std::shared_ptr<const DecodedRequest> DecodeRequest(
      ByteView framed) const override {
    return std::make_shared<const S7Request>(framed);
  }

  /// A disconnect request (refusing a connection) or the confirm of the
  /// client's disconnect ends the ISO connection.
  bool EndsConnection(ByteView response) const override {
    if (response.size() <= kTpktHeaderSize) return false;
    auto tpdu = ParseCotp(response.subspan(kTpktHeaderSize));
    return tpdu.ok() && (tpdu->type == CotpType::kDisconnectRequest ||
                         tpdu->type == CotpType::kDisconnectConfirm);
  }
  /// The codec's function name; writes, downloads and stops change the PLC.
  RequestIntent IntentOf(const Dissection& request) const override {
    RequestIntent intent{request.info.function, false};
    for (const char* name : {"write_var", "request_download", "download_block",
                             "download_ended", "plc_control", "plc_stop"})
      intent.changes_device |= intent.function == name;
    return intent;
  }

  std::unique_ptr<ConnectionNumbering> NewConnectionNumbering() const override {
    return std::make_unique<S7DataUnitNumbering>();
  }

  const ScanSignatures* scan_signatures() const override {
    return &S7ScanSignatures();
  }

  std::unique_ptr<DeviceKnowledge> LearnDevice(
      std::span<const ByteExchange> training, std::span<const ByteExchange>,
      std::string* summary) const override {
    return LearnS7Device(training, summary);
  }
  Result<std::unique_ptr<DeviceKnowledge>> KnowledgeFromProvenance(
      const nlohmann::json& extra) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<S7Knowledge> known,
                     S7KnowledgeFromProvenance(extra));
    return std::unique_ptr<DeviceKnowledge>(std::move(known));
  }

  Status ValidateResponse(const DecodedRequest& request, ByteView response,
                          const DeviceKnowledge* known) const override {
    std::optional<S7Request> own;
    return ValidateS7Response(DecodedAs(request, own), response,
                              RulesOf(known));
  }
  bool ValuesWithinEpsilon(ByteView, ByteView expected, ByteView predicted,
                           double epsilon,
                           const DeviceKnowledge*) const override {
    return S7ValuesWithinEpsilon(expected, predicted, epsilon);
  }

  std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      const DecodedRequest& request, size_t max_response_bytes,
      const DeviceKnowledge* known) const override {
    std::optional<S7Request> own;
    return std::make_unique<S7ResponseConstraint>(
        DecodedAs(request, own), std::min(max_response_bytes, kMaxS7Response),
        RulesOf(known));
  }
  std::unique_ptr<MemoryImage> NewMemoryImage(
      const DeviceKnowledge*) const override {
    return std::make_unique<S7MemoryImage>();
  }

  /// The PDU reference in the S7 header that follows the first COTP data
  /// unit's header.
  Result<size_t> IdentifierOffset(ByteView framed) const override {
    ByteReader reader(framed);
    reader.Skip(kTpktHeaderSize);
    const std::optional<uint8_t> cotp_length = reader.U8();
    const std::optional<uint8_t> cotp_type = reader.Peek();
    if (!cotp_length || !cotp_type ||
        (*cotp_type & 0xf0) != static_cast<uint8_t>(CotpType::kData) ||
        !reader.Skip(*cotp_length) || reader.remaining() < kPduRefInHeader + 2)
      return Malformed("an S7 unit of " + std::to_string(framed.size()) +
                       " bytes carries no S7 header with a PDU reference");
    return reader.offset() + kPduRefInHeader;
  }

  Result<std::shared_ptr<const ProbeSettings>> ProbeSettingsFrom(
      const nlohmann::json& config, std::string_view origin) const override {
    ASSIGN_OR_RETURN(auto read, ReadS7ProbeConfig(config, origin));
    return std::shared_ptr<const ProbeSettings>(
        std::make_shared<S7ProbeSettings>(std::move(read)));
  }

 private:
  /// The rules `known` holds; the specification's alone when it holds none.
  static const S7Rules& RulesOf(const DeviceKnowledge* known) {
    static const S7Rules kSpecificationOnly;
    const S7Knowledge* k = KnowledgeAs<S7Knowledge>(known, kProtocolName);
    return k != nullptr ? k->rules : kSpecificationOnly;
  }
};

}  // namespace

const Protocol& S7commProtocol() {
  static const S7Descriptor kProtocol;
  return kProtocol;
}

}  // namespace protolm::s7comm
