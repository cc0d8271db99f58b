// libFuzzer target: every facet of every protocol in the table on hostile
// request and response bytes — what a model predicts, a client sends or a
// checkpoint holds may be any bytes.
//
// The first input byte picks the protocol (its value modulo the table's
// size), whether the device knowledge is learned from the exchange itself
// (bit 1), and whether the response bytes are also read as a checkpoint's
// provenance JSON (bit 2); the second says where the request ends. The
// validator and RVA-ε's value test judge the response with and without the
// knowledge, and the request decoded by its protocol must be judged as its
// bare bytes are (what a facet given another protocol's decoding reads);
// the grammar is asked about every prefix of the response, and its
// own first choices must always reach an end (a dead end is a grammar bug);
// the memory image learns from the exchange and fills in a response of the
// same length; the connection facets read the response.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "proto/registry/protocol_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace protolm;
  if (size < 2) return 0;
  const auto protocols = AllProtocols();
  const Protocol& protocol = *protocols[data[0] % protocols.size()];
  const size_t split = std::min<size_t>(data[1], size - 2);
  ByteView request(data + 2, split);
  ByteView response(data + 2 + split, size - 2 - split);

  std::unique_ptr<DeviceKnowledge> known;
  if (data[0] & 2) {
    const std::vector<ByteExchange> seen = {
        {Bytes(request.begin(), request.end()),
         Bytes(response.begin(), response.end())}};
    known = protocol.LearnDevice(seen, seen, nullptr);
  }
  if (data[0] & 4) {
    const nlohmann::json extra = nlohmann::json::parse(
        response.begin(), response.end(), nullptr, /*allow_exceptions=*/false);
    (void)protocol.KnowledgeFromProvenance(extra);
  }

  // The request decoded once by its protocol, and as bytes alone (what a
  // facet given another protocol's decoding sees): the verdicts agree.
  const std::shared_ptr<const DecodedRequest> decoded =
      protocol.DecodeRequest(request);
  const DecodedRequest undecoded(protocol.codec(), request);
  const Status verdict =
      protocol.ValidateResponse(*decoded, response, known.get());
  if (verdict.message() !=
      protocol.ValidateResponse(undecoded, response, known.get()).message())
    std::abort();
  (void)protocol.ValidateResponse(request, response, nullptr);
  (void)protocol.ValuesWithinEpsilon(request, response, response, 0.1,
                                     known.get());
  (void)protocol.ValuesWithinEpsilon(request, request, response, 0.1, nullptr);

  if (auto grammar =
          protocol.MakeResponseConstraint(*decoded, 300, known.get())) {
    for (size_t i = 0; i <= response.size(); ++i) {
      AllowedTokens allowed;
      grammar->Allowed(response.first(i), &allowed);
      if (allowed.bytes.none() && !allowed.end) break;  // left the grammar
      if (i < response.size() && !allowed.bytes.test(response[i])) break;
    }
    Bytes walk;
    for (size_t step = 0; step <= 1100; ++step) {
      AllowedTokens allowed;
      grammar->Allowed(walk, &allowed);
      if (allowed.end) break;
      if (allowed.bytes.none()) std::abort();  // a dead end: a grammar bug
      size_t b = 0;
      while (!allowed.bytes.test(b)) ++b;
      walk.push_back(static_cast<uint8_t>(b));
    }
  }

  if (auto image = protocol.NewMemoryImage(known.get())) {
    image->Observe(*decoded, response);
    if (image->Apply(*decoded, response).size() != response.size())
      std::abort();
    (void)image->Apply(undecoded, response);
  }
  (void)protocol.EndsConnection(response);
  if (auto numbering = protocol.NewConnectionNumbering())
    (void)numbering->Number(response);
  return 0;
}
