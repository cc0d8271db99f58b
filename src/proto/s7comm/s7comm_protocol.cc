// The S7comm protocol descriptor (see s7comm_protocol.h): each facet is the
// S7comm folder's own implementation, under the PLC's S7Knowledge.
#include "proto/s7comm/s7comm_protocol.h"

#include <algorithm>

#include "proto/s7comm/cotp.h"
#include "proto/s7comm/s7_identity_answers.h"
#include "proto/s7comm/s7_knowledge.h"
#include "proto/s7comm/s7_memory_image.h"
#include "proto/s7comm/s7_response_constraint.h"
#include "proto/s7comm/s7_scan_signatures.h"
#include "proto/s7comm/s7_tolerance.h"
#include "proto/s7comm/s7comm_codec.h"
#include "proto/s7comm/tpkt.h"

namespace protolm::s7comm {
namespace {

class S7Descriptor final : public Protocol {
 public:
  const Codec& codec() const override { return S7commCodec(); }
  size_t max_response_bytes() const override { return kMaxS7Response; }

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

  Status ValidateResponse(ByteView request, ByteView response,
                          const DeviceKnowledge* known) const override {
    return ValidateS7Response(request, response, RulesOf(known));
  }
  bool ValuesWithinEpsilon(ByteView, ByteView expected, ByteView predicted,
                           double epsilon,
                           const DeviceKnowledge*) const override {
    return S7ValuesWithinEpsilon(expected, predicted, epsilon);
  }

  std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      ByteView request, size_t max_response_bytes,
      const DeviceKnowledge* known) const override {
    return std::make_unique<S7ResponseConstraint>(
        request, std::min(max_response_bytes, kMaxS7Response), RulesOf(known));
  }
  std::unique_ptr<MemoryImage> NewMemoryImage(
      const DeviceKnowledge*) const override {
    return std::make_unique<S7MemoryImage>();
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
