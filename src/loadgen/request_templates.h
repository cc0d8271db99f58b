// The requests a load replays: framed requests whose identifier is
// rewritten on every send.
//
// A load sends each request many times over many connections, several in
// flight on one connection (pipelining), so answers are matched to requests
// by the 16-bit identifier the protocol pairs them with (the MBAP
// transaction id of Modbus/TCP, the S7 PDU reference: the protocol table
// says where it sits, Protocol::IdentifierOffset). A RequestTemplate is
// a request framed once, with the offset of that identifier; each send
// copies the bytes and writes a fresh identifier (no parsing, no
// allocation per request). Requests come from a dataset (JSONL written by
// `protolm probe` or `protolm ingest`, replayed in file order; connection
// openings left out) or from a probe strategy of the protocol's built-in
// probe configuration (proto/probe_settings.h), sent to no device. Pure
// functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "proto/protocol.h"
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

/// A template of one framed request of `protocol`, its identifier where
/// Protocol::IdentifierOffset says. Errors: Malformed when `request` is not
/// exactly one framed unit, or not a request with a pair key (an answer, an
/// event, a header too broken to pair); the protocol's Unsupported when it
/// pairs by no identifier.
Result<RequestTemplate> MakeTemplate(const Protocol& protocol,
                                     ByteView request);

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
/// `protocol`, writes not put back (no device answers). Errors:
/// InvalidArgument for an unknown protocol or strategy.
Result<RequestList> GeneratedRequests(std::string_view protocol,
                                      std::string_view strategy, size_t count,
                                      uint64_t seed);

}  // namespace protolm::loadgen
