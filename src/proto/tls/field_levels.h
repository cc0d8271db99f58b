// Abstraction levels of TLS tree fields (see Abstract() in field_tree.h).
//
// Abstract(tree, 1) names what a framed unit carries ("tls
// content_type=handshake"); depth 2 adds the message: the handshake message
// types, the alert description, the heartbeat type; depth 3 adds the fields
// that tell one handshake from another: offered and chosen versions, the
// chosen cipher suite, the extension types, the alert level. Lengths, random
// values, keys, certificates and names stay at 0 (never tokens): they differ
// on every connection.
#pragma once

namespace protolm::tls {

inline constexpr int kLevelHidden = 0;
inline constexpr int kLevelContentType = 1;  // content_type of the unit
inline constexpr int kLevelMessage = 2;      // msg_type, alert description
inline constexpr int kLevelKeyFields = 3;    // versions, cipher suite, extensions

}  // namespace protolm::tls
