// COTP (ISO 8073 / X.224) transport PDUs as carried by TPKT on port 102.
//
// A CotpTpdu is a typed, faithful copy of one TPDU: the fixed part of its
// type (references, class, reason, TPDU number and EOT bit), the variable
// part's parameters in wire order (src-tsap 0xc1, dst-tsap 0xc2, tpdu-size
// 0xc0 named; others kept as code + bytes) and its user data (the S7 payload
// of a DT). DecodeCotp reads one TPDU and builds its field tree; EncodeCotp
// writes it back byte for byte. Builders make the TPDUs an S7 client or PLC
// sends. Everything here is a pure function of its arguments (thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proto/field_tree.h"
#include "proto/s7comm/field_node.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::s7comm {

/// TPDU code: the high nibble of the type byte.
enum class CotpType : uint8_t {
  kExpeditedData = 0x10,      // ED
  kExpeditedAck = 0x20,       // EA
  kReject = 0x50,             // RJ
  kDataAck = 0x60,            // AK
  kError = 0x70,              // ER
  kDisconnectRequest = 0x80,  // DR
  kDisconnectConfirm = 0xc0,  // DC
  kConnectConfirm = 0xd0,     // CC
  kConnectRequest = 0xe0,     // CR
  kData = 0xf0,               // DT
};

inline constexpr uint8_t kParamTpduSize = 0xc0;
inline constexpr uint8_t kParamSrcTsap = 0xc1;
inline constexpr uint8_t kParamDstTsap = 0xc2;

/// "cr", "cc", "dr", "dc", "dt", "ed", "ak", "ea", "rj", "er"; empty if the
/// code is not a TPDU type.
std::string CotpTypeName(uint8_t type_code);

struct CotpParam {
  uint8_t code = 0;
  Bytes value;
  bool operator==(const CotpParam&) const = default;
};

/// One TPDU. Fields that the type does not carry stay 0 and are not written.
struct CotpTpdu {
  CotpType type = CotpType::kData;
  uint8_t credit = 0;             // low nibble of the type byte (CDT)
  uint16_t dst_ref = 0;           // CR CC DR DC ED AK EA RJ ER
  uint16_t src_ref = 0;           // CR CC DR DC
  uint8_t class_option = 0;       // CR CC: class (high nibble) and options
  uint8_t reason = 0;             // DR: disconnect reason; ER: reject cause
  uint8_t tpdu_number = 0;        // DT ED AK EA RJ: 7-bit number
  bool eot = true;                // DT ED: last unit of the TSDU (bit 8)
  std::vector<CotpParam> params;  // variable part, in wire order
  Bytes user_data;                // DT/ED data; user data of CR CC DR
  bool operator==(const CotpTpdu&) const = default;

  /// The value of parameter `code`, or null.
  const Bytes* Param(uint8_t code) const;
  /// A TSAP parameter (2 bytes) as a number, if present with that size.
  std::optional<uint16_t> Tsap(uint8_t code) const;
  /// The tpdu-size parameter as a byte count (2^code), if present.
  std::optional<uint32_t> TpduSizeBytes() const;
};

/// A TPDU read from one TPKT payload, with its "cotp" subtree (offsets are
/// `base` + position in the payload). status names the first fault with its
/// offset ("COTP: offset 5: ..."); the tree then holds what was read. The DT
/// and ED user data gets no field here: the caller dissects it. With
/// FieldMode::kSkip the tree stays empty and no display text is made; with
/// kFactsOnly the parameters and user data are not copied either.
struct CotpDecoding {
  CotpTpdu tpdu;
  Field tree;
  Status status;
};

CotpDecoding DecodeCotp(ByteView tpkt_payload, size_t base,
                        FieldMode mode = FieldMode::kRecord);
/// The TPDU alone; errors as in DecodeCotp with base 0.
Result<CotpTpdu> ParseCotp(ByteView tpkt_payload);
/// Bytes of the TPDU (no TPKT header). Fails (InvalidArgument) when the
/// header would exceed 254 bytes or a parameter value 255 bytes.
Result<Bytes> EncodeCotp(const CotpTpdu& tpdu);

/// CR as S7 clients send it: class 0, params src-tsap, dst-tsap, tpdu-size
/// (tpdu_size_code 0x0a = 1024 bytes).
CotpTpdu CotpConnectRequest(uint16_t src_ref, uint16_t src_tsap,
                            uint16_t dst_tsap, uint8_t tpdu_size_code);
/// CC as S7-300 PLCs send it: class 0, params tpdu-size, src-tsap, dst-tsap.
/// dst_ref is the src_ref of the CR it answers.
CotpTpdu CotpConnectConfirm(uint16_t dst_ref, uint16_t src_ref,
                            uint16_t src_tsap, uint16_t dst_tsap,
                            uint8_t tpdu_size_code);
/// DT (class 0) carrying `payload`.
CotpTpdu CotpData(Bytes payload, bool eot, uint8_t tpdu_number = 0);
/// DR with a disconnect reason (0x80 = normal).
CotpTpdu CotpDisconnectRequest(uint16_t dst_ref, uint16_t src_ref,
                               uint8_t reason);

}  // namespace protolm::s7comm
