// bench_ingest: ingestion throughput of protolm next to tshark's, on one core.
//
// Usage: bench_ingest [--exchanges N] [--repeat R] [--keep DIR] [CAPTURE...]
// Without captures it synthesises two captures of N request/response exchanges
// on one connection each, written with the capture layer's
// TcpConversationWriter: Modbus/TCP (mixed reads and writes, 1 to 125
// registers) and S7comm (read var of 1 to 4 DB/M items, and write var). For each capture it
// times IngestCapture (best of R runs, exchanges counted but not written) and
// `tshark -r FILE -T fields -e <pdu field>` (best of R runs, output to
// /dev/null), both pinned to CPU 0, and prints a Markdown table row per capture:
// MB/s and PDUs/s of each and the ratio. Times are CPU time (user + system,
// from getrusage), so other work on the machine does not skew the ratio.
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "ingest/ingest.h"
#include "proto/modbus/builders.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"

namespace {

using protolm::Bytes;
using protolm::Direction;
namespace modbus = protolm::modbus;
namespace s7 = protolm::s7comm;

/// CPU seconds (user + system) used so far by this process or its children.
double CpuSeconds(int who) {
  rusage u{};
  getrusage(who, &u);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

bool PinToCpu0() {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(0, &set);
  return sched_setaffinity(0, sizeof(set), &set) == 0;
}

/// A request/response pair a Modbus client and server might exchange.
bool MakeExchange(uint32_t n, Bytes& request, Bytes& response) {
  uint16_t tid = static_cast<uint16_t>(n);
  uint16_t address = static_cast<uint16_t>((n * 7) % 1000);
  uint16_t quantity = static_cast<uint16_t>(1 + n % 125);
  protolm::Result<Bytes> req = Bytes{};
  protolm::Result<Bytes> resp = Bytes{};
  switch (n % 4) {
    case 0:
    case 1: {
      req = modbus::BuildRequestAdu(
          tid, 1, modbus::ReadHoldingRegisters(address, quantity));
      std::vector<uint16_t> regs(quantity);
      for (uint16_t i = 0; i < quantity; ++i) regs[i] = static_cast<uint16_t>(n + i);
      resp = modbus::BuildResponseAdu(tid, 1,
                                      modbus::ReadRegistersResponse(3, regs));
      break;
    }
    case 2:
      req = modbus::BuildRequestAdu(
          tid, 1, modbus::WriteSingleRegister(address, static_cast<uint16_t>(n)));
      resp = modbus::BuildResponseAdu(
          tid, 1, modbus::WriteSingleResponse(6, address, static_cast<uint16_t>(n)));
      break;
    default: {
      uint16_t coils = static_cast<uint16_t>(1 + n % 64);
      req = modbus::BuildRequestAdu(tid, 1, modbus::ReadCoils(address, coils));
      std::vector<bool> bits(coils);
      for (uint16_t i = 0; i < coils; ++i) bits[i] = ((n + i) % 3) == 0;
      resp = modbus::BuildResponseAdu(tid, 1, modbus::ReadBitsResponse(1, bits));
    }
  }
  if (!req.ok() || !resp.ok()) return false;
  request = std::move(req).value();
  response = std::move(resp).value();
  return true;
}

/// A read var (1 to 4 items) or write var exchange of an S7 client and PLC.
bool MakeS7Exchange(uint32_t n, Bytes& request, Bytes& response) {
  uint16_t ref = static_cast<uint16_t>(n);
  std::vector<s7::VarItem> items;
  std::vector<s7::DataItem> data;
  for (uint32_t i = 0; i <= n % 4; ++i) {
    s7::AnyPointer p;
    p.type = s7::ItemType::kByte;
    p.length = static_cast<uint16_t>(2 + (n + i) % 30);
    p.area = i % 2 ? s7::Area::kFlags : s7::Area::kDataBlock;
    p.db = i % 2 ? 0 : 1;
    p.byte_offset = (n * 3 + i * 40) % 1000;
    items.push_back(p);
    data.push_back(s7::ByteData(Bytes(p.length, static_cast<uint8_t>(n))));
  }
  protolm::Result<Bytes> req = Bytes{};
  protolm::Result<Bytes> resp = Bytes{};
  if (n % 5 == 4) {
    req = s7::FrameS7Pdu(s7::WriteVarJob(ref, items, data));
    resp = s7::FrameS7Pdu(
        s7::WriteVarAckData(ref, std::vector<uint8_t>(items.size(), 0xff)));
  } else {
    req = s7::FrameS7Pdu(s7::ReadVarJob(ref, items));
    resp = s7::FrameS7Pdu(s7::ReadVarAckData(ref, data));
  }
  if (!req.ok() || !resp.ok()) return false;
  request = std::move(req).value();
  response = std::move(resp).value();
  return true;
}

using ExchangeMaker = bool (*)(uint32_t, Bytes&, Bytes&);

bool Synthesise(const std::string& path, uint32_t exchanges, uint16_t port,
                ExchangeMaker make) {
  auto writer = protolm::TcpConversationWriter::Create(
      path, {"10.0.0.2", 40000}, {"10.0.0.1", port});
  if (!writer.ok()) {
    std::fprintf(stderr, "bench_ingest: %s\n", writer.status().message().c_str());
    return false;
  }
  int64_t t = 1'700'000'000'000'000;
  Bytes req, resp;
  for (uint32_t i = 0; i < exchanges; ++i) {
    if (!make(i, req, resp)) return false;
    if (!writer->Send(Direction::kClientToServer, t, req).ok()) return false;
    if (!writer->Send(Direction::kServerToClient, t + 300, resp).ok()) return false;
    t += 1000;
  }
  return writer->Close(t).ok();
}

struct Measure {
  double seconds = 0;
  uint64_t pdus = 0;
  uint64_t bytes = 0;
};

Measure TimeIngest(const std::string& path, int repeat) {
  Measure best{1e30, 0, 0};
  for (int r = 0; r < repeat; ++r) {
    double start = CpuSeconds(RUSAGE_SELF);
    auto summary = protolm::IngestCapture(
        path, {}, [](const protolm::Exchange&, const protolm::Session&) {
          return protolm::Status::Ok();
        });
    double s = CpuSeconds(RUSAGE_SELF) - start;
    if (!summary.ok()) {
      std::fprintf(stderr, "bench_ingest: %s\n",
                   summary.status().message().c_str());
      std::exit(1);
    }
    if (s < best.seconds) best = {s, summary->pdus, summary->capture.bytes};
  }
  return best;
}

/// Runs a shell command pinned to CPU 0 and returns the CPU time it used.
double TimeShell(const std::string& command) {
  double start = CpuSeconds(RUSAGE_CHILDREN);
  int rc = std::system(("taskset -c 0 " + command).c_str());
  double s = CpuSeconds(RUSAGE_CHILDREN) - start;
  if (rc != 0) {
    std::fprintf(stderr, "bench_ingest: '%s' failed\n", command.c_str());
    std::exit(1);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t exchanges = 200000;
  int repeat = 3;
  std::string keep_dir;
  std::vector<std::string> captures;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--exchanges" && i + 1 < argc) {
      exchanges = static_cast<uint32_t>(std::stoul(argv[++i]));
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--keep" && i + 1 < argc) {
      keep_dir = argv[++i];
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: bench_ingest [--exchanges N] [--repeat R] [--keep DIR] [CAPTURE...]\n");
      return 0;
    } else {
      captures.push_back(a);
    }
  }
  if (!PinToCpu0()) std::fprintf(stderr, "bench_ingest: could not pin to CPU 0\n");
  if (captures.empty()) {
    std::string dir = keep_dir.empty() ? "/tmp" : keep_dir;
    std::string n = std::to_string(exchanges);
    struct Synthetic {
      std::string path;
      uint16_t port;
      ExchangeMaker make;
    };
    for (const Synthetic& c :
         {Synthetic{dir + "/bench-modbus-" + n + ".pcap", 502, MakeExchange},
          Synthetic{dir + "/bench-s7comm-" + n + ".pcap", 102, MakeS7Exchange}}) {
      std::fprintf(stderr, "bench_ingest: synthesising %u exchanges into %s\n",
                   exchanges, c.path.c_str());
      if (!Synthesise(c.path, exchanges, c.port, c.make)) return 1;
      captures.push_back(c.path);
    }
  }

  std::printf("| capture | MB | PDUs | protolm MB/s | protolm PDUs/s | tshark MB/s | "
              "tshark PDUs/s | ratio |\n|---|---|---|---|---|---|---|---|\n");
  for (const std::string& path : captures) {
    Measure ours = TimeIngest(path, repeat);
    // tshark prints one line per packet; the field tells it to dissect the
    // application layer (Modbus or S7comm, whichever the capture holds).
    std::string tshark = "tshark -n -r '" + path +
                         "' -T fields -e mbtcp.trans_id -e s7comm.header.rosctr"
                         " >/dev/null 2>&1";
    double theirs = 1e30;
    for (int r = 0; r < repeat; ++r) theirs = std::min(theirs, TimeShell(tshark));
    double mb = static_cast<double>(ours.bytes) / 1e6;
    std::printf("| %s | %.1f | %llu | %.1f | %.0f | %.2f | %.0f | %.0fx |\n",
                path.substr(path.find_last_of('/') + 1).c_str(), mb,
                static_cast<unsigned long long>(ours.pdus), mb / ours.seconds,
                static_cast<double>(ours.pdus) / ours.seconds, mb / theirs,
                static_cast<double>(ours.pdus) / theirs, theirs / ours.seconds);
  }
  return 0;
}
