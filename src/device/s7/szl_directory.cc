// SZL lookup rules and identity records (see szl_directory.h).
#include "device/s7/szl_directory.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace protolm::device::s7 {
namespace {

constexpr uint16_t kModuleIdentification = 0x0011;
constexpr uint16_t kComponentIdentification = 0x001c;
constexpr uint16_t kCurrentMode = 0x0424;
constexpr uint16_t kSzlIdList = 0x0000;

constexpr uint16_t kModuleRecordLength = 28;
constexpr uint16_t kComponentRecordLength = 34;
constexpr uint16_t kModeRecordLength = 20;

uint16_t Extract(uint16_t id) { return (id >> 8) & 0x0f; }
uint16_t WithExtract(uint16_t id, uint16_t extract) {
  return static_cast<uint16_t>((id & 0xf0ff) | (extract << 8));
}
uint16_t RecordIndex(const Bytes& record) {
  return record.size() < 2 ? 0xffff
                           : static_cast<uint16_t>(record[0] << 8 | record[1]);
}
uint8_t Bcd(int value) {
  return static_cast<uint8_t>((value / 10 % 10) << 4 | value % 10);
}

/// Writes `text` into record[at, at+width) padded with `pad`.
void PutText(Bytes& record, size_t at, size_t width, std::string_view text,
             uint8_t pad) {
  if (record.size() < at + width) return;
  for (size_t i = 0; i < width; ++i)
    record[at + i] = i < text.size() ? static_cast<uint8_t>(text[i]) : pad;
}

Bytes NewRecord(uint16_t length, uint16_t index) {
  Bytes record(length, 0);
  record[0] = static_cast<uint8_t>(index >> 8);
  record[1] = static_cast<uint8_t>(index);
  return record;
}

/// The record with `index` in `list`, appended (zeroed) if missing.
Bytes& RecordWithIndex(SzlList& list, uint16_t index) {
  for (Bytes& r : list.records)
    if (r.size() == list.record_length && RecordIndex(r) == index) return r;
  list.records.push_back(NewRecord(list.record_length, index));
  return list.records.back();
}

/// Numbers in "V3.2.7" / "3.2.7" / "3": up to three, each 0..255.
std::vector<uint8_t> VersionNumbers(std::string_view text) {
  std::vector<uint8_t> numbers;
  int current = -1;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      current = std::min(255, (current < 0 ? 0 : current * 10) + (c - '0'));
    } else if (current >= 0) {
      numbers.push_back(static_cast<uint8_t>(current));
      current = -1;
    }
  }
  if (current >= 0) numbers.push_back(static_cast<uint8_t>(current));
  if (numbers.size() > 3) numbers.resize(3);
  return numbers;
}

/// The stored list `id` (added empty if missing), or null when the profile
/// stores it with another record length (then it is served as stored).
SzlList* ListFor(std::vector<SzlList>& lists, uint16_t id,
                 uint16_t record_length) {
  for (SzlList& l : lists)
    if (l.id == id) return l.record_length == record_length ? &l : nullptr;
  lists.push_back(SzlList{id, 0, record_length, {}});
  return &lists.back();
}

/// Lays the identity over list 0x0011: order number in the module and basic
/// hardware records (1, 6), hardware version in their Ausbg word, firmware
/// version ("V3.2.7") in the basic firmware record (7).
void ApplyModuleIdentity(const S7Identity& id, SzlList& list) {
  for (uint16_t index : {uint16_t{1}, uint16_t{6}}) {
    Bytes& r = RecordWithIndex(list, index);
    if (!id.order_number.empty()) PutText(r, 2, 20, id.order_number, ' ');
    if (r[22] == 0 && r[23] == 0) r[23] = 0xc0;  // BGTyp of a CPU
    std::vector<uint8_t> hw = VersionNumbers(id.hardware_version);
    if (!hw.empty()) r[24] = 0, r[25] = hw[0];
  }
  Bytes& fw = RecordWithIndex(list, 7);
  if (std::all_of(fw.begin() + 2, fw.begin() + 22,
                  [](uint8_t b) { return b == 0; }))
    PutText(fw, 2, 20, "", ' ');
  if (fw[22] == 0 && fw[23] == 0) fw[23] = 0xc0;
  std::vector<uint8_t> v = VersionNumbers(id.firmware_version);
  if (!v.empty()) {
    v.resize(3, 0);
    fw[24] = 'V';
    fw[25] = v[0];
    fw[26] = v[1];
    fw[27] = v[2];
  }
}

/// Lays the identity over list 0x001C: AS name (1), module name (2), plant
/// designation (3), copyright (4), serial number (5), module type name (7),
/// each in the width an S7-300 CPU uses, NUL-padded.
void ApplyComponentIdentity(const S7Identity& id, SzlList& list) {
  struct Entry {
    uint16_t index;
    size_t width;
    const std::string* text;
  };
  const Entry entries[] = {
      {1, 24, &id.system_name},   {2, 24, &id.module_name},
      {3, 32, &id.plant_id},      {4, 26, &id.copyright},
      {5, 24, &id.serial_number}, {7, 32, &id.module_type_name},
  };
  for (const Entry& e : entries) {
    bool present =
        std::any_of(list.records.begin(), list.records.end(),
                    [&](const Bytes& r) { return RecordIndex(r) == e.index; });
    if (!present && e.text->empty()) continue;
    PutText(RecordWithIndex(list, e.index), 2, e.width, *e.text, 0);
  }
  std::sort(list.records.begin(), list.records.end(),
            [](const Bytes& a, const Bytes& b) {
              return RecordIndex(a) < RecordIndex(b);
            });
}

}  // namespace

Bytes BcdDateAndTime(std::time_t time, int milliseconds) {
  std::tm t{};
  gmtime_r(&time, &t);
  milliseconds = std::clamp(milliseconds, 0, 999);
  return Bytes{
      Bcd(t.tm_year % 100),
      Bcd(t.tm_mon + 1),
      Bcd(t.tm_mday),
      Bcd(t.tm_hour),
      Bcd(t.tm_min),
      Bcd(t.tm_sec),
      Bcd(milliseconds / 10),
      static_cast<uint8_t>((milliseconds % 10) << 4 | (t.tm_wday + 1))};
}

SzlDirectory::SzlDirectory(const S7Profile& profile) : lists_(profile.szl) {
  if (SzlList* l = ListFor(lists_, kModuleIdentification, kModuleRecordLength))
    ApplyModuleIdentity(profile.identity, *l);
  if (SzlList* l =
          ListFor(lists_, kComponentIdentification, kComponentRecordLength))
    ApplyComponentIdentity(profile.identity, *l);
  SzlList* mode = ListFor(lists_, kCurrentMode, kModeRecordLength);
  if (mode != nullptr && mode->records.empty()) {
    // A CPU in RUN since it was switched on: event 0x5144, requested RUN.
    Bytes record(kModeRecordLength, 0);
    record[0] = 0x51, record[1] = 0x44, record[2] = 0xff, record[3] = 0x08;
    mode->records.push_back(record);
  }
}

void SzlDirectory::SetRunning(bool running, std::time_t when) {
  if (running == running_) return;
  running_ = running;
  for (SzlList& l : lists_) {
    if (l.id != kCurrentMode) continue;
    for (Bytes& r : l.records) {
      if (r.size() < kModeRecordLength) continue;
      // Event 0x4304 "STOP by PG", 0x4302 "STOP to RUN"; the mode byte holds
      // the previous mode (high nibble) and the new one (8 RUN, 4 STOP).
      r[0] = 0x43;
      r[1] = running ? 0x02 : 0x04;
      r[2] = 0xff;
      r[3] = running ? 0x48 : 0x84;
      Bytes stamp = BcdDateAndTime(when, 0);
      std::copy(stamp.begin(), stamp.end(), r.begin() + 12);
    }
  }
}

const SzlList* SzlDirectory::Find(uint16_t id, uint16_t index) const {
  for (const SzlList& l : lists_)
    if (l.id == id && l.index == index) return &l;
  return nullptr;
}

const SzlList* SzlDirectory::FindAnyIndex(uint16_t id) const {
  if (const SzlList* l = Find(id, 0)) return l;
  for (const SzlList& l : lists_)
    if (l.id == id) return &l;
  return nullptr;
}

bool SzlDirectory::IdIsListed(uint16_t id) const {
  if (FindAnyIndex(id) != nullptr) return true;
  const SzlList* ids = FindAnyIndex(kSzlIdList);
  if (ids == nullptr) return false;
  return std::any_of(ids->records.begin(), ids->records.end(),
                     [&](const Bytes& r) { return RecordIndex(r) == id; });
}

std::variant<SzlAnswer, uint16_t> SzlDirectory::Lookup(uint16_t id,
                                                       uint16_t index) const {
  auto all = [](const SzlList& l) {
    return SzlAnswer{l.record_length, static_cast<uint16_t>(l.records.size()),
                     l.records};
  };
  if (const SzlList* exact = Find(id, index)) return all(*exact);
  uint16_t extract = Extract(id);
  if (extract == 0x0) {
    if (const SzlList* l = FindAnyIndex(id)) return all(*l);
  } else if (extract == 0xf) {
    if (const SzlList* l = FindAnyIndex(WithExtract(id, 0)))
      return SzlAnswer{
          l->record_length, static_cast<uint16_t>(l->records.size()), {}};
  } else if (extract == 0x1 && ((id & 0xff) == kModuleIdentification ||
                                (id & 0xff) == kComponentIdentification)) {
    if (const SzlList* l = FindAnyIndex(WithExtract(id, 0))) {
      SzlAnswer one{l->record_length, 0, {}};
      for (const Bytes& r : l->records)
        if (RecordIndex(r) == index) one.records.push_back(r);
      one.record_count = static_cast<uint16_t>(one.records.size());
      if (!one.records.empty()) return one;
      return kSzlErrorInvalidIndex;
    }
  }
  return IdIsListed(id) ? kSzlErrorInvalidIndex : kSzlErrorInvalidId;
}

}  // namespace protolm::device::s7
