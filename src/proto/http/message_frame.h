// Where an HTTP/1.x message ends in one direction of a connection, and
// where the next one may start after lost bytes.
//
// One framed unit is one whole message: its head and its body. A message
// whose body has no end yet waits for more bytes, except in three cases a
// stateless framer must decide alone:
// - a body that runs to the close of the connection (a response without
//   Content-Length or chunked coding) is framed with the bytes at hand: the
//   connection ends after it, and a framer never sees the close;
// - a response that announces a body whose bytes begin with a status line
//   is presumed to answer HEAD: the head alone is the unit;
// - a message longer than kMaxUnitBytes (syntax.h) is framed up to that
//   size; the rest of its body is left to the caller, which cannot frame it
//   (ingest counts it as skipped bytes).
// A chunked body that breaks the coding is framed with the bytes at hand,
// for Dissect to name the fault. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>

#include "proto/codec.h"
#include "util/bytes.h"

namespace protolm::http {

FrameResult FrameMessage(ByteView stream);

/// The first offset that starts a line with a status line or with a
/// standard method and a space; nullopt if none.
std::optional<size_t> FindMessageStart(ByteView stream);

/// A standard method and a space at the start of `bytes`.
bool StartsWithStandardMethod(ByteView bytes);

}  // namespace protolm::http
