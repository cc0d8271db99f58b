// bench_serve: how many requests a served device answers, and how fast,
// under concurrent load from the load generator (src/loadgen/).
//
// Usage: bench_serve [--requests N] [--connections C] [--pipeline D]
//                    [--timeout MS] [--target HOST:PORT --protocol P]
// Without --target it starts the reference simulator in this process on
// loopback (`protolm device serve`'s server: the built-in wago-750-881
// profile for Modbus/TCP, s7-315-2pn for S7comm), runs the load against
// each protocol (default 32 connections, 20000 generated boundaries
// requests, one in flight per connection) and prints a Markdown table row
// per protocol: responses/s, latency p50/p90/p99/max, failures, and the CPU
// time of the load generator's thread and of the rest of the process (the
// server) as a share of the wall time. With --target it loads that server
// instead (e.g. the honeypot, `protolm serve`), one row, server CPU blank.
#include <sys/resource.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "device/device_server.h"
#include "device/s7/s7_handler.h"
#include "loadgen/load_run.h"
#include "net/target_address.h"

namespace {

namespace loadgen = protolm::loadgen;
namespace device = protolm::device;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int Usage() {
  std::fprintf(stderr,
               "usage: bench_serve [--requests N] [--connections C] "
               "[--pipeline D] [--timeout MS] [--target HOST:PORT "
               "--protocol modbus|s7comm]\n");
  return 2;
}

/// Runs the load and prints its row; `in_process` when the server shares
/// this process (its CPU is then the process's minus the generator's).
bool Measure(const std::string& server, const loadgen::LoadOptions& options,
             bool in_process) {
  auto requests = loadgen::LoadRequests(options);
  if (!requests.ok()) {
    std::fprintf(stderr, "%s\n", requests.status().message().c_str());
    return false;
  }
  const double process_before = ProcessCpuSeconds();
  const double thread_before = ThreadCpuSeconds();
  auto report = loadgen::RunLoad(options, *requests);
  const double generator_cpu = ThreadCpuSeconds() - thread_before;
  const double server_cpu =
      ProcessCpuSeconds() - process_before - generator_cpu;
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().message().c_str());
    return false;
  }
  const double wall = report->seconds > 0 ? report->seconds : 1;
  std::string server_share = "";
  if (in_process)
    server_share =
        std::to_string(static_cast<int>(100 * server_cpu / wall)) + " %";
  std::printf(
      "| %s | %s | %llu | %llu | %llu | %llu | %.0f | %.3f | %.3f | %.3f | "
      "%.3f | %d %% | %s |\n",
      server.c_str(), options.protocol.c_str(),
      static_cast<unsigned long long>(report->connections),
      static_cast<unsigned long long>(report->pipeline),
      static_cast<unsigned long long>(report->completed),
      static_cast<unsigned long long>(report->failed.total()),
      report->responses_per_s, report->latency.p50_ms, report->latency.p90_ms,
      report->latency.p99_ms, report->latency.max_ms,
      static_cast<int>(100 * generator_cpu / wall), server_share.c_str());
  std::fflush(stdout);
  return true;
}

/// The simulator of `protocol` on an ephemeral loopback port, as `protolm
/// device serve` runs it.
std::unique_ptr<device::DeviceServer> StartSimulator(
    const std::string& protocol, uint16_t& port) {
  const bool s7 = protocol == "s7comm";
  auto profile = device::BuiltinProfile(s7 ? "s7-315-2pn" : "wago-750-881");
  if (!profile.ok()) {
    std::fprintf(stderr, "%s\n", profile.status().message().c_str());
    return nullptr;
  }
  auto server =
      device::StartDeviceServer(*profile, device::s7::ServeOnly(protocol));
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().message().c_str());
    return nullptr;
  }
  port = s7 ? (*server)->s7_port() : (*server)->modbus_port();
  return std::move(server).value();
}

}  // namespace

int main(int argc, char** argv) {
  loadgen::LoadOptions options;
  options.connections = 32;
  options.requests = 20000;
  std::string target, protocol;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--requests")
      options.requests = std::strtoull(value, nullptr, 10);
    else if (flag == "--connections")
      options.connections = std::strtoul(value, nullptr, 10);
    else if (flag == "--pipeline")
      options.pipeline = std::strtoul(value, nullptr, 10);
    else if (flag == "--timeout")
      options.timeout = std::chrono::milliseconds(std::atoi(value));
    else if (flag == "--target")
      target = value;
    else if (flag == "--protocol")
      protocol = value;
    else
      return Usage();
  }
  if (argc % 2 == 0 || target.empty() != protocol.empty()) return Usage();

  std::printf(
      "| server | protocol | connections | pipeline | completed | failed | "
      "responses/s | p50 ms | p90 ms | p99 ms | max ms | loadgen CPU | "
      "server CPU |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  if (!target.empty()) {
    options.protocol = protocol;
    protolm::Status parsed =
        protolm::net::ParseTarget(target, protocol, options.host, options.port);
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s\n", parsed.message().c_str());
      return 2;
    }
    return Measure(target, options, false) ? 0 : 1;
  }
  for (const std::string p : {"modbus", "s7comm"}) {
    options.protocol = p;
    auto server = StartSimulator(p, options.port);
    if (server == nullptr) return 1;
    const bool ok = Measure("simulator", options, true);
    server->Stop();
    if (!ok) return 1;
  }
  return 0;
}
