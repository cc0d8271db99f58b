// The protocol table is the seam: a toy protocol registered in a test, with a
// descriptor of a few dozen lines and nothing added anywhere else, is
// ingested from a capture, scored by the evaluation, answered by a model
// under its grammar, served by the honeypot, probed, and cloned from the
// device it probed.
//
// The toy ("lpecho") is a length-prefixed echo: every message is a 2-byte
// big-endian length and that many payload bytes; the server sends the
// client's message back. Its descriptor gives a codec, the validator (the
// answer is the request), the grammar (only the request's bytes) and a probe
// facet (messages of every length, or random ones).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "capture/tcp_conversation_writer.h"
#include "clone/clone_pipeline.h"
#include "honeypot/honeypot.h"
#include "ingest/ingest.h"
#include "metrics/evaluation.h"
#include "probe/probe_run.h"
#include "proto/probe_settings.h"
#include "proto/prefix_walker.h"
#include "proto/registry/codec_registry.h"
#include "proto/registry/protocol_table.h"
#include "testing/device/honeypot_model.h"
#include "testing/loopback_client.h"
#include "testing/scratch_dir.h"
#include "trace/dataset_reader.h"

namespace protolm {
namespace {

constexpr uint16_t kToyPort = 7007;
constexpr size_t kMaxPayload = 64;

class EchoCodec final : public Codec {
 public:
  std::string_view name() const override { return "lpecho"; }
  std::span<const uint16_t> well_known_ports() const override {
    static constexpr uint16_t kPorts[] = {kToyPort};
    return kPorts;
  }
  int DetectScore(ByteView) const override { return 0; }
  FrameResult Frame(ByteView stream) const override {
    if (stream.size() < 2) return FrameResult::NeedMore(2);
    const size_t length = (size_t{stream[0]} << 8) | stream[1];
    if (length > kMaxPayload) return FrameResult::Invalid();
    if (stream.size() < 2 + length) return FrameResult::NeedMore(2 + length);
    return FrameResult::Complete(2 + length);
  }
  std::optional<size_t> Resync(ByteView) const override { return std::nullopt; }
  Dissection Dissect(ByteView pdu, Direction dir) const override {
    Dissection d;
    const bool request = dir == Direction::kClientToServer;
    d.tree.name = request ? "lpecho.req" : "lpecho.resp";
    d.info.role = request ? PduRole::kRequest : PduRole::kResponse;
    d.info.function = "echo";
    d.info.pair_key = 0;
    const FrameResult frame = Frame(pdu);
    if (frame.kind != FrameResult::Kind::kFrame || frame.length != pdu.size()) {
      d.status = Malformed("lpecho: length does not match the message");
      return d;
    }
    d.tree.AddNumber("length", pdu.size() - 2, 0, 2, 1);
    d.tree.AddText("payload", ToHex(pdu.subspan(2)), 2, pdu.size() - 2, 2);
    return d;
  }
};

/// The only answer is the request itself.
class EchoGrammar final : public ResponseConstraint {
 public:
  explicit EchoGrammar(ByteView request)
      : request_(request.begin(), request.end()) {}
  void Allowed(ByteView produced, AllowedTokens* out) const override {
    PrefixWalker walk(produced, out);
    if (walk.Echo(request_)) walk.End();
  }

 private:
  Bytes request_;
};

Bytes Message(std::string_view payload) {
  Bytes m = {0, static_cast<uint8_t>(payload.size())};
  m.insert(m.end(), payload.begin(), payload.end());
  return m;
}

/// Boundaries: payloads of every length 0..max in turn; random: seeded
/// random lengths and letters. No opening, no identifier.
class EchoProbe final : public ProbeSettings {
 public:
  const ProbeLimits& limits() const override { return limits_; }
  std::vector<std::string> strategies() const override {
    return {"boundaries", "random"};
  }
  Status Probe(const ProbeRun& run, ProbeChannel& channel) const override {
    std::mt19937_64 rng(run.seed);
    for (size_t i = 0; i < run.size; ++i) {
      const size_t length = run.strategy == "random"
                                ? rng() % (limits_.max_elements + 1)
                                : i % (limits_.max_elements + 1);
      std::string payload(length, 'a');
      for (char& c : payload) c = static_cast<char>('a' + rng() % 26);
      RETURN_IF_ERROR(channel.Send(Message(payload)).status());
      channel.Progress(i + 1);
    }
    return Status::Ok();
  }

 private:
  ProbeLimits limits_{kMaxPayload, 0, false};
};

class EchoProtocol final : public Protocol {
 public:
  const Codec& codec() const override { return codec_; }
  size_t max_response_bytes() const override { return 2 + kMaxPayload; }
  Status ValidateResponse(const DecodedRequest& request, ByteView response,
                          const DeviceKnowledge*) const override {
    if (std::ranges::equal(request.framed(), response)) return Status::Ok();
    return Malformed("lpecho: the answer is not the request");
  }
  std::unique_ptr<ResponseConstraint> MakeResponseConstraint(
      const DecodedRequest& request, size_t,
      const DeviceKnowledge*) const override {
    return std::make_unique<EchoGrammar>(request.framed());
  }
  Result<std::shared_ptr<const ProbeSettings>> ProbeSettingsFrom(
      const nlohmann::json&, std::string_view) const override {
    return std::shared_ptr<const ProbeSettings>(std::make_shared<EchoProbe>());
  }

 private:
  EchoCodec codec_;
};

class ToyProtocol : public ::testing::Test {
 protected:
  EchoProtocol toy_;
  ProtocolRegistration registration_{toy_};
  testing::ScratchDir dir_;
};

TEST_F(ToyProtocol, IsInTheTable) {
  ASSERT_TRUE(registration_.added());
  EXPECT_EQ(FindProtocol("lpecho"), &toy_);
  EXPECT_EQ(CodecForPort(kToyPort), &toy_.codec());
  EXPECT_NE(ProtocolNames().find("lpecho"), std::string::npos);
  // A second registration of the same name is refused.
  EchoProtocol again;
  EXPECT_FALSE(ProtocolRegistration(again).added());
}

TEST_F(ToyProtocol, IsIngestedFromACaptureAndScored) {
  const std::string pcap = dir_.Path("toy.pcap");
  {
    auto writer = TcpConversationWriter::Create(pcap, {"10.0.0.1", 40000},
                                                {"10.0.0.2", kToyPort});
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    int64_t t = 1'000'000;
    for (std::string_view word : {"hello", "world", "again"}) {
      ASSERT_TRUE(
          writer->Send(Direction::kClientToServer, t += 10, Message(word))
              .ok());
      ASSERT_TRUE(
          writer->Send(Direction::kServerToClient, t += 10, Message(word))
              .ok());
    }
    ASSERT_TRUE(writer->Close(t + 10).ok());
  }
  std::vector<metrics::EvalRecord> records;
  auto summary = IngestCapture(
      pcap, IngestOptions{}, [&](const Exchange& e, const Session& session) {
        EXPECT_TRUE(e.request && e.response);
        if (e.request && e.response) {
          records.push_back({session.protocol, e.function, e.request->bytes,
                             e.response->bytes, e.response->bytes});
        }
        return Status::Ok();
      });
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].protocol, "lpecho");
  EXPECT_EQ(records[0].function, "echo");
  // The real answers are valid by the toy's validator; a wrong one is not.
  records.back().predicted = Message("other");
  const metrics::EvalReport report = metrics::Evaluate(records, {});
  EXPECT_EQ(report.total.n, 3u);
  EXPECT_EQ(report.total.valid, 2u);
  EXPECT_EQ(report.total.exact, 2u);
}

/// A honeypot serving the model at `path` on an ephemeral loopback port.
std::unique_ptr<honeypot::Honeypot> Serve(const std::string& path) {
  honeypot::HoneypotOptions options;
  options.listeners.push_back({path, "127.0.0.1", 0});
  auto served = honeypot::StartHoneypot(options);
  EXPECT_TRUE(served.ok()) << served.status().message();
  return served.ok() ? std::move(served).value() : nullptr;
}

TEST_F(ToyProtocol, IsServedByTheHoneypotUnderItsGrammar) {
  const std::string model = dir_.Path("toy.plm");
  ASSERT_TRUE(testing::WriteUntrainedModel(model, "lpecho", ""));
  auto served = Serve(model);
  ASSERT_NE(served, nullptr);
  ASSERT_EQ(served->listeners().front().protocol, "lpecho");
  testing::LoopbackClient client(served->listeners().front().port);
  ASSERT_TRUE(client.connected());
  for (std::string_view word : {"ping", "a longer message"}) {
    const Bytes request = Message(word);
    ASSERT_TRUE(client.Send(request));
    auto answer = client.Receive(request.size());
    ASSERT_TRUE(answer) << word;
    // An untrained model answers exactly the echo: the grammar allows
    // nothing else.
    EXPECT_EQ(*answer, request);
  }
  served->Stop();
}

// The device probed and cloned is an honest echo server: the honeypot
// serving an untrained toy model, which under the grammar can only echo.
TEST_F(ToyProtocol, IsProbedAndClonedThroughTheTable) {
  const std::string device_model = dir_.Path("device.plm");
  ASSERT_TRUE(testing::WriteUntrainedModel(device_model, "lpecho", ""));
  auto device = Serve(device_model);
  ASSERT_NE(device, nullptr);
  const uint16_t port = device->listeners().front().port;

  auto config = probe::DefaultProbeConfig("lpecho");
  ASSERT_TRUE(config.ok()) << config.status().message();
  probe::ProbeOptions o;
  o.port = port;
  o.config = *config;
  o.size = 70;
  o.dataset_path = dir_.Path("probe.jsonl");
  auto summary = probe::RunProbe(o);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->tally.exchanges, 70u);
  EXPECT_EQ(summary->tally.unanswered, 0u);
  auto records = ReadDataset(o.dataset_path);
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 70u);
  EXPECT_EQ((*records)[5].protocol, "lpecho");
  EXPECT_EQ((*records)[5].request.size(), 2u + 5);  // boundaries: length 5
  for (const DatasetRecord& r : *records) EXPECT_EQ(r.response, r.request);
  o.strategy = "weighted";  // a Modbus strategy the toy does not offer
  EXPECT_FALSE(probe::RunProbe(o).ok());

  clone::CloneOptions c;
  c.target_host = "127.0.0.1";
  c.target_port = port;
  c.protocol = "lpecho";
  c.out_dir = dir_.Path("clone");
  c.start_size = c.max_size = c.min_size = 60;
  c.train.epochs = 1;
  auto report = clone::RunClone(c);
  ASSERT_TRUE(report.ok()) << report.status().message();
  device->Stop();

  // The clone is served, and under its grammar it echoes too.
  auto clone = Serve(dir_.Path("clone/model.plm"));
  ASSERT_NE(clone, nullptr);
  EXPECT_EQ(clone->listeners().front().protocol, "lpecho");
  testing::LoopbackClient client(clone->listeners().front().port);
  ASSERT_TRUE(client.connected());
  const Bytes request = Message("cloned");
  ASSERT_TRUE(client.Send(request));
  auto answer = client.Receive(request.size());
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, request);
  clone->Stop();
}

}  // namespace
}  // namespace protolm
