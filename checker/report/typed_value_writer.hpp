// A profile value as typed JSON through json_writer (layer: report): the same JSON as
// `typed()` in json_model.hpp gives, without building a document.
#pragma once

#include <chrono>
#include <string_view>

#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"
#include "report/json_writer.hpp"

namespace lexgate::report_writers {

// `date::to_string()` as a string value: a year of four digits written here (to_string's
// snprintf cost more than the rest of the line's value), any other through to_string.
inline void write_date(json_writer& out, date d) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{d.days}}};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    out.value(d.to_string());
    return;
  }
  const auto month = static_cast<unsigned>(ymd.month());
  const auto day = static_cast<unsigned>(ymd.day());
  const char text[10] = {static_cast<char>('0' + year / 1000),
                         static_cast<char>('0' + year / 100 % 10),
                         static_cast<char>('0' + year / 10 % 10),
                         static_cast<char>('0' + year % 10),
                         '-',
                         static_cast<char>('0' + month / 10),
                         static_cast<char>('0' + month % 10),
                         '-',
                         static_cast<char>('0' + day / 10),
                         static_cast<char>('0' + day % 10)};
  out.value(std::string_view(text, sizeof text));
}

inline void write_typed(json_writer& out, const value& v) {
  switch (v.k) {
    case value::kind::absent:
      out.null();
      return;
    case value::kind::boolean:
      out.value(v.boolean);
      return;
    case value::kind::integer:
      out.value(std::int64_t{v.integer});
      return;
    case value::kind::date:
      write_date(out, date{static_cast<std::int32_t>(v.integer)});
      return;
    case value::kind::string:
      out.value(v.text);
      return;
    case value::kind::list:
      out.begin_array();
      for (const auto& item : v.items) write_typed(out, item);
      out.end_array();
      return;
    case value::kind::map:
      out.begin_object();
      for (std::size_t i = 0; i < v.keys.size(); ++i) {
        out.key(v.keys[i]);
        write_typed(out, v.items[i]);
      }
      out.end_object();
      return;
    case value::kind::record:
      // Record fields carry no names here; their rendering is the readable form.
      out.value(render_value(v));
      return;
  }
  out.null();
}

}  // namespace lexgate::report_writers
