// ISO 8601 rendering and --since parsing (see time_text.h).
#include "events/time_text.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace protolm::events {

namespace {

using std::chrono::sys_days;

struct CivilTime {
  int year, month, day, hour, minute, second;
  int64_t micros;
};

CivilTime ToCivil(int64_t time_us) {
  int64_t seconds = time_us / 1000000;
  int64_t micros = time_us % 1000000;
  if (micros < 0) {
    micros += 1000000;
    --seconds;
  }
  int64_t days = seconds / 86400;
  int64_t in_day = seconds % 86400;
  if (in_day < 0) {
    in_day += 86400;
    --days;
  }
  std::chrono::year_month_day ymd{sys_days{std::chrono::days{days}}};
  return {int(ymd.year()),
          int(unsigned(ymd.month())),
          int(unsigned(ymd.day())),
          int(in_day / 3600),
          int(in_day / 60 % 60),
          int(in_day % 60),
          micros};
}

Status SinceError(std::string_view text) {
  return InvalidArgument(
      "--since " + std::string(text) +
      ": expected an ISO 8601 UTC time (2026-11-21T13:00:00Z) or an age "
      "(90s, 10m, 2h, 1d)");
}

/// Reads exactly `width` digits at `pos`.
bool Digits(std::string_view text, size_t pos, size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (size_t i = pos; i < pos + width; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  std::from_chars(text.data() + pos, text.data() + pos + width, out);
  return true;
}

Result<int64_t> ParseAge(std::string_view text, int64_t now_us) {
  int64_t unit_us = 0;
  switch (text.back()) {
    case 's':
      unit_us = 1000000;
      break;
    case 'm':
      unit_us = 60LL * 1000000;
      break;
    case 'h':
      unit_us = 3600LL * 1000000;
      break;
    case 'd':
      unit_us = 86400LL * 1000000;
      break;
    default:
      return SinceError(text);
  }
  int64_t amount = 0;
  std::string_view number = text.substr(0, text.size() - 1);
  auto [end, ec] =
      std::from_chars(number.data(), number.data() + number.size(), amount);
  if (number.empty() || ec != std::errc() ||
      end != number.data() + number.size() || amount < 0 ||
      amount > 100LL * 365 * 86400 * 1000000 / unit_us)
    return SinceError(text);
  return now_us - amount * unit_us;
}

Result<int64_t> ParseIso(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !Digits(text, 5, 2, month) || text[7] != '-' || !Digits(text, 8, 2, day))
    return SinceError(text);
  size_t pos = 10;
  int64_t micros = 0;
  if (pos < text.size()) {
    if ((text[pos] != 'T' && text[pos] != ' ') ||
        !Digits(text, pos + 1, 2, hour) || text.size() < pos + 9 ||
        text[pos + 3] != ':' || !Digits(text, pos + 4, 2, minute) ||
        text[pos + 6] != ':' || !Digits(text, pos + 7, 2, second))
      return SinceError(text);
    pos += 9;
    if (pos < text.size() && text[pos] == '.') {
      int64_t scale = 100000;
      for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9';
           ++pos) {
        micros += (text[pos] - '0') * scale;
        scale /= 10;
      }
    }
    if (pos != text.size() - 1 || text[pos] != 'Z') return SinceError(text);
  }
  std::chrono::year_month_day ymd{std::chrono::year{year},
                                  std::chrono::month(unsigned(month)),
                                  std::chrono::day(unsigned(day))};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60)
    return SinceError(text);
  int64_t days = sys_days{ymd}.time_since_epoch().count();
  return ((days * 86400 + hour * 3600 + minute * 60 + second) * 1000000) +
         micros;
}

}  // namespace

std::string IsoUtcTime(int64_t time_us) {
  CivilTime t = ToCivil(time_us);
  char text[40];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ",
                t.year, t.month, t.day, t.hour, t.minute, t.second,
                static_cast<long long>(t.micros));
  return text;
}

std::string CompactUtcTime(int64_t time_us) {
  CivilTime t = ToCivil(time_us);
  char text[32];
  std::snprintf(text, sizeof(text), "%04d%02d%02dT%02d%02d%02dZ", t.year,
                t.month, t.day, t.hour, t.minute, t.second);
  return text;
}

Result<int64_t> ParseSince(std::string_view text, int64_t now_us) {
  if (text.empty()) return SinceError(text);
  if (text.size() >= 10 && text[4] == '-') return ParseIso(text);
  return ParseAge(text, now_us);
}

}  // namespace protolm::events
