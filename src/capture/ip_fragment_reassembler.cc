// IpFragmentReassembler (see ip_fragment_reassembler.h). Each waiting
// datagram keeps a byte buffer and the sorted list of byte ranges it has; a
// new fragment fills only the holes, so the first copy of a byte wins.
#include "capture/ip_fragment_reassembler.h"

#include <algorithm>
#include <cstring>

namespace protolm {
namespace {

constexpr uint32_t kMaxDatagram = 65535;

}  // namespace

void IpFragmentReassembler::Drop(PendingMap::iterator it) {
  buffered_bytes_ -= it->second.data.size();
  stats_.dropped_datagrams++;
  stats_.dropped_fragments += it->second.fragments;
  pending_.erase(it);
}

void IpFragmentReassembler::ExpireOld(int64_t now_us,
                                      std::vector<std::string>& problems) {
  for (auto it = pending_.begin(); it != pending_.end();) {
    auto next = std::next(it);
    if (now_us - it->second.first_ts_us > limits_.timeout_us) {
      problems.push_back("IP datagram id " + std::to_string(it->first.id) +
                         " from " + it->first.src.ToString() +
                         " incomplete after the reassembly timeout; its " +
                         std::to_string(it->second.fragments) +
                         " fragment(s) are dropped");
      Drop(it);
    }
    it = next;
  }
}

void IpFragmentReassembler::MakeRoom(size_t incoming,
                                     std::vector<std::string>& problems) {
  while (!pending_.empty() &&
         (pending_.size() >= limits_.max_datagrams ||
          buffered_bytes_ + incoming > limits_.max_buffered_bytes)) {
    auto oldest = std::min_element(
        pending_.begin(), pending_.end(), [](const auto& a, const auto& b) {
          return a.second.first_ts_us < b.second.first_ts_us;
        });
    problems.push_back(
        "IP fragment buffer full; the oldest waiting datagram "
        "(id " +
        std::to_string(oldest->first.id) + ") is dropped");
    Drop(oldest);
  }
}

bool IpFragmentReassembler::Insert(Pending& p, uint32_t offset, ByteView data) {
  uint32_t end = offset + static_cast<uint32_t>(data.size());
  if (p.data.size() < end) {
    buffered_bytes_ += end - p.data.size();
    p.data.resize(end);
  }
  bool conflict = false;
  uint32_t cursor = offset;
  auto copy = [&](uint32_t from, uint32_t to) {
    if (to > from) std::memcpy(&p.data[from], &data[from - offset], to - from);
  };
  for (const auto& [start, stop] : p.covered) {
    if (stop <= cursor) continue;
    if (start >= end) break;
    copy(cursor, std::min(start, end));
    uint32_t overlap_from = std::max(start, cursor);
    uint32_t overlap_to = std::min(stop, end);
    if (overlap_to > overlap_from) {
      stats_.overlapping_bytes += overlap_to - overlap_from;
      if (std::memcmp(&p.data[overlap_from], &data[overlap_from - offset],
                      overlap_to - overlap_from) != 0) {
        conflict = true;
      }
    }
    cursor = std::max(cursor, overlap_to);
  }
  copy(cursor, end);
  // Merge [offset, end) into the covered list.
  p.covered.emplace_back(offset, end);
  std::sort(p.covered.begin(), p.covered.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& range : p.covered) {
    if (!merged.empty() && range.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, range.second);
    } else {
      merged.push_back(range);
    }
  }
  p.covered = std::move(merged);
  return conflict;
}

FragmentOutcome IpFragmentReassembler::Add(const FragmentKey& key,
                                           int64_t ts_us, uint32_t offset,
                                           bool more, ByteView data) {
  FragmentOutcome out;
  stats_.fragments++;
  ExpireOld(ts_us, out.problems);
  uint64_t end = static_cast<uint64_t>(offset) + data.size();
  auto reject = [&](const std::string& why) {
    stats_.dropped_fragments++;
    out.problems.push_back("IP fragment (id " + std::to_string(key.id) +
                           ", offset " + std::to_string(offset) + ", " +
                           std::to_string(data.size()) + " bytes) " + why +
                           "; fragment dropped");
    return out;
  };
  if (end > kMaxDatagram) return reject("ends past 65535 bytes");
  if (more && data.size() % 8 != 0) {
    return reject("is not the last one but its length is not a multiple of 8");
  }
  if (data.empty() && more) return reject("is empty");

  auto it = pending_.find(key);
  if (it == pending_.end()) {
    MakeRoom(end, out.problems);
    it = pending_.emplace(key, Pending{}).first;
    it->second.first_ts_us = ts_us;
  }
  Pending& p = it->second;
  uint32_t end32 = static_cast<uint32_t>(end);
  bool inconsistent =
      (!more && p.total_length && *p.total_length != end32) ||
      (!more && !p.covered.empty() && p.covered.back().second > end32) ||
      (more && p.total_length && end32 > *p.total_length);
  if (inconsistent) {
    p.fragments++;
    out.problems.push_back("IP fragments of datagram id " +
                           std::to_string(key.id) +
                           " disagree on its length; the datagram is dropped");
    Drop(it);
    return out;
  }
  p.fragments++;
  if (!more) p.total_length = end32;
  if (Insert(p, offset, data)) {
    out.problems.push_back("IP fragments of datagram id " +
                           std::to_string(key.id) +
                           " overlap with different bytes; the first copy "
                           "is kept");
  }
  bool complete = p.total_length && p.covered.size() == 1 &&
                  p.covered[0].first == 0 &&
                  p.covered[0].second == *p.total_length;
  if (complete) {
    buffered_bytes_ -= p.data.size();
    out.datagram = std::move(p.data);
    pending_.erase(it);
    stats_.reassembled_datagrams++;
  }
  return out;
}

size_t IpFragmentReassembler::DropAll() {
  size_t n = pending_.size();
  while (!pending_.empty()) Drop(pending_.begin());
  return n;
}

}  // namespace protolm
