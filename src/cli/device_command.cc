// `protolm device`: the reference device simulator. `device serve` serves a
// profile (Modbus/TCP and S7comm) until SIGINT/SIGTERM; `device list` names
// the built-in profiles and process models.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/descriptor_limit.h"
#include "device/device_server.h"
#include "device/process/process.h"
#include "device/s7/s7_handler.h"

namespace protolm::cli {
namespace {

struct ServeFlags {
  std::string profile;
  std::string bind = "0.0.0.0";
  int modbus_port = 502;
  int s7_port = 102;
  double time_rate = 1.0;
  int max_connections = 4096;
  int idle_timeout_s = 60;
};

int RunServe(const ServeFlags& flags) {
  auto profile = device::LoadProfile(flags.profile);
  if (!profile.ok()) {
    spdlog::error("{}", profile.status().message());
    return kExitFailure;
  }
  device::ServeOptions options;
  options.bind_address = flags.bind;
  options.modbus_port = flags.modbus_port < 0
                            ? std::nullopt
                            : std::optional<uint16_t>(flags.modbus_port);
  options.s7_port =
      flags.s7_port < 0 ? std::nullopt : std::optional<uint16_t>(flags.s7_port);
  options.s7_handler = device::s7::MakeS7Handler;
  options.time_rate = flags.time_rate;
  options.limits.max_connections = static_cast<size_t>(flags.max_connections);
  options.limits.idle_timeout = std::chrono::seconds(flags.idle_timeout_s);
  options.log = [](const std::string& line) { spdlog::info("{}", line); };
  WarnIfDescriptorsShort(options.limits.max_connections);
  auto server = device::StartDeviceServer(*profile, options);
  if (!server.ok()) {
    spdlog::error("{}", server.status().message());
    return server.status().code() == StatusCode::kInvalidArgument
               ? kExitUsage
               : kExitFailure;
  }
  spdlog::info("serving profile {} (modbus port {}, s7 port {}); Ctrl-C stops",
               profile->name, (*server)->modbus_port(), (*server)->s7_port());
  (*server)->RunUntilSignal();
  return kExitOk;
}

int RunList() {
  for (const std::string& name : device::ListBuiltinProfiles()) {
    auto profile = device::BuiltinProfile(name);
    std::printf("%-16s %s\n", name.c_str(),
                profile.ok() ? profile->description.c_str()
                             : profile.status().message().c_str());
  }
  std::printf("process models:");
  for (const std::string& model : device::ProcessModelNames()) {
    std::printf(" %s", model.c_str());
  }
  std::printf("\n");
  return kExitOk;
}

}  // namespace

CommandMain AttachDevice(CLI::App& parent) {
  CLI::App* device = parent.add_subcommand(
      "device", "Run the reference PLC simulator (Modbus/TCP, S7comm)");
  device->require_subcommand(1);
  auto serve_flags = std::make_shared<ServeFlags>();
  CLI::App* serve = device->add_subcommand(
      "serve", "Serve a device profile until SIGINT/SIGTERM");
  serve
      ->add_option("--profile", serve_flags->profile,
                   "Built-in profile name (see `device list`) or JSON file")
      ->required();
  serve->add_option("--bind", serve_flags->bind, "Address to listen on")
      ->capture_default_str();
  serve
      ->add_option("--modbus-port", serve_flags->modbus_port,
                   "Modbus/TCP port (0: any free port, -1: do not serve)")
      ->capture_default_str()
      ->check(CLI::Range(-1, 65535));
  serve
      ->add_option("--s7-port", serve_flags->s7_port,
                   "S7comm port (0: any free port, -1: do not serve)")
      ->capture_default_str()
      ->check(CLI::Range(-1, 65535));
  serve
      ->add_option("--time-rate", serve_flags->time_rate,
                   "Simulated seconds per wall-clock second")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  serve
      ->add_option("--max-connections", serve_flags->max_connections,
                   "Connections open at once; more are refused")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--idle-timeout", serve_flags->idle_timeout_s,
                   "Seconds before an idle connection is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400));
  CLI::App* list = device->add_subcommand(
      "list", "List the built-in profiles and process models");
  return [serve, list, serve_flags]() -> int {
    if (serve->parsed()) return RunServe(*serve_flags);
    if (list->parsed()) return RunList();
    return kExitUsage;
  };
}

}  // namespace protolm::cli
