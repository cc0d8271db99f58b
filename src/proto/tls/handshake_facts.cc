// Handshake facts from a unit's dissection or headers (see handshake_facts.h).
#include "proto/tls/handshake_facts.h"

#include "proto/tls/handshake_shape.h"
#include "proto/tls/record.h"
#include "proto/tls/unit.h"

namespace protolm::tls {
namespace {

constexpr size_t kRandomSize = 32;
constexpr int64_t kEncryptThenMac = 22;
constexpr int64_t kEarlyData = 42;
constexpr char kHelloRetryRequest[] = "hello_retry_request";

/// The numbers of `field`'s children called `name`.
std::vector<uint16_t> ChildNumbers(const Field* field, std::string_view name) {
  std::vector<uint16_t> out;
  if (field == nullptr) return out;
  for (const Field& child : field->children)
    if (child.name == name && child.number)
      out.push_back(static_cast<uint16_t>(*child.number));
  return out;
}

/// What the hello `message` (a "handshake" field of `unit`'s tree) says.
void ReadHello(const Field& message, ByteView unit, MessageFacts& facts) {
  if (const Field* random = message.Find("random");
      random != nullptr && random->length == kRandomSize &&
      random->offset + kRandomSize <= unit.size()) {
    ByteView bytes = unit.subspan(random->offset, kRandomSize);
    facts.random.assign(bytes.begin(), bytes.end());
  }
  if (std::optional<int64_t> version = message.NumberAt("version"))
    facts.version = static_cast<uint16_t>(*version);
  if (const Field* suites = message.Find("cipher_suites")) {
    facts.cipher_suites = ChildNumbers(suites, "cipher_suite");
  } else if (std::optional<int64_t> suite = message.NumberAt("cipher_suite")) {
    facts.cipher_suites.push_back(static_cast<uint16_t>(*suite));
  }
  const Field* extensions = message.Find("extensions");
  if (extensions == nullptr) return;
  for (const Field& extension : extensions->children) {
    const std::optional<int64_t> type = extension.NumberAt("extension_type");
    if (type == kEncryptThenMac) facts.encrypt_then_mac = true;
    if (type == kEarlyData) facts.early_data = true;
    if (std::optional<int64_t> selected =
            extension.NumberAt("selected_version")) {
      facts.version = static_cast<uint16_t>(*selected);
    }
  }
}

/// The types of the plaintext handshake messages of `unit`, by type.
std::vector<MessageFacts> MessageTypes(ByteView unit) {
  HandshakeScanner scanner;
  for (ByteView rest = unit; rest.size() >= kRecordHeaderSize;) {
    const RecordHeader header = *ReadRecordHeader(rest);
    const size_t end = std::min(rest.size(), kRecordHeaderSize + header.length);
    if (header.type == kHandshake)
      scanner.Feed(rest.subspan(kRecordHeaderSize, end - kRecordHeaderSize));
    rest = rest.subspan(end);
  }
  std::vector<MessageFacts> out;
  if (scanner.shape() == HandshakeShape::kOpaque) return out;
  for (int type = 0; type < 256; ++type) {
    if (!scanner.Saw(static_cast<uint8_t>(type))) continue;
    MessageFacts facts;
    facts.type = static_cast<uint8_t>(type);
    out.push_back(std::move(facts));
  }
  return out;
}

}  // namespace

std::vector<MessageFacts> HandshakeFacts(ByteView unit) {
  const std::optional<RecordHeader> first = ReadRecordHeader(unit);
  const bool hello = first && first->type == kHandshake &&
                     unit.size() > kRecordHeaderSize &&
                     (unit[kRecordHeaderSize] == kClientHelloType ||
                      unit[kRecordHeaderSize] == kServerHelloType);
  if (!hello) return MessageTypes(unit);
  std::vector<MessageFacts> out;
  const Dissection dissection = DissectUnit(unit);
  for (const Field& message : dissection.tree.children) {
    if (message.name != "handshake" || message.children.empty()) continue;
    const Field& type = message.children.front();
    if (!type.number) continue;  // an encrypted handshake message
    MessageFacts facts;
    facts.type = static_cast<uint8_t>(*type.number);
    facts.retry_request = type.value == kHelloRetryRequest;
    if (facts.type == kClientHelloType || facts.type == kServerHelloType)
      ReadHello(message, unit, facts);
    out.push_back(std::move(facts));
  }
  return out;
}

}  // namespace protolm::tls
