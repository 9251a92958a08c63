// A profile value as typed JSON through json_writer (layer: report): the same JSON as
// `typed()` in json_model.hpp gives, without building a document.
#pragma once

#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"
#include "report/json_writer.hpp"

namespace lexgate::report_writers {

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
      out.value(date{static_cast<std::int32_t>(v.integer)}.to_string());
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
