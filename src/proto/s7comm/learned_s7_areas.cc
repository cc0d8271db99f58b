// Learning an S7 PLC's memory areas from its probe (see learned_s7_areas.h).
#include "proto/s7comm/learned_s7_areas.h"

#include <algorithm>
#include <map>
#include <utility>
#include <variant>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT: the whole file speaks S7

/// One item and the return code the PLC gave it.
struct Answered {
  VarItem item;
  uint8_t code = 0;
};

/// The items of a read or write job and their codes; empty for anything else.
std::vector<Answered> ItemsOf(const ByteExchange& e) {
  MessageDecoding asked = DecodeMessage(e.request, FieldMode::kSkip);
  MessageDecoding answer = DecodeMessage(e.response, FieldMode::kSkip);
  if (!asked.s7 || !answer.s7 || answer.s7->rosctr != Rosctr::kAckData)
    return {};
  std::vector<Answered> out;
  if (const auto* read = std::get_if<ReadVarRequest>(&asked.s7->body)) {
    const auto* got = std::get_if<ReadVarResponse>(&answer.s7->body);
    if (got == nullptr || got->items.size() != read->items.size()) return {};
    for (size_t i = 0; i < read->items.size(); ++i)
      out.push_back({read->items[i], got->items[i].return_code});
  } else if (const auto* write = std::get_if<WriteVarRequest>(&asked.s7->body)) {
    const auto* got = std::get_if<WriteVarResponse>(&answer.s7->body);
    if (got == nullptr || got->return_codes.size() != write->items.size())
      return {};
    for (size_t i = 0; i < write->items.size(); ++i)
      out.push_back({write->items[i], got->return_codes[i]});
  }
  return out;
}

/// What the items of one area showed.
struct Evidence {
  bool succeeded = false;  // some item was read or written
  bool exists = false;     // some item got success or 0x05
  uint64_t end = 0;        // one past the furthest byte of a success
};

}  // namespace

LearnedS7Areas LearnS7Areas(std::span<const ByteExchange> exchanges) {
  std::vector<Answered> seen;
  for (const ByteExchange& e : exchanges) {
    std::vector<Answered> items = ItemsOf(e);
    seen.insert(seen.end(), items.begin(), items.end());
  }
  std::map<std::pair<Area, uint16_t>, Evidence> areas;
  s7comm::S7Rules probe_rules;  // device_known: every DB, M, I, Q item judged
  probe_rules.device_known = true;
  std::vector<Answered> judged;
  for (const Answered& a : seen) {
    const auto* p = std::get_if<AnyPointer>(&a.item);
    // Only the items the rules can judge teach anything.
    if (p == nullptr || !s7comm::DueS7ReturnCode(a.item, probe_rules)) continue;
    judged.push_back(a);
    Evidence& e = areas[{p->area, p->area == Area::kDataBlock ? p->db : 0}];
    if (a.code == static_cast<uint8_t>(ReturnCode::kSuccess)) {
      const uint64_t end =
          uint64_t{p->byte_offset} + ElementBytes(p->type).value_or(1) * p->length;
      e.end = e.succeeded ? std::max(e.end, end) : end;
      e.succeeded = e.exists = true;
    } else if (a.code == static_cast<uint8_t>(ReturnCode::kAddressOutOfRange)) {
      e.exists = true;
    }
  }
  LearnedS7Areas learned;
  for (const auto& [where, e] : areas) {
    if (!e.exists) continue;  // only 0x0A: the PLC lacks it
    learned.areas.push_back({where.first, where.second,
                             static_cast<uint32_t>(e.end)});
  }
  s7comm::S7Rules rules;
  rules.device_known = true;
  rules.areas = learned.areas;
  learned.items = judged.size();
  for (const Answered& a : judged)
    learned.explained += s7comm::DueS7ReturnCode(a.item, rules) == a.code;
  return learned;
}

}  // namespace protolm::s7comm
