// Abstraction levels of HTTP tree fields (see Abstract() in field_tree.h).
//
// Abstract(tree, 1) names what a unit is: the root, "http.req" or
// "http.resp"; depth 2 adds the method of a request or the status class
// ("2xx") of a response; depth 3 adds what tells one message of that kind
// from another: the version, the status code, the header names in order and
// how the body is delimited. Targets, header values, reasons and body bytes
// stay at 0 (never tokens): they differ from message to message.
#pragma once

namespace protolm::http {

inline constexpr int kLevelHidden = 0;
inline constexpr int kLevelKind = 2;       // method, status class
inline constexpr int kLevelKeyFields = 3;  // version, status, headers, body

}  // namespace protolm::http
