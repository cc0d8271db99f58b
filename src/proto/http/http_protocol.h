// The HTTP protocol descriptor (proto/protocol.h): the codec alone, for
// now.
//
// Ingest, detection and the explain path need the codec; the clone and
// serve facets of the HTTP replication issue (a validator, a response
// grammar, a document-root state, probe settings) are still to come, so
// every other facet keeps the descriptor's neutral default (ProbeSettingsFrom
// is Unsupported: probe and clone leave HTTP out of their protocol lists).
#pragma once

#include "proto/protocol.h"

namespace protolm::http {

/// The singleton; immutable, safe from any thread.
const Protocol& HttpProtocol();

}  // namespace protolm::http
