// JSON profiles typed straight from simdjson's DOM into a reused profile (see the header for when
// this path gives up and the full path decides).
#include "io/json_fast_typer.hpp"
#include "io/short_text.hpp"
#include "source/text_check.hpp"

#include <bit>
#include <charconv>
#include <cstring>
#include <optional>
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

// Values reused from one profile to the next keep their paths: a value typed at path P again
// (`paths_kept`) has the same path, and so do its children that were there before. A value
// taken from a pool has its path compared, and written only when it differs; its children are
// trusted when it was right, since every value's children were given paths below its own. Only
// values in a new place get their paths written, which spares a string copy for nearly every
// value.
class fast_typer {
 public:
  fast_typer(const schema& s, const profile_limits& limits, std::uint32_t line,
             fast_typer_memory& memory)
      : schema_(s), limits_(limits), line_(line), memory_(memory) {
    if (memory.codes != &s.jurisdictions) {
      memory.two_letter.fill(0);
      memory.longer_codes.fill({});
      memory.codes = &s.jurisdictions;
      memory.pools.clear();  // keyed by the types of another schema
      memory.pool_owner.fill(nullptr);
    }
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
    set_container(out, value::kind::record);
    out.keys.clear();
    // Bit i: the paths below field i are right (see the class comment).
    const std::uint64_t all = fields == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << fields) - 1;
    std::uint64_t right = all;
    if (resize_items(out.items, fields, type) != fields || !paths_kept) {
      for (std::size_t i = 0; i < fields; ++i) {
        if (!place_path(out.items[i].path, out.path, type.fields[i].name)) {
          right &= ~(std::uint64_t{1} << i);
        }
      }
    }
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
    set_container(out, value::kind::list);
    out.keys.clear();
    const std::size_t before = resize_items(out.items, size, type);
    const std::size_t kept = paths_kept ? before : 0;
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
  void clear_container(value& out, const schema_type& type) {
    if (!out.items.empty()) move_items(out.items, 0, pool(type));
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

  // The pool of values that containers of type `owner` gave up.
  std::vector<value>& pool(const schema_type& owner) {
    auto& m = memory_;
    constexpr std::size_t slots = std::tuple_size_v<decltype(m.pool_owner)>;
    std::size_t slot = (reinterpret_cast<std::uintptr_t>(&owner) >> 4) % slots;
    for (std::size_t probe = 0; probe < slots; ++probe, slot = (slot + 1) % slots) {
      if (m.pool_owner[slot] == &owner) return m.pools[m.pool_index[slot]].values;
      if (m.pool_owner[slot] == nullptr) {
        m.pool_owner[slot] = &owner;
        m.pool_index[slot] = static_cast<std::uint32_t>(m.pools.size());
        return m.pools.emplace_back(value_pool{&owner, {}}).values;
      }
    }
    // More container types than slots: sought the slow way.
    for (auto& p : m.pools) {
      if (p.owner == &owner) return p.values;
    }
    return m.pools.emplace_back(value_pool{&owner, {}}).values;
  }

  // Sets the number of `items` of a container of type `owner`, moving surplus values to its
  // pool and taking new ones from it, so their memory outlives one profile. Returns how many
  // were there before.
  std::size_t resize_items(std::vector<value>& items, std::size_t size, const schema_type& owner) {
    const std::size_t before = items.size();
    if (before != size) move_items(items, size, pool(owner));  // most values keep their shape
    return std::min(before, size);
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
    if (!v.items.empty()) move_items(v.items, 0, pool(type));
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
};

}  // namespace

namespace {

// Where the root fields the checks below read sit in `s`, worked out once per schema.
void learn_layout(const schema& s, fast_typer_memory& memory) {
  if (memory.layout_of == &s) return;
  memory.layout_of = &s;
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

bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out) {
  fast_typer typer(schema, limits, line, memory);
  out.root.path.clear();
  if (!typer.typed(document, *schema.root, out.root, 0, true)) return false;
  learn_layout(schema, memory);
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

}  // namespace lexgate::detail
