// The requests of known S7comm scanners (bytes captured from nmap 7.93
// against `protolm device serve`; see events/scan_detector_test.cc):
//   nmap-s7-info  nmap's s7-info script (and PLCScan): on one connection
//                 setup communication, SZL 0x0011 and then SZL 0x001c reads,
//                 all with PDU reference 0 (after its COTP connection
//                 request).
#pragma once

#include "proto/scan_signatures.h"

namespace protolm::s7comm {

/// The singleton; immutable, safe from any thread.
const ScanSignatures& S7ScanSignatures();

}  // namespace protolm::s7comm
