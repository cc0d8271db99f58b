// COTP connect and setup communication of an S7 client (see s7_opening.h).
#include "probe/s7_opening.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace protolm::probe {
namespace {

/// The CR's source reference and TPDU size (code 0x0a: 1024 bytes), as S7
/// clients send them.
constexpr uint16_t kCotpSourceRef = 0x0001;
constexpr uint8_t kTpduSize1024 = 0x0a;

}  // namespace

Result<S7Opening> BuildS7Opening(const ProbeConfig& config,
                                 uint16_t parallel_jobs, uint16_t setup_ref) {
  S7Opening opening;
  opening.remote_tsap = config.remote_tsap;
  opening.setup_ref = setup_ref;
  ASSIGN_OR_RETURN(opening.connect_request,
                   s7comm::FrameTpdu(s7comm::CotpConnectRequest(
                       kCotpSourceRef, config.local_tsap, config.remote_tsap,
                       kTpduSize1024)));
  const uint16_t jobs = std::max<uint16_t>(parallel_jobs, 1);
  ASSIGN_OR_RETURN(opening.setup_request,
                   s7comm::FrameS7Pdu(s7comm::SetupCommunicationJob(
                       setup_ref, jobs, jobs, config.pdu_size)));
  return opening;
}

Status CheckConnectConfirm(ByteView framed, const S7Opening& opening) {
  s7comm::MessageDecoding cc =
      s7comm::DecodeMessage(framed, s7comm::FieldMode::kSkip);
  if (cc.status.ok() && !cc.tpdus.empty() &&
      cc.tpdus[0].type == s7comm::CotpType::kConnectConfirm)
    return Status::Ok();
  char tsap[8];
  std::snprintf(tsap, sizeof tsap, "0x%04x", opening.remote_tsap);
  return IoError(std::string("refused the COTP connection to TSAP ") + tsap +
                 " (check the rack and slot: s7.remote_tsap of the probe "
                 "configuration)");
}

Result<uint16_t> GrantedParallelJobs(ByteView framed,
                                     const S7Opening& opening) {
  s7comm::MessageDecoding ack =
      s7comm::DecodeMessage(framed, s7comm::FieldMode::kSkip);
  const s7comm::SetupCommunication* setup =
      ack.s7 ? std::get_if<s7comm::SetupCommunication>(&ack.s7->body) : nullptr;
  if (setup == nullptr || ack.s7->rosctr != s7comm::Rosctr::kAckData ||
      ack.s7->pdu_ref != opening.setup_ref || ack.s7->error_class != 0)
    return IoError(
        "did not accept setup communication (its answer is not the "
        "setup ack_data; is this an S7comm PLC?)");
  return std::max<uint16_t>(setup->max_amq_calling, 1);
}

bool IsS7ConnectionSetup(ByteView framed) {
  s7comm::MessageDecoding unit =
      s7comm::DecodeMessage(framed, s7comm::FieldMode::kSkip);
  if (!unit.tpdus.empty() && unit.tpdus[0].type != s7comm::CotpType::kData)
    return true;
  return unit.s7 &&
         std::holds_alternative<s7comm::SetupCommunication>(unit.s7->body);
}

}  // namespace protolm::probe
