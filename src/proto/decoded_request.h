// A request decoded once: what the serve path reads instead of decoding the
// same bytes again at every step.
//
// A served device answers each request in several steps that all need to
// know what the request says: the response grammar (constrained decoding),
// the validity guard, the state overlay, the event record and scan
// detection. Protocol::DecodeRequest makes one DecodedRequest per request;
// every facet that takes a request reads it. A protocol keeps its typed
// decoding in a subclass of its own (modbus/modbus_request.h,
// s7comm/s7_request.h); a facet given another protocol's request treats it
// as a request that does not decode. The codec's dissection (the field tree
// the event store and scan signatures read) is made on first use, once, by
// whichever thread asks first. Immutable apart from that; thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "proto/codec.h"
#include "util/bytes.h"

namespace protolm {

class DecodedRequest {
 public:
  /// `framed`, a framed client-to-server unit of `codec`'s protocol.
  DecodedRequest(const Codec& codec, ByteView framed);
  virtual ~DecodedRequest() = default;
  DecodedRequest(const DecodedRequest&) = delete;
  DecodedRequest& operator=(const DecodedRequest&) = delete;

  /// The request as framed on the wire.
  ByteView framed() const { return framed_; }
  /// The codec's dissection of the request (client to server).
  const Dissection& dissection() const;

 private:
  const Codec& codec_;
  Bytes framed_;
  mutable std::once_flag dissected_;
  mutable std::optional<Dissection> dissection_;
};

/// `request` as the protocol whose decoding `R` is (a DecodedRequest
/// constructible from framed bytes) sees it: `request` itself when that
/// protocol decoded it, otherwise its bytes decoded again into `own`.
template <typename R>
const R& DecodedAs(const DecodedRequest& request, std::optional<R>& own) {
  if (const auto* mine = dynamic_cast<const R*>(&request)) return *mine;
  own.emplace(request.framed());
  return *own;
}

}  // namespace protolm
