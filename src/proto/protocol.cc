// The neutral facets of a protocol descriptor (see protocol.h).
#include "proto/protocol.h"

#include <algorithm>

#include "proto/probe_settings.h"

namespace protolm {

std::shared_ptr<const DecodedRequest> Protocol::DecodeRequest(
    ByteView framed) const {
  return std::make_shared<const DecodedRequest>(codec(), framed);
}

Status Protocol::ValidateResponse(const DecodedRequest&, ByteView,
                                  const DeviceKnowledge*) const {
  return Unsupported(std::string(name()) + ": no response validator");
}

bool Protocol::ValuesWithinEpsilon(ByteView, ByteView expected,
                                   ByteView predicted, double,
                                   const DeviceKnowledge*) const {
  return std::ranges::equal(expected, predicted);
}

Result<std::shared_ptr<const KeyLog>> Protocol::ReadKeyLog(
    std::span<const std::string>, const KeyLogWarning&) const {
  return Unsupported("protocol " + std::string(name()) +
                     " reads no key logs (nothing of it is encrypted)");
}

Result<size_t> Protocol::IdentifierOffset(ByteView) const {
  return Unsupported("protocol " + std::string(name()) +
                     " pairs answers by no identifier a load can rewrite");
}

std::optional<uint64_t> Protocol::AnswerKey(ByteView framed) const {
  const Result<size_t> offset = IdentifierOffset(framed);
  if (!offset.ok() || framed.size() < *offset + 2) return std::nullopt;
  return uint64_t{framed[*offset]} << 8 | framed[*offset + 1];
}

Result<std::shared_ptr<const ProbeSettings>> Protocol::ProbeSettingsFrom(
    const nlohmann::json&, std::string_view) const {
  return Unsupported("protocol " + std::string(name()) +
                     " cannot be probed (no probe strategies)");
}

}  // namespace protolm
