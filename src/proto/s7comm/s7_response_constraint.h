// The S7comm (TPKT / COTP / S7) response grammar of one request, as a prefix
// oracle for constrained decoding.
//
// Built from the REQUEST and the protocol specification only, it admits
// responses the metrics validator accepts with spec-only rules
// (s7comm::S7Rules{}) and the shapes a PLC sends: one TPKT unit (version 3,
// length of what follows) with one COTP DT (EOT) carrying one S7 PDU. A COTP
// connect request gets a connect confirm of class 0 (its references echoed,
// TPDU size not above the request's, the TSAPs echoed) or a disconnect
// request; a disconnect request gets its disconnect confirm. An S7 job gets
// an ack_data with the PDU reference echoed and consistent parameter and data
// lengths, or an ack / ack_data refusing it with a defined error class and no
// parameter: setup communication negotiates values not above the request's;
// read var echoes the item count and answers each item with a defined return
// code, and on success a transport size and value size matching the
// requested item (bits 0/1, fill bytes after odd values); write var returns
// one defined return code per item; other functions echo the function byte.
// A userdata PDU gets a userdata response echoing function group and
// subfunction; an SZL read echoes list id and index with a record structure
// consistent with the data length (or carries an error code and no data).
// Return codes, error classes, negotiated values, SZL contents and data are
// the model's — except that with the device's areas known (s7comm::S7Rules,
// a clone's learned_s7_areas.h) each read or write item gets only the return
// code due, and a request whose whole answer the rules know (a clone's
// learned connection, setup and SZL answers, s7_identity_answers.h) gets
// exactly that answer. Requests that get no answer from a PLC (acks, DTs without an
// S7 PDU, TPDUs other than CR/DR/DT, ones that do not decode) get the empty
// response; for decodable acks and DTs without S7 the validator wants an
// answer but none it accepts is a PLC's. Immutable; Allowed is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "proto/prefix_walker.h"
#include "proto/response_constraint.h"
#include "proto/s7comm/s7_validator.h"
#include "proto/s7comm/cotp.h"
#include "proto/s7comm/s7_pdu.h"
#include "proto/s7comm/s7_request.h"
#include "util/bytes.h"

namespace protolm::s7comm {

/// Default cap of an S7 response: one 1024-byte unit (the largest TPDU an
/// S7-300 confirms; a 960-byte S7 PDU fits).
inline constexpr size_t kMaxS7Response = 1024;

class S7ResponseConstraint final : public ResponseConstraint {
 public:
  /// `request` is one framed unit as on the wire. Responses longer than
  /// `max_response_bytes` are not admitted; when none fits, only the empty
  /// response is.
  /// `rules`: a request whose answer the rules know (s7_identity_answers.h:
  /// connection, setup, SZL) gets only that answer (only read during
  /// construction).
  explicit S7ResponseConstraint(const S7Request& request,
                                size_t max_response_bytes = kMaxS7Response,
                                const s7comm::S7Rules& rules = {});
  /// The same for a request not yet decoded.
  explicit S7ResponseConstraint(ByteView request,
                                size_t max_response_bytes = kMaxS7Response,
                                const s7comm::S7Rules& rules = {})
      : S7ResponseConstraint(S7Request(request), max_response_bytes, rules) {}

  void Allowed(ByteView produced, AllowedTokens* out) const override;

 private:
  enum class Shape : uint8_t { kNothing, kFixed, kConnect, kJob, kUserdata };
  enum class JobKind : uint8_t {
    kRefuseOnly,
    kSetup,
    kReadVar,
    kWriteVar,
    kOther
  };
  /// One read var item: value bytes on success (nullopt: the size is not
  /// known from the request, so only a failure is admitted).
  struct ReadItem {
    std::optional<size_t> value_bytes;
    bool bit = false;
    ByteSet codes;  // the return codes it may get (the rules' due one)
  };

  void InitConnect(const s7comm::CotpTpdu& cr);
  void InitJob(const s7comm::S7Pdu& job, const s7comm::S7Rules& rules);
  void InitUserdata(const s7comm::S7Pdu& request);
  void WalkConnect(PrefixWalker& w, size_t total) const;
  void WalkJob(PrefixWalker& w, size_t total) const;
  void WalkReadItems(PrefixWalker& w, size_t data_length) const;
  void WalkUserdata(PrefixWalker& w, size_t total) const;
  void WalkSzlData(PrefixWalker& w, size_t data_length, bool more) const;
  /// Bytes item i occupies in a read var answer on success.
  size_t SuccessBytes(size_t i) const;
  void AllowTotal(size_t total);

  Shape shape_ = Shape::kNothing;
  size_t max_response_ = 0;
  std::vector<bool> totals_;  // admitted TPKT lengths
  Bytes fixed_;               // kFixed: the one answer
  // kConnect
  uint16_t cr_src_ref_ = 0;
  bool confirm_allowed_ = false;
  uint8_t max_tpdu_size_code_ = 0;
  Bytes src_tsap_, dst_tsap_;
  // kJob and kUserdata
  uint16_t pdu_ref_ = 0;
  JobKind job_ = JobKind::kRefuseOnly;
  uint8_t function_ = 0;
  uint16_t param_length_ = 0;  // of a normal answer
  uint16_t setup_amq_calling_ = 0, setup_amq_called_ = 0, setup_pdu_ = 0;
  size_t item_count_ = 0;
  std::vector<ReadItem> read_items_;
  std::vector<ByteSet> write_codes_;  // per write var item
  /// reachable_[i][d]: items i.. of a read var answer can fill d data bytes.
  std::vector<std::vector<bool>> reachable_;
  uint8_t group_ = 0, subfunction_ = 0;
  std::optional<std::pair<uint16_t, uint16_t>> szl_;  // SZL id and index
  bool szl_group_ = false;  // CPU functions / SZL read without a list id
};

}  // namespace protolm::s7comm
