// Base64 (RFC 4648, standard alphabet, '=' padding) for binary data kept in
// text documents, such as the .plm bytes inside a detector's JSON model file.
// Decoding reads untrusted text: anything that is not well-formed base64 is a
// one-line error, never a crash.
#pragma once

#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/status.h"

namespace protolm {

/// The base64 text of `bytes`, padded with '=' to a multiple of 4 characters.
std::string EncodeBase64(ByteView bytes);

/// The bytes of padded base64 `text` (no whitespace). Errors: Malformed for a
/// length that is not a multiple of 4, a character outside the alphabet,
/// padding anywhere but at the end ("base64: character 7 is not in the
/// alphabet").
Result<Bytes> DecodeBase64(std::string_view text);

}  // namespace protolm
