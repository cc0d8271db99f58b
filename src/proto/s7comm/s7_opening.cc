// COTP connect and setup communication of an S7 client (see s7_opening.h).
#include "proto/s7comm/s7_opening.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::s7comm {
namespace {

/// The CR's source reference and TPDU size (code 0x0a: 1024 bytes), as S7
/// clients send them.
constexpr uint16_t kCotpSourceRef = 0x0001;
constexpr uint8_t kTpduSize1024 = 0x0a;

}  // namespace

Result<std::unique_ptr<S7Opening>> S7Opening::Build(
    const S7ProbeConfig& config, uint16_t parallel_jobs, uint16_t setup_ref) {
  std::unique_ptr<S7Opening> opening(new S7Opening());
  opening->remote_tsap_ = config.remote_tsap;
  opening->setup_ref_ = setup_ref;
  ASSIGN_OR_RETURN(Bytes connect,
                   FrameTpdu(CotpConnectRequest(kCotpSourceRef,
                                                config.local_tsap,
                                                config.remote_tsap,
                                                kTpduSize1024)));
  const uint16_t jobs = std::max<uint16_t>(parallel_jobs, 1);
  ASSIGN_OR_RETURN(Bytes setup, FrameS7Pdu(SetupCommunicationJob(
                                    setup_ref, jobs, jobs, config.pdu_size)));
  opening->requests_ = {std::move(connect), std::move(setup)};
  return opening;
}

Result<uint16_t> S7Opening::Accept(size_t step, ByteView answer) const {
  const MessageDecoding decoded = DecodeMessage(answer, FieldMode::kSkip);
  if (step == 0) {
    if (decoded.status.ok() && !decoded.tpdus.empty() &&
        decoded.tpdus[0].type == CotpType::kConnectConfirm)
      return uint16_t{1};
    char tsap[8];
    std::snprintf(tsap, sizeof tsap, "0x%04x", remote_tsap_);
    return IoError(std::string("refused the COTP connection to TSAP ") + tsap +
                   " (check the rack and slot: s7.remote_tsap of the probe "
                   "configuration)");
  }
  const SetupCommunication* setup =
      decoded.s7 ? std::get_if<SetupCommunication>(&decoded.s7->body)
                 : nullptr;
  if (setup == nullptr || decoded.s7->rosctr != Rosctr::kAckData ||
      decoded.s7->pdu_ref != setup_ref_ || decoded.s7->error_class != 0)
    return IoError(
        "did not accept setup communication (its answer is not the "
        "setup ack_data; is this an S7comm PLC?)");
  return std::max<uint16_t>(setup->max_amq_calling, 1);
}

bool S7Opening::IsOpeningUnit(ByteView framed) const {
  const MessageDecoding unit = DecodeMessage(framed, FieldMode::kSkip);
  if (!unit.tpdus.empty() && unit.tpdus[0].type != CotpType::kData)
    return true;
  return unit.s7 && std::holds_alternative<SetupCommunication>(unit.s7->body);
}

}  // namespace protolm::s7comm
