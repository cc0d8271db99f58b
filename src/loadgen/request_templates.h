// The requests a load replays: framed requests whose identifier is
// rewritten on every send.
//
// A load sends each request many times over many connections, several in
// flight on one connection (pipelining), so answers are matched to requests
// by the 16-bit identifier the protocol pairs them with: the MBAP
// transaction id (Modbus/TCP) or the S7 PDU reference. A RequestTemplate is
// a request framed once, with the offset of that identifier; each send
// copies the bytes and writes a fresh identifier (no parsing, no
// allocation per request). Requests come from a dataset (JSONL written by
// `protolm probe` or `protolm ingest`, replayed in file order; S7
// connection openings left out) or from a probe strategy
// (probe/modbus_strategies.h, probe/s7_strategies.h) on the protocol's
// built-in probe configuration. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/status.h"

namespace protolm::loadgen {

struct RequestTemplate {
  Bytes wire;             // one framed request
  size_t id_offset = 0;   // where its big-endian 16-bit identifier sits
  uint8_t key_shift = 0;  // the answer's pair key (PduInfo::pair_key) for
  uint64_t key_low = 0;   // identifier id is (id << key_shift) | key_low

  uint64_t KeyFor(uint16_t id) const {
    return (uint64_t{id} << key_shift) | key_low;
  }
};

/// Appends the template's bytes with identifier `id` to `out` (which keeps
/// its capacity from send to send).
void StampRequest(const RequestTemplate& request, uint16_t id, Bytes& out);

/// The offset of the identifier in a framed unit of `protocol` (request or
/// answer): 0 for Modbus (transaction id); for S7comm the PDU reference in
/// the S7 header that follows the first COTP data unit's header. Errors:
/// Malformed when the unit is too short or carries no S7 header there.
Result<size_t> IdentifierOffset(std::string_view protocol, ByteView framed);

/// The pair key of a framed answer of `protocol`, read from its header alone
/// (Modbus: transaction id and unit id; S7comm: the PDU reference of a data
/// unit), as the codec's Inspect gives it; nullopt when the unit has no such
/// header (too short, or an S7 unit other than data).
std::optional<uint64_t> AnswerKey(std::string_view protocol, ByteView framed);

/// A template of one framed request of `codec`'s protocol. Errors:
/// Malformed when `request` is not exactly one framed unit, or not a request
/// with a pair key (an answer, an event, a header too broken to pair).
Result<RequestTemplate> MakeTemplate(const Codec& codec, ByteView request);

struct RequestList {
  std::vector<RequestTemplate> requests;
  /// Dataset records that were left out because they are not a request the
  /// load can pair (see MakeTemplate), and the first one's reason
  /// ("file:line: ..."); records without request bytes and S7 connection
  /// openings are left out without being counted.
  size_t unusable = 0;
  std::string first_unusable;
};

/// The requests of a JSONL dataset, in file order. Errors: those of
/// ReadDataset; InvalidArgument for a record of another protocol
/// ("d.jsonl:3: a s7comm record in a modbus load") or a dataset with no
/// usable request.
Result<RequestList> DatasetRequests(const std::string& path,
                                    std::string_view protocol);

/// `count` requests of probe strategy `strategy` ("boundaries" or
/// "random") with `seed`, on the built-in probe configuration of
/// `protocol`. Errors: InvalidArgument for an unknown protocol or strategy.
Result<RequestList> GeneratedRequests(std::string_view protocol,
                                      std::string_view strategy, size_t count,
                                      uint64_t seed);

}  // namespace protolm::loadgen
