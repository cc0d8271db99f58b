// Drives a probe: strategy, connection, recording (see probe_run.h).
#include "probe/probe_run.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "probe/modbus_restore.h"
#include "probe/modbus_strategies.h"
#include "probe/probe_connection.h"
#include "probe/process_output.h"
#include "probe/s7_opening.h"
#include "probe/s7_restore.h"
#include "probe/s7_strategies.h"
#include "probe/weighted_sampling.h"
#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/registry/codec_registry.h"
#include "proto/s7comm/message.h"

namespace protolm::probe {
namespace {

int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The connection, reconnecting as needed, and the recorder.
class Prober {
 public:
  Prober(const ProbeOptions& o, const Codec& codec, ProbeRecorder& recorder)
      : o_(o), codec_(codec), recorder_(recorder) {}

  size_t connections() const { return connections_; }

  /// Sends one application request, records it; returns the answer.
  Result<Bytes> Send(const Bytes& request) {
    const uint32_t per_connection = o_.config.requests_per_connection;
    if (connection_ && per_connection != 0 && sent_here_ >= per_connection)
      connection_.reset();
    RETURN_IF_ERROR(EnsureConnected());
    const int64_t sent_us = NowUs();
    auto answer = connection_->Exchange(request);
    Bytes response = answer.ok() ? std::move(answer).value() : Bytes{};
    RETURN_IF_ERROR(recorder_.Record(request, sent_us, response, NowUs()));
    ++sent_here_;
    if (!connection_->usable()) {
      connection_.reset();
      ++drops_;
    }
    return response;
  }

  /// Transaction ids and PDU references: 1, 2, ..., 65535, 1, ...
  uint16_t NextReference() {
    if (next_reference_ == 0) next_reference_ = 1;
    return next_reference_++;
  }

  Result<Bytes> SendModbus(const ModbusProbe& p) {
    ASSIGN_OR_RETURN(Bytes adu, modbus::BuildRequestAdu(NextReference(),
                                                        p.unit_id, p.request));
    return Send(adu);
  }

  Result<Bytes> SendS7(s7comm::S7Pdu pdu) {
    pdu.pdu_ref = NextReference();
    ASSIGN_OR_RETURN(Bytes wire, s7comm::FrameS7Pdu(pdu));
    return Send(wire);
  }

 private:
  Status EnsureConnected() {
    if (connection_) return Status::Ok();
    if (drops_ > o_.max_reconnects)
      return IoError("target " + o_.host + ":" + std::to_string(o_.port) +
                     " dropped the connection " + std::to_string(drops_) +
                     " times; giving up (see the dataset's last records)");
    ASSIGN_OR_RETURN(connection_, ProbeConnection::Connect(o_.host, o_.port,
                                                           codec_, o_.timeout));
    ++connections_;
    sent_here_ = 0;
    RETURN_IF_ERROR(
        recorder_.BeginSession(connection_->local(), connection_->peer()));
    if (o_.config.protocol == "s7comm") return S7Handshake();
    return Status::Ok();
  }

  /// COTP connect and setup communication (one job in flight, the next PDU
  /// reference); both recorded.
  Status S7Handshake() {
    const std::string target = o_.host + ":" + std::to_string(o_.port);
    ASSIGN_OR_RETURN(S7Opening opening,
                     BuildS7Opening(o_.config, 1, NextReference()));
    const int64_t t = NowUs();
    auto cc = connection_->Exchange(opening.connect_request);
    Bytes answer = cc.ok() ? std::move(cc).value() : Bytes{};
    RETURN_IF_ERROR(
        recorder_.Record(opening.connect_request, t, answer, NowUs()));
    Status confirmed = CheckConnectConfirm(answer, opening);
    if (!confirmed.ok()) {
      connection_.reset();
      return IoError("target " + target + " " + confirmed.message());
    }
    const int64_t t2 = NowUs();
    auto ack = connection_->Exchange(opening.setup_request);
    Bytes ack_bytes = ack.ok() ? std::move(ack).value() : Bytes{};
    RETURN_IF_ERROR(
        recorder_.Record(opening.setup_request, t2, ack_bytes, NowUs()));
    if (ack_bytes.empty() || !connection_->usable()) {
      connection_.reset();
      return IoError("target " + target +
                     " did not answer setup communication");
    }
    return Status::Ok();
  }

  const ProbeOptions& o_;
  const Codec& codec_;
  ProbeRecorder& recorder_;
  std::unique_ptr<ProbeConnection> connection_;
  size_t connections_ = 0;
  size_t drops_ = 0;      // connections the device closed or broke
  size_t sent_here_ = 0;  // requests on the current connection
  uint16_t next_reference_ = 1;
};

void Progress(const ProbeOptions& o, size_t done) {
  if (o.on_progress) o.on_progress(done);
}

/// Writes x to the variable's input and reads its output.
Result<std::optional<double>> WriteThenRead(Prober& prober,
                                            const ProbeConfig& c,
                                            const ProcessVariable& v,
                                            int32_t x) {
  modbus::Request write =
      v.input_table == 0
          ? modbus::WriteSingleCoil(v.input_address, x != 0)
          : modbus::WriteSingleRegister(v.input_address,
                                        static_cast<uint16_t>(x));
  RETURN_IF_ERROR(prober.SendModbus({c.unit_id, std::move(write)}).status());
  ASSIGN_OR_RETURN(Bytes answer, prober.SendModbus({c.unit_id, OutputRead(v)}));
  return OutputValue(answer, v.output_type);
}

Status RunWeighted(const ProbeOptions& o, Prober& prober) {
  const ProbeConfig& c = o.config;
  if (c.protocol != "modbus" || c.process_variables.empty())
    return InvalidArgument(
        "the weighted strategy needs a Modbus configuration with "
        "process_variables");
  const size_t pairs = o.size / 2;
  size_t sent = 0;
  for (size_t k = 0; k < c.process_variables.size(); ++k) {
    const ProcessVariable& v = c.process_variables[k];
    const size_t share = pairs / c.process_variables.size() +
                         (k < pairs % c.process_variables.size() ? 1 : 0);
    if (share == 0) continue;
    const size_t pilot = std::min(share, std::max<size_t>(2, share / 4));
    std::vector<double> xs, ys;
    for (size_t i = 0; i < pilot; ++i) {
      const double x =
          v.input_min + (v.input_max - v.input_min) * static_cast<double>(i) /
                            static_cast<double>(std::max<size_t>(1, pilot - 1));
      const auto xi = static_cast<int32_t>(std::lround(x));
      ASSIGN_OR_RETURN(std::optional<double> y,
                       WriteThenRead(prober, c, v, xi));
      xs.push_back(x);
      ys.push_back(y.value_or(0.0));
      Progress(o, sent += 2);
    }
    if (share == pilot) continue;
    WeightedSamplingOptions w{c.mix_ratio, c.power};
    ASSIGN_OR_RETURN(
        std::vector<double> inputs,
        DerivativeWeightedSample(xs, ys, share - pilot, w, o.seed + k));
    for (double x : inputs) {
      RETURN_IF_ERROR(
          WriteThenRead(prober, c, v, static_cast<int32_t>(std::lround(x)))
              .status());
      Progress(o, sent += 2);
    }
  }
  return Status::Ok();
}

/// Sends `items` in order until o.size requests are recorded. With
/// restore_writes each write goes between `before(item)`, the read of what
/// it changes, and `restore(item, shown)`, the write that puts that back; a
/// write whose three requests do not fit in what is left is skipped.
template <typename Item, typename Send, typename Before, typename Restore>
Status SendInOrder(const ProbeOptions& o, std::vector<Item> items, Send send,
                   Before before, Restore restore) {
  size_t sent = 0;
  for (Item& item : items) {
    if (sent == o.size) break;
    std::optional<Item> read =
        o.config.restore_writes ? before(item) : std::nullopt;
    if (!read) {
      RETURN_IF_ERROR(send(std::move(item)).status());
      Progress(o, ++sent);
      continue;
    }
    if (o.size - sent < 3) continue;
    ASSIGN_OR_RETURN(Bytes shown, send(std::move(*read)));
    std::optional<Item> put_back = restore(item, shown);
    RETURN_IF_ERROR(send(std::move(item)).status());
    Progress(o, sent += 2);
    if (put_back) {
      RETURN_IF_ERROR(send(std::move(*put_back)).status());
      Progress(o, ++sent);
    }
  }
  return Status::Ok();
}

Status RunGenerated(const ProbeOptions& o, Prober& prober) {
  const ProbeConfig& c = o.config;
  const bool boundaries = o.strategy == "boundaries";
  // Restoring sends up to three requests per generated write, so more
  // requests are generated than the probe may send.
  const size_t generated = c.restore_writes ? 3 * o.size : o.size;
  if (c.protocol == "modbus") {
    const auto send = [&](const ModbusProbe& p) {
      return prober.SendModbus(p);
    };
    const auto before = [](const ModbusProbe& p) -> std::optional<ModbusProbe> {
      auto read = ReadBefore(p.request);
      if (!read) return std::nullopt;
      return ModbusProbe{p.unit_id, std::move(*read)};
    };
    const auto restore = [](const ModbusProbe& p,
                            const Bytes& shown) -> std::optional<ModbusProbe> {
      auto write = RestoreWrite(p.request, shown);
      if (!write) return std::nullopt;
      return ModbusProbe{p.unit_id, std::move(*write)};
    };
    return SendInOrder(o,
                       boundaries ? ModbusBoundaries(c, generated, o.seed)
                                  : ModbusRandom(c, generated, o.seed),
                       send, before, restore);
  }
  const auto send = [&](s7comm::S7Pdu pdu) {
    return prober.SendS7(std::move(pdu));
  };
  const auto before = [](const s7comm::S7Pdu& pdu) { return ReadBefore(pdu); };
  const auto restore = [](const s7comm::S7Pdu& pdu, const Bytes& shown) {
    return RestoreWrite(pdu, shown);
  };
  return SendInOrder(o,
                     boundaries ? S7Boundaries(c, generated, o.seed)
                                : S7Random(c, generated, o.seed),
                     send, before, restore);
}

}  // namespace

Result<ProbeSummary> RunProbe(const ProbeOptions& o) {
  if (o.strategy != "boundaries" && o.strategy != "random" &&
      o.strategy != "weighted")
    return InvalidArgument("unknown strategy '" + o.strategy +
                           "' (use boundaries, weighted or random)");
  const Codec* codec = FindCodec(o.config.protocol);
  if (codec == nullptr ||
      (o.config.protocol != "modbus" && o.config.protocol != "s7comm"))
    return InvalidArgument("unknown protocol '" + o.config.protocol +
                           "' (use modbus or s7comm)");
  ASSIGN_OR_RETURN(
      std::unique_ptr<ProbeRecorder> recorder,
      ProbeRecorder::Open(*codec, o.dataset_path, o.pcap_path, o.context));
  Prober prober(o, *codec, *recorder);
  Status run = o.strategy == "weighted" ? RunWeighted(o, prober)
                                        : RunGenerated(o, prober);
  Status closed = recorder->Close(NowUs());
  RETURN_IF_ERROR(run);
  RETURN_IF_ERROR(closed);
  return ProbeSummary{recorder->tally(), prober.connections()};
}

}  // namespace protolm::probe
