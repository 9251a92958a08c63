// Calendar dates (layer: source): the `effective`/`until` dates of rules and the as-of date.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lexgate {

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
struct date {
  std::int32_t days = 0;

  /// The date of a year, month and day, or nothing when no such day exists (2025-02-30).
  static std::optional<date> from_ymd(int year, int month, int day);
  /// Parses exactly `YYYY-MM-DD`; nothing on any other text or an impossible day.
  static std::optional<date> parse(std::string_view text);
  /// Today in UTC.
  static date today();

  std::string to_string() const;  ///< `YYYY-MM-DD`
  date plus_days(std::int32_t n) const { return date{days + n}; }

  friend auto operator<=>(date, date) = default;
};

}  // namespace lexgate
