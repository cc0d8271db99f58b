// One framed HTTP/1.x message (message_frame.h) as a field tree with the
// pipeline's facts.
//
// The tree is rooted at "http.req" or "http.resp" (by the start line, not
// the direction): a "start_line" (method, request_target, version; or
// version, status_class, status_code, reason), a "headers" field with one
// "header" per field line (its name and value; "obs_fold" when folded) and
// a "body" whose value says how it is delimited, with one field per chunk
// and trailer line of a chunked body. Faults are statuses naming the field
// and its unit offset (head.h lists those of the head; here: a head without
// its blank line, a body shorter than its Content-Length or a chunked body
// without its last chunk (Truncated), bytes after the body, chunk syntax).
// The first fault is the status; the tree shows what was read. A response
// that announces a body (a Content-Length above 0, chunked) and has no body
// bytes at all is presumed to answer HEAD (a "body" of value "none" with a
// "presumed_head_response" note); a body
// cut at kMaxUnitBytes gets a "cut_at_unit_limit" note instead of a fault.
//
// PduInfo: a request is a request, a final response (>= 200) a response and
// an interim one (1xx) an event, so it does not take the place of the final
// answer; HTTP/1.x answers requests in order, so no pair key is given and
// the pairer matches them first in, first out. The function is the method
// (escaped) or the three-digit status code; a status >= 400 is an
// exception. Pure function; thread-safe.
#pragma once

#include "proto/codec.h"
#include "util/bytes.h"
#include "util/direction.h"

namespace protolm::http {

Dissection DissectMessage(ByteView unit, Direction dir);

}  // namespace protolm::http
