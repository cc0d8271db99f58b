// Bytes and bits of S7 memory areas learned from exchanges (see
// s7_memory_image.h).
#include "proto/s7comm/s7_memory_image.h"

#include <variant>

#include "proto/s7comm/element_size.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_encode.h"
#include "proto/s7comm/s7_request.h"

namespace protolm::s7comm {
namespace {

using namespace protolm::s7comm;  // NOLINT: the whole file speaks S7

constexpr uint8_t kSuccess = static_cast<uint8_t>(ReturnCode::kSuccess);

/// Where an item's value lives in the image.
struct Place {
  Area area = Area::kDataBlock;
  uint16_t db = 0;
  uint32_t offset = 0;
  size_t bytes = 0;            // value bytes (1 for a bit)
  std::optional<uint8_t> bit;  // a one-bit item: its bit number
};

/// The place of a kept item (DB, M, I, Q; fixed-size type), or nullopt.
std::optional<Place> PlaceOf(const VarItem& item) {
  const auto* p = std::get_if<AnyPointer>(&item);
  if (p == nullptr) return std::nullopt;
  Place place;
  switch (p->area) {
    case Area::kDataBlock:
    case Area::kInstanceDataBlock:  // instance DBs are data blocks too
      place.area = Area::kDataBlock;
      place.db = p->db;
      break;
    case Area::kFlags:
    case Area::kInputs:
    case Area::kOutputs:
      place.area = p->area;
      break;
    default:
      return std::nullopt;
  }
  place.offset = p->byte_offset;
  if (p->type == ItemType::kBit) {
    if (p->length != 1) return std::nullopt;
    place.bytes = 1;
    place.bit = p->bit_offset;
    return place;
  }
  std::optional<size_t> element = s7comm::ElementBytes(p->type);
  if (!element || p->bit_offset != 0 || p->length == 0) return std::nullopt;
  place.bytes = *element * p->length;
  return place;
}

struct Decoded {
  const S7Pdu& request;
  S7Pdu response;
  size_t payload_size = 0;  // of the response's single DT unit, else 0
};

/// A job and the ack_data without error that answers it.
std::optional<Decoded> DecodePair(const DecodedRequest& request,
                                  ByteView response) {
  std::optional<S7Request> own;
  const MessageDecoding& req = DecodedAs(request, own).message();
  if (!req.status.ok() || !req.s7 || req.s7->rosctr != Rosctr::kJob)
    return std::nullopt;
  MessageDecoding resp = DecodeMessage(response, FieldMode::kSkip);
  if (!resp.status.ok() || !resp.s7 || resp.s7->rosctr != Rosctr::kAckData ||
      resp.s7->error_class != 0 || resp.s7->pdu_ref != req.s7->pdu_ref)
    return std::nullopt;
  Decoded d{*req.s7, std::move(*resp.s7), 0};
  if (resp.tpdus.size() == 1) d.payload_size = resp.payload.size();
  return d;
}

}  // namespace

void S7MemoryImage::Set(Area area, uint16_t db, uint32_t offset, uint8_t value,
                        uint8_t mask) {
  const PageKey key{static_cast<uint8_t>(area), db,
                    static_cast<uint32_t>(offset / kS7ImagePageBytes)};
  auto it = pages_.find(key);
  if (it == pages_.end()) {
    if (pages_.size() >= kMaxS7ImagePages) return;  // the bound: forget it
    it = pages_.emplace(key, Page{}).first;
  }
  const size_t at = offset % kS7ImagePageBytes;
  Page& page = it->second;
  page.value[at] =
      static_cast<uint8_t>((page.value[at] & ~mask) | (value & mask));
  page.known[at] |= mask;
}

std::pair<uint8_t, uint8_t> S7MemoryImage::Known(Area area, uint16_t db,
                                                 uint32_t offset) const {
  const PageKey key{static_cast<uint8_t>(area), db,
                    static_cast<uint32_t>(offset / kS7ImagePageBytes)};
  auto it = pages_.find(key);
  if (it == pages_.end()) return {0, 0};
  const size_t at = offset % kS7ImagePageBytes;
  return {it->second.known[at], it->second.value[at]};
}

std::optional<uint8_t> S7MemoryImage::Byte(Area area, uint16_t db,
                                           uint32_t offset) const {
  auto [mask, value] = Known(area, db, offset);
  if (mask != 0xFF) return std::nullopt;
  return value;
}

void S7MemoryImage::Observe(const DecodedRequest& request, ByteView response) {
  std::optional<Decoded> d = DecodePair(request, response);
  if (!d) return;
  auto learn = [this](const VarItem& item, const Bytes& value) {
    std::optional<Place> place = PlaceOf(item);
    if (!place || value.size() != place->bytes) return;
    if (place->bit) {
      const auto mask = static_cast<uint8_t>(1u << *place->bit);
      Set(place->area, place->db, place->offset,
          (value[0] & 1) ? mask : uint8_t{0}, mask);
      return;
    }
    for (size_t i = 0; i < value.size(); ++i)
      Set(place->area, place->db, static_cast<uint32_t>(place->offset + i),
          value[i], 0xFF);
  };
  if (const auto* read = std::get_if<ReadVarRequest>(&d->request.body)) {
    const auto* answer = std::get_if<ReadVarResponse>(&d->response.body);
    if (answer == nullptr || answer->items.size() != read->items.size()) return;
    for (size_t i = 0; i < read->items.size(); ++i)
      if (answer->items[i].return_code == kSuccess)
        learn(read->items[i], answer->items[i].value);
  } else if (const auto* write =
                 std::get_if<WriteVarRequest>(&d->request.body)) {
    const auto* answer = std::get_if<WriteVarResponse>(&d->response.body);
    if (answer == nullptr ||
        answer->return_codes.size() != write->items.size() ||
        write->data.size() != write->items.size())
      return;
    for (size_t i = 0; i < write->items.size(); ++i)
      if (answer->return_codes[i] == kSuccess)
        learn(write->items[i], write->data[i].value);
  }
}

Bytes S7MemoryImage::Apply(const DecodedRequest& request,
                           ByteView response) const {
  Bytes out(response.begin(), response.end());
  std::optional<Decoded> d = DecodePair(request, response);
  if (!d || d->payload_size == 0) return out;
  const auto* read = std::get_if<ReadVarRequest>(&d->request.body);
  auto* answer = std::get_if<ReadVarResponse>(&d->response.body);
  if (read == nullptr || answer == nullptr ||
      answer->items.size() != read->items.size())
    return out;
  bool changed = false;
  for (size_t i = 0; i < read->items.size(); ++i) {
    DataItem& item = answer->items[i];
    std::optional<Place> place = PlaceOf(read->items[i]);
    if (item.return_code != kSuccess || !place ||
        item.value.size() != place->bytes)
      continue;
    for (size_t b = 0; b < item.value.size(); ++b) {
      auto [mask, value] = Known(place->area, place->db,
                                 static_cast<uint32_t>(place->offset + b));
      uint8_t updated = item.value[b];
      if (place->bit) {  // the value byte holds the one bit as 0 or 1
        const auto bit = static_cast<uint8_t>(1u << *place->bit);
        if (mask & bit) updated = (value & bit) ? 1 : 0;
      } else {
        updated = static_cast<uint8_t>((updated & ~mask) | (value & mask));
      }
      changed |= updated != item.value[b];
      item.value[b] = updated;
    }
  }
  if (!changed) return out;
  Result<Bytes> pdu = EncodeS7Pdu(d->response);
  if (!pdu.ok() || pdu->size() != d->payload_size) return out;
  // A single DT unit ends with its payload: replace it in place.
  std::copy(pdu->begin(), pdu->end(), out.end() - pdu->size());
  return out;
}

}  // namespace protolm::s7comm
