// The protocol table (see protocol_table.h).
#include "proto/registry/protocol_table.h"

#include <algorithm>
#include <vector>

#include "proto/http/http_protocol.h"
#include "proto/modbus/modbus_protocol.h"
#include "proto/s7comm/s7comm_protocol.h"
#include "proto/tls/tls_protocol.h"

namespace protolm {
namespace {

/// The table: built-ins, then registered ones.
std::vector<const Protocol*>& Table() {
  static std::vector<const Protocol*> table = {
      &modbus::ModbusProtocol(),
      &s7comm::S7commProtocol(),
      &tls::TlsProtocol(),
      &http::HttpProtocol(),
  };
  return table;
}

}  // namespace

std::span<const Protocol* const> AllProtocols() { return Table(); }

const Protocol* FindProtocol(std::string_view name) {
  for (const Protocol* p : Table())
    if (p->name() == name) return p;
  return nullptr;
}

Result<const Protocol*> RequireProtocol(std::string_view name) {
  const Protocol* protocol = FindProtocol(name);
  if (protocol == nullptr)
    return InvalidArgument("no protocol \"" + std::string(name) +
                           "\" (known: " + ProtocolNames() + ")");
  return protocol;
}

std::string ProtocolNames() {
  std::string out;
  for (const Protocol* p : Table()) {
    if (!out.empty()) out += ", ";
    out += p->name();
  }
  return out;
}

ProtocolRegistration::ProtocolRegistration(const Protocol& protocol)
    : protocol_(FindProtocol(protocol.name()) == nullptr ? &protocol
                                                         : nullptr) {
  if (protocol_ != nullptr) Table().push_back(protocol_);
}

ProtocolRegistration::~ProtocolRegistration() {
  if (protocol_ == nullptr) return;
  auto& table = Table();
  table.erase(std::remove(table.begin(), table.end(), protocol_), table.end());
}

}  // namespace protolm
