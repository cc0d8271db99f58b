// The requests of known Modbus/TCP scanners (bytes captured from nmap 7.93
// against `protolm device serve`; see events/scan_detector_test.cc):
//   nmap-modbus-discover  nmap's modbus-discover script: Report Server ID
//                         (FC 17, no data) or Read Device Identification
//                         (FC 43/14, basic) with transaction id 0. The
//                         script opens one connection per request and
//                         sweeps unit ids 1..246 until one answers.
//   zgrab2-modbus         zgrab2's Modbus module: FC 43/14 with its
//                         transaction id 0x5A47 ("ZG").
//   modbus-unit-id-sweep  one source addressing many distinct unit ids
//                         (the detector's sweep threshold), over any number
//                         of connections.
#pragma once

#include "proto/scan_signatures.h"

namespace protolm::modbus {

/// The singleton; immutable, safe from any thread.
const ScanSignatures& ModbusScanSignatures();

}  // namespace protolm::modbus
