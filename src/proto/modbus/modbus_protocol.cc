// The Modbus/TCP protocol descriptor (see modbus_protocol.h): each facet is
// the Modbus folder's own implementation, under the device's ModbusKnowledge.
#include "proto/modbus/modbus_protocol.h"

#include <algorithm>
#include <optional>
#include <string>

#include "proto/modbus/mbap.h"
#include "proto/modbus/modbus_codec.h"
#include "proto/modbus/modbus_knowledge.h"
#include "proto/modbus/modbus_probe_settings.h"
#include "proto/modbus/modbus_request.h"
#include "proto/modbus/modbus_response_constraint.h"
#include "proto/modbus/modbus_scan_signatures.h"
#include "proto/modbus/modbus_tolerance.h"
#include "proto/modbus/modbus_validator.h"

namespace protolm::modbus {
namespace {

/// Pair keys carry the unit id below the transaction id (mbap.h PairKey).
constexpr uint8_t kUnitIdBits = 8;

class ModbusDescriptor final : public Protocol {
 public:
  const Codec& codec() const override { return ModbusCodec(); }
  size_t max_response_bytes() const override { return kMaxModbusAdu; }

  std::shared_ptr<const DecodedRequest> DecodeRequest(
      ByteView framed) const override {
    return std::make_shared<const ModbusRequest>(framed);
  }

  /// The function code in decimal ("43/14" with the MEI type); writes are
  /// functions 5, 6, 15, 16, 21, 22 and 23.
  RequestIntent IntentOf(const Dissection& request) const override {
    const Field& tree = request.tree;
    RequestIntent intent;
    const std::optional<int64_t> code = tree.NumberAt("function_code");
    if (!code) return intent;
    intent.function = std::to_string(*code);
    if (std::optional<int64_t> mei = tree.NumberAt("mei_type"))
      intent.function.append("/").append(std::to_string(*mei));
    for (int64_t write : {5, 6, 15, 16, 21, 22, 23})
      intent.changes_device |= *code == write;
    return intent;
  }

  const ScanSignatures* scan_signatures() const override {
    return &ModbusScanSignatures();
  }

  std::unique_ptr<DeviceKnowledge> LearnDevice(
      std::span<const ByteExchange> training,
      std::span<const ByteExchange> sequence,
      std::string* summary) const override {
    return LearnModbusDevice(training, sequence, summary);
  }
  Result<std::unique_ptr<DeviceKnowledge>> KnowledgeFromProvenance(
      const nlohmann::json& extra) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<ModbusKnowledge> known,
                     ModbusKnowledgeFromProvenance(extra));
    return std::unique_ptr<DeviceKnowledge>(std::move(known));
  }

  Status ValidateResponse(const DecodedRequest& request, ByteView response,
                          const DeviceKnowledge* known) const override {
    std::optional<ModbusRequest> own;
    return ValidateModbusResponse(DecodedAs(request, own), response,
                                  RulesOf(known));
  }
  bool ValuesWithinEpsilon(ByteView request, ByteView expected,
                           ByteView predicted, double epsilon,
                           const DeviceKnowledge* known) const override {
    return ModbusValuesWithinEpsilon(request, expected, predicted, epsilon,
                                     RulesOf(known));
  }

  std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      const DecodedRequest& request, size_t max_response_bytes,
      const DeviceKnowledge* known) const override {
    std::optional<ModbusRequest> own;
    return std::make_unique<ModbusResponseConstraint>(
        DecodedAs(request, own), std::min(max_response_bytes, kMaxModbusAdu),
        RulesOf(known));
  }
  std::unique_ptr<MemoryImage> NewMemoryImage(
      const DeviceKnowledge* known) const override {
    const ModbusKnowledge* k = KnowledgeAs<ModbusKnowledge>(known, name());
    return std::make_unique<ModbusMemoryImage>(
        k != nullptr ? k->starting_memory : ModbusMemoryImage{});
  }

  Result<size_t> IdentifierOffset(ByteView framed) const override {
    if (framed.size() < 2)
      return Malformed("a Modbus unit of " + std::to_string(framed.size()) +
                       " bytes has no transaction id");
    return size_t{0};  // the MBAP header's transaction id
  }
  uint8_t pair_key_shift() const override { return kUnitIdBits; }
  std::optional<uint64_t> AnswerKey(ByteView framed) const override {
    if (framed.size() < kMbapSize) return std::nullopt;
    MbapHeader header;
    header.transaction_id = static_cast<uint16_t>(framed[0] << 8 | framed[1]);
    header.unit_id = framed[kMbapSize - 1];
    return PairKey(header);
  }

  Result<std::shared_ptr<const ProbeSettings>> ProbeSettingsFrom(
      const nlohmann::json& config, std::string_view origin) const override {
    ASSIGN_OR_RETURN(auto read, ReadModbusProbeConfig(config, origin));
    return std::shared_ptr<const ProbeSettings>(
        std::make_shared<ModbusProbeSettings>(std::move(read)));
  }

 private:
  /// The rules `known` holds; the specification's alone when it holds none.
  static const ModbusRules& RulesOf(const DeviceKnowledge* known) {
    static const ModbusRules kSpecificationOnly;
    const ModbusKnowledge* k =
        KnowledgeAs<ModbusKnowledge>(known, kProtocolName);
    return k != nullptr ? k->rules : kSpecificationOnly;
  }
};

}  // namespace

const Protocol& ModbusProtocol() {
  static const ModbusDescriptor kProtocol;
  return kProtocol;
}

}  // namespace protolm::modbus
