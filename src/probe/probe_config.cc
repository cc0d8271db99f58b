// Probe configurations: the protocol table reads them (see probe_config.h).
#include "probe/probe_config.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "proto/registry/protocol_table.h"

namespace protolm::probe {
namespace {

/// `protocol`'s settings from `config`; `origin` empty for the default.
Result<ProbeConfig> ConfigOf(std::string_view protocol,
                             const nlohmann::json& config,
                             std::string_view origin) {
  const Protocol* found = FindProtocol(protocol);
  if (found == nullptr)
    return InvalidArgument("unknown protocol '" + std::string(protocol) +
                           "' (use " + ProbeableProtocolNames() + ")");
  ASSIGN_OR_RETURN(std::shared_ptr<const ProbeSettings> settings,
                   found->ProbeSettingsFrom(config, origin));
  return ProbeConfig{std::string(found->name()), std::move(settings)};
}

}  // namespace

std::vector<std::string> ProbeableProtocols() {
  std::vector<std::string> names;
  for (const Protocol* p : AllProtocols())
    if (p->ProbeSettingsFrom(nlohmann::json::object(), "").ok())
      names.emplace_back(p->name());
  return names;
}

std::string ProbeableProtocolNames() {
  return fmt::format("{}", fmt::join(ProbeableProtocols(), ", "));
}

Result<ProbeConfig> DefaultProbeConfig(std::string_view protocol) {
  Result<ProbeConfig> config =
      ConfigOf(protocol, nlohmann::json::object(), "default");
  if (!config.ok()) return InvalidArgument(config.status().message());
  return config;
}

Result<ProbeConfig> ParseProbeConfig(std::string_view json_text,
                                     std::string_view origin) {
  const nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Malformed(std::string(origin) + ": not a JSON object");
  const auto protocol = j.find("protocol");
  if (protocol == j.end() || !protocol->is_string())
    return Malformed(std::string(origin) +
                     ": protocol: must name a protocol (use " +
                     ProbeableProtocolNames() + ")");
  Result<ProbeConfig> config =
      ConfigOf(protocol->get<std::string>(), j, origin);
  if (config.ok() || config.status().code() == StatusCode::kMalformed)
    return config;
  return Malformed(std::string(origin) +
                   ": protocol: " + config.status().message());
}

Result<ProbeConfig> LoadProbeConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the probe configuration");
  std::stringstream text;
  text << in.rdbuf();
  return ParseProbeConfig(text.str(), path);
}

}  // namespace protolm::probe
