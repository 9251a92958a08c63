// JSON profiles typed straight from simdjson's DOM into a reused profile (see the header for when
// this path gives up and the full path decides).
#include "io/json_fast_typer.hpp"
#include "io/json_plain_scan.hpp"
#include "io/short_text.hpp"
#include "source/text_check.hpp"

#include <bit>
#include <charconv>
#include <cstring>
#include <optional>
#include <utility>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lexgate/date.hpp"

namespace lexgate::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Whether `name` is `key`: lengths first, as most fields a key is tried against differ in it.
[[gnu::always_inline]] inline bool same_name(const std::string& name, std::string_view key) {
  return name.size() == key.size() && same_bytes(name.data(), key.data(), key.size());
}

// Whether every byte of `text` is printable ASCII (0x20 to 0x7E), eight at a time (sixteen
// with SSE2, which every x86-64 has): then `unprintable_at` has nothing to find, and nearly
// every string of a profile is such text. Inline, as the call cost about as much as the test.
[[gnu::always_inline]] inline bool printable_ascii(std::string_view text) {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  // A byte of 0x80 or more, one below 0x20, or DEL (0x7F, the one byte that adding 1 to
  // carries into the high bit). Borrows and carries only spread from a byte that matches.
  auto bad = [](std::uint64_t w) { return ((w | (w - ones * 0x20) | (w + ones)) & highs) != 0; };
  const char* p = text.data();
  const std::size_t n = text.size();
#if defined(__SSE2__)
  if (n > 16) {
    // As signed bytes, 0x80 and above are negative: below 0x20 takes them too.
    auto bad16 = [](const char* at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
      const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
      return _mm_movemask_epi8(_mm_or_si128(low, del)) != 0;
    };
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (bad16(p + i)) return false;
    }
    return !bad16(p + n - 16);  // the last sixteen, overlapping
  }
#endif
  if (n >= 8) {
    std::uint64_t w;
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      std::memcpy(&w, p + i, sizeof w);
      if (bad(w)) return false;
    }
    std::memcpy(&w, p + n - 8, sizeof w);  // the last eight, overlapping
    return !bad(w);
  }
  if (n >= 4) {
    // The first four and the last four (overlapping), as one word.
    std::uint32_t a, b;
    std::memcpy(&a, p, sizeof a);
    std::memcpy(&b, p + n - 4, sizeof b);
    return !bad(a | (std::uint64_t{b} << 32));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

// Whether `text`, the bytes between a JSON string's quotes as written, is its value: printable
// ASCII without a backslash (no escape to undo) or a quote. Then the On-Demand path takes the
// text where it lies instead of unescaping it into simdjson's buffer. `text` lies in a buffer
// padded by SIMDJSON_PADDING bytes, so sixteen bytes are read from its start however short it is.
[[gnu::always_inline]] inline bool plain_json_text(std::string_view text) {
  const char* p = text.data();
  const std::size_t n = text.size();
#if defined(__SSE2__)
  // The positions of the bytes in p[0, 16) that are not plain (a lambda here was compiled as a
  // call, some 30 times a line).
  auto bad16 = [](const char* at) __attribute__((always_inline)) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));  // 0x80 and above too
    const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
    const __m128i slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    return static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, del), _mm_or_si128(slash, quote))));
  };
  if (n < 16) return (bad16(p) & ((1u << n) - 1)) == 0;
  for (std::size_t i = 0; i + 16 < n; i += 16) {
    if (bad16(p + i) != 0) return false;
  }
  return bad16(p + n - 16) == 0;  // the last sixteen, overlapping
#else
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x7F || c == '\\' || c == '"') return false;
  }
  return true;
#endif
}

// Values reused from one profile to the next keep their paths: a value typed at path P again
// (`paths_kept`) has the same path, and so do its children that were there before. A value
// taken from a pool has its path compared, and written only when it differs; its children are
// trusted when it was right, since every value's children were given paths below its own. The
// items of one container were all given paths below its path, so items that come back together
// (a container's own after it moved, a whole list another container gave up) are all right
// when the first one is. Only values in a new place get their paths written, which spares a
// string copy for nearly every value.
class fast_typer {
 public:
  // `end`: where the line ends in the padded buffer On-Demand reads (null for the DOM).
  fast_typer(const schema& s, const profile_limits& limits, std::uint32_t line,
             fast_typer_memory& memory, const char* end = nullptr)
      : schema_(s), limits_(limits), line_(line), memory_(memory), end_(end) {}

  // The line's root object, read by simdjson's On-Demand iterator: `root` is a record. Every
  // value is read once, in order, and each one is validated as the DOM's parse validates it
  // (numbers, literals, escapes) or the line is given up; the caller checks that nothing
  // follows the object.
  bool typed_root(simdjson::ondemand::document& document, const schema_type& root, value& out) {
    if (root.kind != type_kind::record) return false;
    out.where = {line_, 0};
    simdjson::ondemand::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS) return false;
    return record(object, root, out, 0, true);
  }

  // `out.path` is already set by the caller; every other member is written here.
  bool typed(element e, const schema_type& type, value& out, std::uint32_t depth, bool paths_kept) {
    if (depth > limits_.max_depth) return false;
    out.where = {line_, 0};
    switch (type.kind) {
      case type_kind::record:
        return record(e, type, out, depth, paths_kept);
      case type_kind::list:
        return list(e, type, out, depth, paths_kept);
      case type_kind::map:
        return map(e, type, out, depth);
      default:
        return scalar(e, type, out);
    }
  }

 private:
  // A value inside a container, as `typed` types it: scalars, most of a profile's values, in
  // place rather than in a call.
  [[gnu::always_inline]] bool nested(element e, const schema_type& type, value& out, std::uint32_t depth,
              bool paths_kept) {
    switch (type.kind) {
      case type_kind::record:
      case type_kind::list:
      case type_kind::map:
        return typed(e, type, out, depth, paths_kept);
      case type_kind::boolean:
      case type_kind::integer: {
        // Booleans and integers, half a profile's values, typed here without a call: the same
        // steps as `scalar`.
        if (depth > limits_.max_depth) return false;
        out.where = {line_, 0};
        const element_type t = e.type();
        if (type.kind == type_kind::boolean) {
          if (t != element_type::BOOL) return false;
          clear_container(out, type);
          set_scalar(out, value::kind::boolean, e.get_bool().value_unsafe(), 0);
          return true;
        }
        if (t != element_type::INT64) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::integer, false, e.get_int64().value_unsafe());
        return true;
      }
      default:
        if (depth > limits_.max_depth) return false;
        out.where = {line_, 0};
        return string_scalar(e, type, out);
    }
  }

  bool scalar(element e, const schema_type& type, value& out) {
    switch (type.kind) {
      case type_kind::boolean:
        // JSON's true and false only: a string "true" is a type error in the full path.
        if (e.type() != element_type::BOOL) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::boolean, e.get_bool().value_unsafe(), 0);
        return true;
      case type_kind::integer:
        // Only what is an integer as written; the full path decides doubles such as `1.0`.
        if (e.type() != element_type::INT64) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::integer, false, e.get_int64().value_unsafe());
        return true;
      default:
        return string_scalar(e, type, out);
    }
  }

  // Whether an absent value of `type` leaves a required key unset (a record with one, at any
  // depth): the full path reports each.
  static bool owes_required(const schema_type& type) {
    if (type.kind != type_kind::record) return false;
    for (const auto& f : type.fields) {
      if (f.required || owes_required(*f.type)) return true;
    }
    return false;
  }

  bool record(element e, const schema_type& type, value& out, std::uint32_t depth,
              bool paths_kept) {
    if (e.type() != element_type::OBJECT) return false;
    const std::size_t fields = type.fields.size();
    if (fields > 64) return false;  // more fields than the mask below holds
    const std::uint64_t all = fields == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << fields) - 1;
    const std::uint64_t right = start_record(type, out, paths_kept);
    std::uint64_t given = 0;
    std::size_t expected = 0;  // keys usually come in schema order: try the next field first
    const simdjson::dom::object object = e.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair field : object) {
      std::size_t index = expected;
      if (index >= fields || !same_name(type.fields[index].name, field.key)) {
        // Keys left out skip fields: look ahead first, then from the start.
        index = find_field(type, field.key, expected);
        if (index == fields) return false;  // unknown key
      }
      expected = index + 1;
      const std::uint64_t bit = std::uint64_t{1} << index;
      if ((given & bit) != 0) return false;  // duplicate key
      given |= bit;
      value& v = out.items[index];
      if (field.value.type() == element_type::NULL_VALUE) {
        if (type.fields[index].required || owes_required(*type.fields[index].type)) return false;
        make_absent(v, *type.fields[index].type);
        continue;
      }
      if (!nested(field.value, *type.fields[index].type, v, depth + 1, (right & bit) != 0)) {
        return false;
      }
      if (type.fields[index].required && v.k == value::kind::string && v.text.empty()) {
        return false;  // the full path reports an empty required key
      }
    }
    for (std::uint64_t missing = all & ~given; missing != 0; missing &= missing - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(missing));
      if (type.fields[i].required || owes_required(*type.fields[i].type)) return false;
      make_absent(out.items[i], *type.fields[i].type);
    }
    return true;
  }

  // Makes `out` a record of `type`'s fields (at most 64) and returns which of them have the
  // paths they need, bit i for field i (see the class comment).
  std::uint64_t start_record(const schema_type& type, value& out, bool paths_kept) {
    const std::size_t fields = type.fields.size();
    set_container(out, value::kind::record);
    out.keys.clear();
    const std::uint64_t all = fields == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << fields) - 1;
    std::uint64_t right = all;
    const std::size_t had = resize_items(out.items, fields, type);
    // Fields that were one record's before (its own, or another's given up whole) sit under
    // one path: when the first field's is right, all are.
    if ((had != fields || !paths_kept) &&
        !((had == fields || had == exchanged) && fields > 0 &&
          is_field_path(out.items[0].path, out.path, type.fields[0].name))) {
      for (std::size_t i = 0; i < fields; ++i) {
        if (!place_path(out.items[i].path, out.path, type.fields[i].name)) {
          right &= ~(std::uint64_t{1} << i);
        }
      }
    }
    return right;
  }

  // The index of the field named `key`, searched from `from` on and then before it; the number
  // of fields when there is none.
  static std::size_t find_field(const schema_type& type, std::string_view key, std::size_t from) {
    const std::size_t fields = type.fields.size();
    for (std::size_t i = from; i < fields; ++i) {
      if (same_name(type.fields[i].name, key)) return i;
    }
    for (std::size_t i = 0; i < from && i < fields; ++i) {
      if (same_name(type.fields[i].name, key)) return i;
    }
    return fields;
  }

  bool list(element e, const schema_type& type, value& out, std::uint32_t depth, bool paths_kept) {
    if (e.type() != element_type::ARRAY) return false;
    const simdjson::dom::array array = e.get_array().value_unsafe();
    const std::size_t size = array.size();
    if (size > limits_.max_list_items) return false;
    const std::size_t kept = start_list(type, out, size, paths_kept);
    std::size_t i = 0;
    for (element item : array) {
      if (item.type() == element_type::NULL_VALUE) return false;  // an empty list item
      value& v = out.items[i];
      const bool right = i < kept || place_index(v.path, out.path, i);
      if (!nested(item, *type.element, v, depth + 1, right)) return false;
      ++i;
    }
    return true;
  }

  // Makes `out` a list of `size` items of `type` and returns how many of them, first to last,
  // have the paths they need. Items that were one list's before (this one's, or another's given
  // up whole) sit under one path: when the first item's is right, all of them are.
  std::size_t start_list(const schema_type& type, value& out, std::size_t size, bool paths_kept) {
    set_container(out, value::kind::list);
    out.keys.clear();
    const std::size_t had = resize_items(out.items, size, type);
    std::size_t kept = paths_kept && had != exchanged ? had : 0;
    if (kept == 0 && had != 0 && size != 0 && is_first_item_path(out.items[0].path, out.path)) {
      kept = had == exchanged ? size : had;
    }
    return kept;
  }

  bool map(element e, const schema_type& type, value& out, std::uint32_t depth) {
    if (e.type() != element_type::OBJECT) return false;
    const simdjson::dom::object object = e.get_object().value_unsafe();
    set_container(out, value::kind::map);
    resize_items(out.items, object.size(), type);
    out.keys.resize(object.size());
    std::size_t count = 0;
    for (simdjson::dom::key_value_pair field : object) {
      if (field.key != "default" && !valid_code(field.key)) return false;
      for (std::size_t k = 0; k < count; ++k) {
        if (out.keys[k] == field.key) return false;  // duplicate key
      }
      // An entry stated as null is dropped by the full path, which also checks its key for
      // duplicates; rare enough to leave to it.
      if (field.value.type() == element_type::NULL_VALUE) return false;
      assign_text(out.keys[count], field.key);
      // Keys differ from one profile to the next: the path of each entry is compared.
      const bool right = place_path(out.items[count].path, out.path, field.key);
      if (!nested(field.value, *type.element, out.items[count], depth + 1, right)) return false;
      ++count;
    }
    return true;
  }

  // Writes every member of a scalar but its path and position; a string's text is written by
  // the caller.
  static void set_scalar(value& out, value::kind k, bool boolean, std::int64_t integer) {
    out.k = k;
    out.boolean = boolean;
    out.integer = integer;
    if (k != value::kind::string) out.text.clear();
  }

  // A scalar's place held a scalar before, or nothing; a container only in a profile typed
  // against another schema.
  [[gnu::always_inline]] void clear_container(value& out, const schema_type& type) {
    if (!out.items.empty()) resize_items(out.items, 0, type);
    if (!out.keys.empty()) out.keys.clear();
  }

  // A scalar of every type but boolean and integer: each is written as a JSON string here; a
  // number or a boolean where a string is expected is left to the full path, which converts or
  // rejects it.
  [[gnu::always_inline]] bool string_scalar(element e, const schema_type& type, value& out) {
    clear_container(out, type);
    if (e.type() != element_type::STRING) return false;
    const std::string_view text = e.get_string().value_unsafe();
    if (!printable_ascii(text) && unprintable_at(text, false)) return false;  // reported there
    return string_text(text, type, out);
  }

  // `string_scalar` once the string's text is known.
  [[gnu::always_inline]] bool string_text(std::string_view text, const schema_type& type,
                                          value& out) {
    if (text.size() > limits_.max_string_bytes) return false;
    switch (type.kind) {
      case type_kind::date:
        if (auto days = date_of(text)) {
          set_scalar(out, value::kind::date, false, *days);
          return true;
        }
        return false;
      case type_kind::jurisdiction:
        if (!valid_code(text)) return false;
        break;
      case type_kind::enumeration:
        if (!enum_value(type, text)) return false;
        break;
      case type_kind::string:
        break;
      default:
        return false;
    }
    set_scalar(out, value::kind::string, false, 0);
    assign_text(out.text, text);
    return true;
  }

  // ---- On-Demand: the same typing, reading each value once from simdjson's iterator ----
  //
  // A value skipped is not validated by On-Demand, so nothing is skipped: an unknown key gives
  // the line up like any other surprise. A value is read with the accessor that validates it
  // (`get_int64` accepts exactly what the DOM holds as a signed integer, `get_bool` and
  // `is_null` check the literal and what follows it, `get_string` the escapes); a string
  // without escapes is taken where it lies, between its quotes.

  using od_value = simdjson::ondemand::value;
  static constexpr auto ok = simdjson::SUCCESS;

  bool typed(od_value e, const schema_type& type, value& out, std::uint32_t depth,
             bool paths_kept) {
    if (depth > limits_.max_depth) return false;
    out.where = {line_, 0};
    switch (type.kind) {
      case type_kind::record: {
        simdjson::ondemand::object object;
        if (e.get_object().get(object) != ok) return false;
        return record(object, type, out, depth, paths_kept);
      }
      case type_kind::list:
        return list(e, type, out, depth, paths_kept);
      case type_kind::map:
        return map(e, type, out, depth);
      default:
        return false;  // scalars are typed by `nested`
    }
  }

  // `token`: the value as written, up to the next token (`raw_json_token`), read once.
  [[gnu::always_inline]] bool nested(od_value e, std::string_view token, const schema_type& type,
                                     value& out, std::uint32_t depth, bool paths_kept) {
    switch (type.kind) {
      case type_kind::record:
      case type_kind::list:
      case type_kind::map:
        return typed(e, type, out, depth, paths_kept);
      case type_kind::boolean: {
        if (depth > limits_.max_depth) return false;
        out.where = {line_, 0};
        bool b = false;
        if (e.get_bool().get(b) != ok) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::boolean, b, 0);
        return true;
      }
      case type_kind::integer: {
        if (depth > limits_.max_depth) return false;
        out.where = {line_, 0};
        // A signed integer as written, as the DOM types it (`1.0`, `1e3` and integers past
        // int64 are not); the full path decides the rest.
        std::int64_t i = 0;
        if (e.get_int64().get(i) != ok) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::integer, false, i);
        return true;
      }
      default:
        if (depth > limits_.max_depth) return false;
        out.where = {line_, 0};
        return string_scalar(e, token, type, out);
    }
  }

  [[gnu::always_inline]] bool string_scalar(od_value e, std::string_view token,
                                            const schema_type& type, value& out) {
    clear_container(out, type);
    // The string as written: its quotes, and any white space after it (rarely).
    std::size_t end = token.size();
    if (token[end - 1] != '"') {
      while (end > 0 && json_space(token[end - 1])) --end;
    }
    if (end < 2 || token[0] != '"' || token[end - 1] != '"') return false;  // not a string
    // Not `substr`, which checks its bounds again and was compiled as a call.
    std::string_view text(token.data() + 1, end - 2);
    if (plain_json_text(text)) {
      simdjson::ondemand::raw_json_string passed;  // moves the iterator past it
      if (e.get_raw_json_string().get(passed) != ok) return false;
    } else {
      if (e.get_string().get(text) != ok) return false;  // unescaped and validated
      if (!printable_ascii(text) && unprintable_at(text, false)) return false;
    }
    return string_text(text, type, out);
  }

  static bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  // Whether the raw key at `key` (after its opening quote) is `name` with no escape in it.
  // Sixteen bytes at a time with SSE2: the key lies in the padded buffer, so sixteen bytes can
  // be read from it, and a name's text, in its own sixteen-byte buffer up to fifteen bytes and
  // on the heap past that, has sixteen bytes from its start or ending at its end.
  [[gnu::always_inline]] bool key_is(const char* key, const std::string& name) const {
    const std::size_t n = name.size();
    if (key + n >= end_ || key[n] != '"') return false;
#if defined(__SSE2__)
    auto differ = [](const char* a, const char* b) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
      const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
      return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y))) ^ 0xFFFFu;
    };
    const char* p = name.data();
    if (n < 16) return (differ(key, p) & ((1u << n) - 1)) == 0;
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (differ(key + i, p + i) != 0) return false;
    }
    return differ(key + n - 16, p + n - 16) == 0;  // the last sixteen, overlapping
#else
    return same_bytes(key, name.data(), n);
#endif
  }

  std::size_t find_key(const schema_type& type, const char* key, std::size_t from) const {
    const std::size_t fields = type.fields.size();
    for (std::size_t i = from; i < fields; ++i) {
      if (key_is(key, type.fields[i].name)) return i;
    }
    for (std::size_t i = 0; i < from && i < fields; ++i) {
      if (key_is(key, type.fields[i].name)) return i;
    }
    return fields;
  }

  bool record(simdjson::ondemand::object& object, const schema_type& type, value& out,
              std::uint32_t depth, bool paths_kept) {
    const std::size_t fields = type.fields.size();
    if (fields > 64) return false;
    const std::uint64_t all = fields == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << fields) - 1;
    const std::uint64_t right = start_record(type, out, paths_kept);
    std::uint64_t given = 0;
    std::size_t expected = 0;
    for (auto entry : object) {
      simdjson::ondemand::field field;
      if (std::move(entry).get(field) != ok) return false;
      // A key with an escape in it matches no field: the DOM path reads it unescaped.
      const char* key = field.key().raw();
      std::size_t index = expected;
      if (index >= fields || !key_is(key, type.fields[index].name)) {
        index = find_key(type, key, expected);
        if (index == fields) return false;  // unknown key
      }
      expected = index + 1;
      const std::uint64_t bit = std::uint64_t{1} << index;
      if ((given & bit) != 0) return false;  // duplicate key
      given |= bit;
      value& v = out.items[index];
      od_value item = field.value();
      // Never empty: a value is at least one byte up to the next token.
      const std::string_view token = item.raw_json_token();
      if (token[0] == 'n') {
        bool null = false;
        if (item.is_null().get(null) != ok || !null) return false;  // `nul`, `nullx`
        if (type.fields[index].required || owes_required(*type.fields[index].type)) return false;
        make_absent(v, *type.fields[index].type);
        continue;
      }
      if (!nested(item, token, *type.fields[index].type, v, depth + 1, (right & bit) != 0)) {
        return false;
      }
      if (v.k == value::kind::string && v.text.empty() && type.fields[index].required) {
        return false;  // the full path reports an empty required key
      }
    }
    for (std::uint64_t missing = all & ~given; missing != 0; missing &= missing - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(missing));
      if (type.fields[i].required || owes_required(*type.fields[i].type)) return false;
      make_absent(out.items[i], *type.fields[i].type);
    }
    return true;
  }

  // Items that are containers are typed as they come, the list growing past the items it had
  // with values a container of its type gave up, and its surplus given up at the end: counting
  // them first would walk every token of the list twice.
  bool list(od_value e, const schema_type& type, value& out, std::uint32_t depth,
            bool paths_kept) {
    simdjson::ondemand::array array;
    if (e.get_array().get(array) != ok) return false;
    const schema_type& element = *type.element;
    if (element.kind == type_kind::string || element.kind == type_kind::enumeration ||
        element.kind == type_kind::jurisdiction || element.kind == type_kind::date) {
      return string_list(array, type, out, depth, paths_kept);
    }
    if (element.kind != type_kind::record && element.kind != type_kind::list &&
        element.kind != type_kind::map) {
      // Scalars are counted first, a token each, so that a list that changes length can take a
      // whole list of its new length (`resize_items`).
      std::size_t size = 0;
      if (array.count_elements().get(size) != ok) return false;
      if (size > limits_.max_list_items) return false;
      const std::size_t kept = start_list(type, out, size, paths_kept);
      std::size_t i = 0;
      for (auto entry : array) {
        od_value item;
        if (std::move(entry).get(item) != ok || i == size) return false;
        const std::string_view token = item.raw_json_token();
        if (token[0] == 'n') return false;  // an empty list item, or no value
        value& v = out.items[i];
        const bool right = i < kept || place_index(v.path, out.path, i);
        if (!nested(item, token, element, v, depth + 1, right)) return false;
        ++i;
      }
      return i == size;
    }
    set_container(out, value::kind::list);
    out.keys.clear();
    std::vector<value>& items = out.items;
    const std::size_t had = items.size();
    // How many items have the paths they need, first to last (see `start_list`).
    std::size_t kept = paths_kept ? had : 0;
    if (kept == 0 && had != 0 && is_first_item_path(items[0].path, out.path)) kept = had;
    std::size_t i = 0;
    for (auto entry : array) {
      od_value item;
      if (std::move(entry).get(item) != ok) return false;
      const std::string_view token = item.raw_json_token();
      if (token[0] == 'n') return false;  // an empty list item, or no value
      if (!room_for_item(items, i, type)) return false;
      value& v = items[i];
      const bool right = i < kept || place_index(v.path, out.path, i);
      if (!nested(item, token, *type.element, v, depth + 1, right)) return false;
      ++i;
    }
    if (i < items.size()) move_items(items, i, pool(type).values);
    return true;
  }

  // A list of strings (codes, enum values, dates), most lists of a profile: its text as written
  // is read in one pass (json_plain_scan.hpp), where the iterator took a token at a time, after
  // counting them. A list that is not of plain strings gives the line up, as an item that is
  // not a string did.
  bool string_list(simdjson::ondemand::array& array, const schema_type& type, value& out,
                   std::uint32_t depth, bool paths_kept) {
    std::string_view raw;
    if (array.raw_json().get(raw) != ok) return false;
    if (!plain_string_list(raw, memory_.list_texts)) return false;
    return string_items(type, out, depth, paths_kept);
  }

  // Types the strings read into `memory_.list_texts` as the items of `out`, a list of `type` at
  // `depth`, as `nested` types each.
  bool string_items(const schema_type& type, value& out, std::uint32_t depth, bool paths_kept) {
    const std::vector<std::string_view>& texts = memory_.list_texts;
    const std::size_t size = texts.size();
    if (size > limits_.max_list_items) return false;
    if (size != 0 && depth + 1 > limits_.max_depth) return false;
    const schema_type& element = *type.element;
    const std::size_t kept = start_list(type, out, size, paths_kept);
    for (std::size_t i = 0; i < size; ++i) {
      value& v = out.items[i];
      if (i >= kept) place_index(v.path, out.path, i);
      v.where = {line_, 0};
      clear_container(v, element);
      if (!string_text(texts[i], element, v)) return false;
    }
    return true;
  }

  static bool string_kind(type_kind k) {
    return k == type_kind::string || k == type_kind::enumeration ||
           k == type_kind::jurisdiction || k == type_kind::date;
  }

 public:
  // ---- From the text: the same typing, reading a line written in the plainest way ----
  //
  // A line whose strings are printable ASCII without escapes and whose numbers are small
  // integers (json_plain_scan.hpp), nearly every line of a fleet, is read straight from its
  // text, in one pass: simdjson's first stage (which finds every token) and its iterator (which
  // walks them) cost more than reading it. Each value is read as the On-Demand path reads it,
  // with the same checks; anything else gives the line up to that path.

  // The line `text`, in a buffer readable 16 bytes past its end: `root` is a record.
  bool typed_text(std::string_view text, const schema_type& root, value& out) {
    if (root.kind != type_kind::record) return false;
    plain_cursor at{text.data(), text.data() + text.size()};
    at.skip_space();
    out.where = {line_, 0};
    if (!text_record(at, root, out, 0, true)) return false;
    at.skip_space();
    return at.p == at.end;  // only white space follows the object
  }

 private:
  // The value at `at`, of `type`, at `depth`: `nested` on the text. Scalars, most values, are
  // read here, inline; containers in a call, given a copy of the cursor, so that the caller's
  // stays in registers.
  [[gnu::always_inline]] bool text_value(plain_cursor& at, const schema_type& type, value& out,
                                         std::uint32_t depth, bool paths_kept) {
    if (depth > limits_.max_depth) return false;
    out.where = {line_, 0};
    switch (type.kind) {
      case type_kind::record:
      case type_kind::list:
      case type_kind::map: {
        plain_cursor inner = at;
        if (!text_container(inner, type, out, depth, paths_kept)) return false;
        at.p = inner.p;
        return true;
      }
      case type_kind::boolean: {
        bool b = false;
        if (!at.boolean(b)) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::boolean, b, 0);
        return true;
      }
      case type_kind::integer: {
        std::int64_t i = 0;
        if (!at.integer(i)) return false;
        clear_container(out, type);
        set_scalar(out, value::kind::integer, false, i);
        return true;
      }
      default: {
        std::string_view text;
        if (!at.string(text)) return false;
        clear_container(out, type);
        return string_text(text, type, out);
      }
    }
  }

  bool text_container(plain_cursor& at, const schema_type& type, value& out, std::uint32_t depth,
                      bool paths_kept) {
    switch (type.kind) {
      case type_kind::record:
        return text_record(at, type, out, depth, paths_kept);
      case type_kind::list:
        return text_list(at, type, out, depth, paths_kept);
      default:
        return text_map(at, type, out, depth);
    }
  }

  // Past the `,` after a container's item, or its closing `close` (then `closed`); false when
  // neither follows.
  [[gnu::always_inline]] static bool next_item(plain_cursor& at, char close, bool& closed) {
    char c = *at.p;  // the byte at `end` may be read, and is no punctuation
    if (static_cast<unsigned char>(c) <= ' ') {
      at.skip_space();
      if (at.p >= at.end) return false;
      c = *at.p;
    }
    if (c == ',') {
      ++at.p;
      at.skip_space();
      closed = false;
      return true;
    }
    if (c != close) return false;
    ++at.p;
    closed = true;
    return true;
  }

  bool text_record(plain_cursor& cursor, const schema_type& type, value& out, std::uint32_t depth,
                   bool paths_kept) {
    plain_cursor at = cursor;  // in registers; `cursor` is written back at the end
    if (at.p >= at.end || *at.p != '{') return false;
    ++at.p;
    const std::size_t fields = type.fields.size();
    if (fields > 64) return false;
    const std::uint64_t all = fields == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << fields) - 1;
    const std::uint64_t right = start_record(type, out, paths_kept);
    std::uint64_t given = 0;
    std::size_t expected = 0;
    at.skip_space();
    bool closed = at.p < at.end && *at.p == '}';
    if (closed) ++at.p;
    // The record's own fields and items keep their place while the values below are typed.
    const schema_field* const field = type.fields.data();
    value* const items = out.items.data();
    while (!closed) {
      // The key is compared where it lies with the names of the fields, the one expected next
      // first, then those after it (keys left out skip fields), then those before: a name holds
      // no quote or escape, so when its bytes and a quote follow the opening quote, the key is
      // that name. A key that is none (unknown, or with an escape in it) gives the line up.
      if (at.p >= at.end || *at.p != '"') return false;
      const char* key = at.p + 1;
      std::size_t index = expected;
      while (index < fields && !key_is(key, field[index].name)) ++index;
      if (index == fields) {
        for (index = 0; index < expected && !key_is(key, field[index].name); ++index) {
        }
        if (index >= expected) return false;
      }
      at.p = key + field[index].name.size() + 1;
      expected = index + 1;
      const std::uint64_t bit = std::uint64_t{1} << index;
      if ((given & bit) != 0) return false;  // duplicate key
      given |= bit;
      if (!at.expect(':')) return false;
      at.skip_space();
      if (at.p >= at.end) return false;
      const schema_field& f = field[index];
      value& v = items[index];
      if (*at.p == 'n') {
        if (!at.null()) return false;
        if (f.required || owes_required(*f.type)) return false;
        make_absent(v, *f.type);
      } else {
        if (!text_value(at, *f.type, v, depth + 1, (right & bit) != 0)) return false;
        if (f.required && v.k == value::kind::string && v.text.empty()) {
          return false;  // the full path reports an empty required key
        }
      }
      if (!next_item(at, '}', closed)) return false;
    }
    for (std::uint64_t missing = all & ~given; missing != 0; missing &= missing - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(missing));
      if (field[i].required || owes_required(*field[i].type)) return false;
      make_absent(items[i], *field[i].type);
    }
    cursor.p = at.p;
    return true;
  }

  bool text_list(plain_cursor& cursor, const schema_type& type, value& out, std::uint32_t depth,
                 bool paths_kept) {
    plain_cursor at = cursor;  // in registers; `cursor` is written back at the end
    if (at.p >= at.end || *at.p != '[') return false;
    const schema_type& element = *type.element;
    if (string_kind(element.kind)) {
      if (!plain_string_items(at, memory_.list_texts)) return false;
      cursor.p = at.p;
      return string_items(type, out, depth, paths_kept);
    }
    // Lists of booleans or integers are left to the On-Demand path, which counts them first.
    if (element.kind != type_kind::record && element.kind != type_kind::list &&
        element.kind != type_kind::map) {
      return false;
    }
    ++at.p;
    set_container(out, value::kind::list);
    out.keys.clear();
    std::vector<value>& items = out.items;
    const std::size_t had = items.size();
    // How many items have the paths they need, first to last (see `start_list`).
    std::size_t kept = paths_kept ? had : 0;
    if (kept == 0 && had != 0 && is_first_item_path(items[0].path, out.path)) kept = had;
    std::size_t i = 0;
    at.skip_space();
    bool closed = at.p < at.end && *at.p == ']';
    if (closed) ++at.p;
    while (!closed) {
      if (at.p >= at.end || *at.p == 'n') return false;  // an empty list item, or no value
      if (!room_for_item(items, i, type)) return false;
      value& v = items[i];
      const bool right = i < kept || place_index(v.path, out.path, i);
      if (!text_value(at, element, v, depth + 1, right)) return false;
      ++i;
      if (!next_item(at, ']', closed)) return false;
    }
    if (i < items.size()) move_items(items, i, pool(type).values);
    cursor.p = at.p;
    return true;
  }

  // Entries are typed as they come, the map growing past the entries it had with values a map
  // of its type gave up, as a list of containers grows.
  bool text_map(plain_cursor& cursor, const schema_type& type, value& out, std::uint32_t depth) {
    plain_cursor at = cursor;  // in registers; `cursor` is written back at the end
    if (at.p >= at.end || *at.p != '{') return false;
    ++at.p;
    set_container(out, value::kind::map);
    std::vector<value>& items = out.items;
    std::size_t count = 0;
    at.skip_space();
    bool closed = at.p < at.end && *at.p == '}';
    if (closed) ++at.p;
    while (!closed) {
      std::string_view key;
      if (!at.string(key)) return false;  // a key with an escape in it included
      if (key != "default" && !valid_code(key)) return false;
      for (std::size_t k = 0; k < count; ++k) {
        if (out.keys[k] == key) return false;  // duplicate key
      }
      if (!at.expect(':')) return false;
      at.skip_space();
      if (at.p >= at.end || *at.p == 'n') return false;  // left to the DOM path, as there
      if (!room_for_item(items, count, type)) return false;
      if (count == out.keys.size()) out.keys.emplace_back();
      assign_text(out.keys[count], key);
      const bool right = place_path(items[count].path, out.path, key);
      if (!text_value(at, *type.element, items[count], depth + 1, right)) return false;
      ++count;
      if (!next_item(at, '}', closed)) return false;
    }
    if (count < items.size()) move_items(items, count, pool(type).values);
    out.keys.resize(count);
    cursor.p = at.p;
    return true;
  }

  bool map(od_value e, const schema_type& type, value& out, std::uint32_t depth) {
    simdjson::ondemand::object object;
    if (e.get_object().get(object) != ok) return false;
    std::size_t size = 0;
    if (object.count_fields().get(size) != ok) return false;
    set_container(out, value::kind::map);
    resize_items(out.items, size, type);
    out.keys.resize(size);
    std::size_t count = 0;
    for (auto entry : object) {
      simdjson::ondemand::field field;
      if (std::move(entry).get(field) != ok || count == size) return false;
      // The key as written; one with an escape in it is left to the DOM path.
      const char* raw = field.key().raw();
      std::size_t n = 0;
      while (raw + n < end_ && raw[n] != '"' && raw[n] != '\\') ++n;
      if (raw + n >= end_ || raw[n] != '"') return false;
      const std::string_view key(raw, n);
      if (key != "default" && !valid_code(key)) return false;
      for (std::size_t k = 0; k < count; ++k) {
        if (out.keys[k] == key) return false;  // duplicate key
      }
      od_value item = field.value();
      const std::string_view token = item.raw_json_token();
      if (token[0] == 'n') return false;  // left to the DOM path, as there
      assign_text(out.keys[count], key);
      const bool right = place_path(out.items[count].path, out.path, key);
      if (!nested(item, token, *type.element, out.items[count], depth + 1, right)) return false;
      ++count;
    }
    return count == size;
  }

  // The pool of what containers of type `owner` gave up.
  // Room for item `i` of a list's or map's `items` (`i` at most their number): a value given up
  // earlier and kept for `type`'s items, or a new one. False past the list limit.
  bool room_for_item(std::vector<value>& items, std::size_t i, const schema_type& type) {
    if (i < items.size()) return true;
    if (i == limits_.max_list_items) return false;
    // Sought for each item: typing one may add pools, moving them.
    std::vector<value>& given_up = pool(type).values;
    if (given_up.empty()) {
      items.emplace_back();
    } else {
      items.push_back(std::move(given_up.back()));
      given_up.pop_back();
    }
    return true;
  }

  value_pool& pool(const schema_type& owner) {
    auto& m = memory_;
    constexpr std::size_t slots = std::tuple_size_v<decltype(m.pool_owner)>;
    std::size_t slot = (reinterpret_cast<std::uintptr_t>(&owner) >> 4) % slots;
    for (std::size_t probe = 0; probe < slots; ++probe, slot = (slot + 1) % slots) {
      if (m.pool_owner[slot] == &owner) return m.pools[m.pool_index[slot]];
      if (m.pool_owner[slot] == nullptr) {
        m.pool_owner[slot] = &owner;
        m.pool_index[slot] = static_cast<std::uint32_t>(m.pools.size());
        return new_pool(owner);
      }
    }
    // More container types than slots: sought the slow way.
    for (auto& p : m.pools) {
      if (p.owner == &owner) return p;
    }
    return new_pool(owner);
  }

  value_pool& new_pool(const schema_type& owner) {
    value_pool& p = memory_.pools.emplace_back();
    p.owner = &owner;
    return p;
  }

  // What `resize_items` returns when the items are another container's.
  static constexpr std::size_t exchanged = ~std::size_t{0};

  // Sets the number of `items` of a container of type `owner`, so that their memory outlives
  // one profile: by exchanging them for a list of the new length that a container of the type
  // gave up (`exchanged` is returned), or else by moving surplus values to its pool and taking
  // new ones from it (how many of the items there are now were there before is returned).
  [[gnu::always_inline]] std::size_t resize_items(std::vector<value>& items, std::size_t size,
                                                  const schema_type& owner) {
    if (items.size() == size) return size;  // nearly always, for records
    return change_items(items, size, owner);
  }

  // `resize_items` when the number changes.
  [[gnu::noinline]] std::size_t change_items(std::vector<value>& items, std::size_t size,
                                             const schema_type& owner) {
    const std::size_t before = items.size();
    value_pool& p = pool(owner);
    switch (exchange_items(items, size, p)) {
      case exchange::whole:
        return exchanged;
      case exchange::parked:
        return 0;  // the items are single values, each with a path of its own
      case exchange::none:
        break;
    }
    move_items(items, size, p.values);  // most values keep their shape
    return std::min(before, size);
  }

  enum class exchange : std::uint8_t { none, whole, parked };

  // Gives `items` `size` values by exchanging lists with the pool: for a list of that length it
  // gave up (`whole`), or else, when `items` can wait there for a container of their length,
  // for values taken one by one (`parked`); `none` when neither (the values are then moved one
  // by one). Lists change length from one profile to the next among a few lengths: once each
  // has been seen, a change is one exchange, where moving each value costs about as much as
  // typing it. The pool keeps a bounded number of lists, of bounded length.
  static exchange exchange_items(std::vector<value>& items, std::size_t size, value_pool& p) {
    constexpr std::size_t longest_list = 64;
    const std::size_t before = items.size();
    for (std::uint32_t i = 0; i < p.lists_held; ++i) {
      if (p.list_sizes[i] != size) continue;
      items.swap(p.lists[i]);
      if (before == 0) {  // nothing to keep: the place goes to the last list
        const std::uint32_t last = --p.lists_held;
        p.lists[i].swap(p.lists[last]);
        p.list_sizes[i] = p.list_sizes[last];
      } else {
        p.list_sizes[i] = static_cast<std::uint32_t>(before);
      }
      return exchange::whole;
    }
    if (before == 0 || before > longest_list || p.lists_held == value_pool::most_lists) {
      return exchange::none;
    }
    const std::uint32_t i = p.lists_held++;
    p.lists[i].swap(items);  // the place held an empty list
    p.list_sizes[i] = static_cast<std::uint32_t>(before);
    move_items(items, size, p.values);
    return exchange::parked;
  }

  // The last item goes first, so the first comes back first: an item returns to the index
  // (and so to the path) it had. A pool keeps at most `pool_capacity` values, so a hostile
  // file, giving each type in turn its longest list, costs bounded memory.
  static void move_items(std::vector<value>& items, std::size_t size, std::vector<value>& pool) {
    constexpr std::size_t pool_capacity = 1024;
    while (items.size() > size) {
      if (pool.size() < pool_capacity) pool.push_back(std::move(items.back()));
      items.pop_back();
    }
    while (items.size() < size) {
      if (pool.empty()) {
        items.emplace_back();
      } else {
        items.push_back(std::move(pool.back()));
        pool.pop_back();
      }
    }
  }

  // A container keeps its items (and their memory); its scalar members are cleared.
  static void set_container(value& out, value::kind k) {
    out.k = k;
    out.boolean = false;
    out.integer = 0;
    out.text.clear();
  }

  // An absent value keeps its path (missing facts name it) and nothing else. One that is absent
  // already holds nothing else: values become absent only here, or are new.
  void make_absent(value& v, const schema_type& type) {
    if (v.k == value::kind::absent) return;
    set_container(v, value::kind::absent);
    if (!v.items.empty()) resize_items(v.items, 0, type);
    v.keys.clear();
    v.where = {};
  }

  // Makes `path` the path of field `name` of `parent`; true when it was already.
  static bool place_path(std::string& path, const std::string& parent, std::string_view name) {
    const std::size_t p = parent.size();
    if (p == 0) {
      if (path.size() == name.size() && same_bytes(path.data(), name.data(), name.size())) {
        return true;
      }
      path.assign(name);
      return false;
    }
    if (path.size() == p + 1 + name.size() && path[p] == '.' &&
        same_bytes(path.data() + p + 1, name.data(), name.size()) &&
        same_bytes(path.data(), parent.data(), p)) {
      return true;
    }
    path.assign(parent);
    path += '.';
    path += name;
    return false;
  }

  // Whether `path` is the path of field `name` of `parent`.
  static bool is_field_path(const std::string& path, const std::string& parent,
                            std::string_view name) {
    const std::size_t p = parent.size();
    if (p == 0) return path.size() == name.size() && same_bytes(path.data(), name.data(), name.size());
    return path.size() == p + 1 + name.size() && path[p] == '.' &&
           same_bytes(path.data() + p + 1, name.data(), name.size()) &&
           same_bytes(path.data(), parent.data(), p);
  }

  // Whether `path` is the path of the first item of `parent`.
  static bool is_first_item_path(const std::string& path, const std::string& parent) {
    const std::size_t p = parent.size();
    return path.size() == p + 3 && path[p] == '[' && path[p + 1] == '0' && path[p + 2] == ']' &&
           same_bytes(path.data(), parent.data(), p);
  }

  // Makes `path` the path of item `index` of `parent`; true when it was already.
  static bool place_index(std::string& path, const std::string& parent, std::size_t index) {
    char suffix[24];
    std::size_t count = 1;
    suffix[0] = '[';
    if (index < 10) {
      suffix[count++] = static_cast<char>('0' + index);  // nearly every list is that short
    } else {
      count = static_cast<std::size_t>(std::to_chars(suffix + 1, suffix + 22, index).ptr - suffix);
    }
    suffix[count++] = ']';
    const std::size_t p = parent.size();
    if (path.size() == p + count && same_bytes(path.data() + p, suffix, count) &&
        same_bytes(path.data(), parent.data(), p)) {
      return true;
    }
    path.assign(parent);
    path.append(suffix, count);
    return false;
  }

  // Whether `code` is a valid market or place; two capital letters, and codes of four to eight
  // bytes met lately, are answered from memory.
  bool valid_code(std::string_view code) {
    const std::size_t n = code.size();
    if (n == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z') {
      std::uint8_t& known = memory_.two_letter[static_cast<std::size_t>(code[0] - 'A') * 26 +
                                               static_cast<std::size_t>(code[1] - 'A')];
      if (known == 0) known = schema_.jurisdictions.valid(code) ? 1 : 2;
      return known == 1;
    }
    if (n < 4 || n > 8) return schema_.jurisdictions.valid(code);
    // Its first four bytes and its last four (overlapping) hold every byte of the code, so with
    // its size they tell it from any other.
    std::uint32_t first, last;
    std::memcpy(&first, code.data(), sizeof first);
    std::memcpy(&last, code.data() + n - 4, sizeof last);
    const std::uint64_t bytes = first | (std::uint64_t{last} << 32);
    auto& known = memory_.longer_codes[((bytes ^ n) * 0x9E3779B97F4A7C15ull) >> 59];
    if (known.size == n && known.bytes == bytes) return known.valid;
    const bool valid = schema_.jurisdictions.valid(code);
    known = {bytes, static_cast<std::uint8_t>(n), valid};
    return valid;
  }

  // `date::parse(text)`'s days, answered from memory for a date met lately.
  std::optional<std::int32_t> date_of(std::string_view text) {
    if (text.size() != 10) {
      if (auto d = date::parse(text)) return d->days;
      return std::nullopt;
    }
    std::uint64_t head;
    std::uint16_t tail;
    std::memcpy(&head, text.data(), sizeof head);
    std::memcpy(&tail, text.data() + 8, sizeof tail);
    auto& known = memory_.dates[((head ^ tail) * 0x9E3779B97F4A7C15ull) >> 59];
    if (known.valid && known.head == head && known.tail == tail) return known.days;
    auto d = date::parse(text);
    if (!d) return std::nullopt;
    known = {head, tail, true, d->days};
    return d->days;
  }

  // `type.has_enum_value(text)`, comparing lengths first.
  static bool enum_value(const schema_type& type, std::string_view text) {
    for (const auto& v : type.enum_values) {
      if (same_name(v, text)) return true;
    }
    return false;
  }

  const schema& schema_;
  const profile_limits& limits_;
  std::uint32_t line_;
  fast_typer_memory& memory_;
  const char* end_;
};

}  // namespace

namespace {

// Forgets what `memory` knew of another schema, and works out where the root fields the checks
// below read sit in `s`. The dates stay: a date's days do not depend on the schema.
void start_afresh(const schema& s, fast_typer_memory& memory) {
  memory.two_letter.fill(0);
  memory.longer_codes.fill({});
  memory.pools.clear();  // keyed by the types of the other schema
  memory.pool_owner.fill(nullptr);
  auto index_in = [](const schema_type* record, int field, const char* name) {
    if (field < 0) return -1;
    const schema_type* t = record->fields[static_cast<std::size_t>(field)].type;
    return t->kind == type_kind::record ? t->field_index(name) : -1;
  };
  memory.deployment = s.root->field_index("deployment");
  memory.markets = index_in(s.root, memory.deployment, "markets");
  memory.version = s.root->field_index("profile");
  memory.product = s.root->field_index("product");
  memory.product_id = index_in(s.root, memory.product, "id");
}

}  // namespace

namespace {

// The checks both fast paths end with, on the typed profile, and its id: false when the full
// path must decide.
bool finish_profile(const fast_typer_memory& memory, profile& out) {
  // No market is an error the full path reports (`profile.no_markets`).
  if (memory.deployment < 0) return false;
  const value& d = out.root.items[static_cast<std::size_t>(memory.deployment)];
  if (!d.present()) return false;
  if (memory.markets < 0 || d.items[static_cast<std::size_t>(memory.markets)].items.empty()) {
    return false;
  }
  // Any version but the one this program reads is an error of the full path.
  if (memory.version >= 0) {
    const value& v = out.root.items[static_cast<std::size_t>(memory.version)];
    if (v.k == value::kind::integer && v.integer != profile_version) return false;
  }
  const std::string* id = nullptr;
  if (memory.product >= 0 && out.root.items[static_cast<std::size_t>(memory.product)].present()) {
    const value& p = out.root.items[static_cast<std::size_t>(memory.product)];
    if (memory.product_id >= 0) id = &p.items[static_cast<std::size_t>(memory.product_id)].text;
  }
  if (id != nullptr) {
    assign_text(out.id, *id);
  } else {
    out.id.clear();
  }
  return true;
}

// Forgets what `memory` knew of another schema (and `out`'s values, placed by its fields).
void know_schema(const schema& schema, fast_typer_memory& memory, profile& out) {
  if (!memory.schema.same(schema)) {
    start_afresh(schema, memory);
    // Its values' paths were placed by the other schema's fields, and would be trusted.
    out.root = value{};
  }
}

}  // namespace

bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out) {
  know_schema(schema, memory, out);
  fast_typer typer(schema, limits, line, memory);
  out.root.path.clear();
  if (!typer.typed(document, *schema.root, out.root, 0, true)) return false;
  return finish_profile(memory, out);
}

bool type_json_profile_ondemand(simdjson::ondemand::document& document, std::string_view json,
                                std::uint32_t line, const schema& schema,
                                const profile_limits& limits, fast_typer_memory& memory,
                                profile& out) {
  know_schema(schema, memory, out);
  fast_typer typer(schema, limits, line, memory, json.data() + json.size());
  out.root.path.clear();
  if (!typer.typed_root(document, *schema.root, out.root)) return false;
  // Only white space may follow the object: On-Demand stops where the object ends.
  if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) return false;
  return finish_profile(memory, out);
}

bool type_json_profile_text(std::string_view json, std::uint32_t line, const schema& schema,
                            const profile_limits& limits, fast_typer_memory& memory,
                            profile& out) {
  // The reader reads the byte after the line (json_plain_scan.hpp): a line break or a NUL.
  const char after = json.data()[json.size()];
  if (after != '\n' && after != '\0') return false;
  know_schema(schema, memory, out);
  fast_typer typer(schema, limits, line, memory, json.data() + json.size());
  out.root.path.clear();
  if (!typer.typed_text(json, *schema.root, out.root)) return false;
  return finish_profile(memory, out);
}

bool type_json_line_text(std::string_view json, std::uint32_t line, const schema& schema,
                         const profile_limits& limits, fast_typer_memory& memory, profile& out) {
  const simdjson::padded_string padded(json);
  return type_json_profile_text(std::string_view(padded.data(), padded.size()), line, schema,
                                limits, memory, out);
}

bool type_json_line_ondemand(std::string_view json, std::uint32_t line, const schema& schema,
                             const profile_limits& limits, fast_typer_memory& memory,
                             profile& out) {
  const simdjson::padded_string padded(json);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document document;
  if (parser.iterate(padded).get(document) != simdjson::SUCCESS) return false;
  return type_json_profile_ondemand(document, std::string_view(padded.data(), padded.size()), line,
                                    schema, limits, memory, out);
}

}  // namespace lexgate::detail
