// The system status lists (SZL) a simulated S7 CPU answers, and the rules by
// which a CPU picks the part a read SZL request asks for.
//
// A profile stores SZL parts as raw records (profile.h SzlList). A request
// names an SZL id (bits 15-12 module class, 11-8 the partial list extract,
// 7-0 the list number) and an index. Lookup answers as an S7-300 CPU does:
//   - a stored part with exactly that id and index;
//   - extract 0 (all records, e.g. 0x0011, 0x001C, 0x0000): the stored list
//     whatever the index (CPUs ignore it there);
//   - extract 0xF (e.g. 0x0F11): the header of the extract-0 list only -
//     its record length and count, no records;
//   - extract 1 of lists 0x11 and 0x1C (0x0111, 0x011C): the record of the
//     extract-0 list whose first word is the index;
//   - otherwise error 0xD402 (invalid index) when the id exists (a stored
//     part or an entry of list 0x0000), else 0xD401 (invalid SZL id).
// Identity lists 0x0011 and 0x001C come from the profile's identity
// strings, laid over the stored records (or over an S7-300 default layout
// when the profile stores none), so the identity has one source.
// List 0x0424 (current mode) follows SetRunning. Not thread-safe; the S7
// handler uses it from the server's thread.
#pragma once

#include <cstdint>
#include <ctime>
#include <variant>
#include <vector>

#include "device/profile.h"
#include "util/bytes.h"

namespace protolm::device::s7 {

inline constexpr uint16_t kSzlErrorInvalidId = 0xd401;
inline constexpr uint16_t kSzlErrorInvalidIndex = 0xd402;

/// The records one read SZL answers with. `records` may be fewer than
/// `record_count` only for header-only extracts (then it is empty).
struct SzlAnswer {
  uint16_t record_length = 0;
  uint16_t record_count = 0;
  std::vector<Bytes> records;
};

class SzlDirectory {
 public:
  /// Copies the lists of `profile` and lays its identity over 0x0011/0x001C.
  explicit SzlDirectory(const S7Profile& profile);

  /// The answer to a read of (id, index), or the userdata error code.
  std::variant<SzlAnswer, uint16_t> Lookup(uint16_t id, uint16_t index) const;

  /// Records a mode transition to RUN or STOP at `when` in list 0x0424
  /// (event id, requested/previous mode, BCD time stamp).
  void SetRunning(bool running, std::time_t when);
  bool running() const { return running_; }

 private:
  const SzlList* Find(uint16_t id, uint16_t index) const;
  const SzlList* FindAnyIndex(uint16_t id) const;
  bool IdIsListed(uint16_t id) const;

  std::vector<SzlList> lists_;
  bool running_ = true;
};

/// `time` as the 8-byte BCD DATE_AND_TIME of S7 (yy mm dd hh mm ss, then
/// milliseconds and weekday 1 = Sunday), in UTC.
Bytes BcdDateAndTime(std::time_t time, int milliseconds);

}  // namespace protolm::device::s7
