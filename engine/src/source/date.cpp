// Calendar dates (layer: source).
#include "lexgate/date.hpp"

#include <chrono>
#include <cstdio>

namespace lexgate {

std::optional<date> date::from_ymd(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || year > 9999) return {};
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return {};
  return date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<date> date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return {};
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return {};
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  return from_ymd(parts[0], parts[1], parts[2]);
}

date date::today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return date{static_cast<std::int32_t>(now.time_since_epoch().count())};
}

std::string date::to_string() const {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace lexgate
