// JSON profiles typed straight from simdjson's DOM into a reused profile (see the header for when
// this path gives up and the full path decides).
#include "io/json_fast_typer.hpp"
#include "source/text_check.hpp"

#include <cstring>
#include <string_view>

#include "lexgate/date.hpp"

namespace lexgate::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Whether the `n` bytes at `a` and `b` are the same, compared inline a word at a time: names and
// enum values are short, and a call to memcmp cost more than the comparison.
bool same_bytes(const char* a, const char* b, std::size_t n) {
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  auto half = [](const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (word(a + i) != word(b + i)) return false;
    }
    return word(a + n - 8) == word(b + n - 8);  // the last eight, overlapping
  }
  if (n >= 4) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Whether `name` is `key`: lengths first, as most fields a key is tried against differ in it.
bool same_name(const std::string& name, std::string_view key) {
  return name.size() == key.size() && same_bytes(name.data(), key.data(), key.size());
}

// Whether every byte of `text` is printable ASCII (0x20 to 0x7E), eight at a time: then
// `unprintable_at` has nothing to find, and nearly every string of a profile is such text.
bool printable_ascii(std::string_view text) {
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, sizeof w);
    // A byte of 0x80 or more, one below 0x20, or DEL (0x7F, the one byte that adding 1 to
    // carries into the high bit). Borrows and carries only spread from a byte that matches.
    if (((w | (w - ones * 0x20) | (w + ones)) & highs) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7F) return false;
  }
  return true;
}

// Values reused from one profile to the next keep their paths: a value typed at path P again
// (`paths_kept`) has the same path, and so do its children that were there before. Only new
// values get their paths written, which spares a string copy for nearly every value.
class fast_typer {
 public:
  fast_typer(const schema& s, const profile_limits& limits, std::uint32_t line,
             fast_typer_memory& memory)
      : schema_(s), limits_(limits), line_(line), spare_(memory.spare), memory_(memory) {
    if (memory.codes != &s.jurisdictions) {
      memory.two_letter.fill(0);
      memory.codes = &s.jurisdictions;
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
    const bool kept = resize_items(out.items, fields) == fields && paths_kept;
    if (!kept) {
      for (std::size_t i = 0; i < fields; ++i) {
        set_path(out.items[i].path, out.path, type.fields[i].name);
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
        make_absent(v);
        continue;
      }
      if (!typed(field.value, *type.fields[index].type, v, depth + 1, kept)) return false;
      if (type.fields[index].required && v.k == value::kind::string && v.text.empty()) {
        return false;  // the full path reports an empty required key
      }
    }
    for (std::size_t i = 0; i < fields; ++i) {
      if ((given & (std::uint64_t{1} << i)) != 0) continue;
      if (type.fields[i].required || owes_required(*type.fields[i].type)) return false;
      make_absent(out.items[i]);
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
    const std::size_t before = resize_items(out.items, size);
    const std::size_t kept = paths_kept ? before : 0;
    std::size_t i = 0;
    for (element item : array) {
      if (item.type() == element_type::NULL_VALUE) return false;  // an empty list item
      value& v = out.items[i];
      if (i >= kept) {
        v.path.assign(out.path);
        v.path += '[';
        append_number(v.path, i);
        v.path += ']';
      }
      if (!typed(item, *type.element, v, depth + 1, i < kept)) return false;
      ++i;
    }
    return true;
  }

  bool map(element e, const schema_type& type, value& out, std::uint32_t depth) {
    if (e.type() != element_type::OBJECT) return false;
    const simdjson::dom::object object = e.get_object().value_unsafe();
    set_container(out, value::kind::map);
    resize_items(out.items, object.size());
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
      out.keys[count].assign(field.key);
      set_path(out.items[count].path, out.path, field.key);
      // Keys differ from one profile to the next: paths below are written afresh.
      if (!typed(field.value, *type.element, out.items[count], depth + 1, false)) return false;
      ++count;
    }
    return true;
  }

  bool scalar(element e, const schema_type& type, value& out) {
    clear_contents(out);
    switch (type.kind) {
      case type_kind::boolean:
        // JSON's true and false only: a string "true" is a type error in the full path.
        if (e.type() != element_type::BOOL) return false;
        out.k = value::kind::boolean;
        out.boolean = e.get_bool().value_unsafe();
        return true;
      case type_kind::integer:
        // Only what is an integer as written; the full path decides doubles such as `1.0`.
        if (e.type() != element_type::INT64) return false;
        out.k = value::kind::integer;
        out.integer = e.get_int64().value_unsafe();
        return true;
      default:
        break;
    }
    // Every other scalar type is written as a JSON string here; a number or a boolean where a
    // string is expected is left to the full path, which converts or rejects it.
    if (e.type() != element_type::STRING) return false;
    const std::string_view text = e.get_string().value_unsafe();
    if (!printable_ascii(text) && unprintable_at(text, false)) return false;  // reported there
    if (text.size() > limits_.max_string_bytes) return false;
    switch (type.kind) {
      case type_kind::date:
        if (auto d = date::parse(text)) {
          out.k = value::kind::date;
          out.integer = d->days;
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
    out.k = value::kind::string;
    out.text.assign(text);
    return true;
  }

  // Sets the number of `items`, moving surplus values to the spare pool and taking new ones from
  // it, so their memory outlives one profile. Returns how many were there before.
  std::size_t resize_items(std::vector<value>& items, std::size_t size) {
    const std::size_t before = items.size();
    if (before != size) move_items(items, size);  // most values keep their shape
    return std::min(before, size);
  }

  void move_items(std::vector<value>& items, std::size_t size) {
    while (items.size() > size) {
      spare_.push_back(std::move(items.back()));
      items.pop_back();
    }
    while (items.size() < size) {
      if (spare_.empty()) {
        items.emplace_back();
      } else {
        items.push_back(std::move(spare_.back()));
        spare_.pop_back();
      }
    }
  }

  void release_items(value& v) {
    if (!v.items.empty()) move_items(v.items, 0);
  }

  // The members only scalars use, as a new value has them.
  static void clear_scalar(value& v) {
    v.boolean = false;
    v.integer = 0;
    v.text.clear();
  }

  // Everything a value holds besides its kind, path and position.
  void clear_contents(value& v) {
    clear_scalar(v);
    release_items(v);
    v.keys.clear();
  }

  // A container keeps its items (and their memory); its scalar members are cleared.
  static void set_container(value& out, value::kind k) {
    out.k = k;
    clear_scalar(out);
  }

  // An absent value keeps its path (missing facts name it) and nothing else. One that is absent
  // already holds nothing else: values become absent only here, or are new.
  void make_absent(value& v) {
    if (v.k == value::kind::absent) return;
    v.k = value::kind::absent;
    clear_contents(v);
    v.where = {};
  }

  static void set_path(std::string& path, const std::string& parent, std::string_view name) {
    path.assign(parent);
    if (!parent.empty()) path += '.';
    path += name;
  }

  static void append_number(std::string& out, std::size_t n) {
    char digits[20];
    std::size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    while (count != 0) out += digits[--count];
  }

  // Whether `code` is a valid market or place; two capital letters are answered from memory.
  bool valid_code(std::string_view code) {
    if (code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z') {
      std::uint8_t& known = memory_.two_letter[static_cast<std::size_t>(code[0] - 'A') * 26 +
                                               static_cast<std::size_t>(code[1] - 'A')];
      if (known == 0) known = schema_.jurisdictions.valid(code) ? 1 : 2;
      return known == 1;
    }
    return schema_.jurisdictions.valid(code);
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
  std::vector<value>& spare_;
  fast_typer_memory& memory_;
};

}  // namespace

bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out) {
  fast_typer typer(schema, limits, line, memory);
  out.root.path.clear();
  if (!typer.typed(document, *schema.root, out.root, 0, true)) return false;
  // No market is an error the full path reports (`profile.no_markets`).
  const int deployment = schema.root->field_index("deployment");
  if (deployment < 0) return false;
  const value& d = out.root.items[static_cast<std::size_t>(deployment)];
  if (!d.present()) return false;
  const int markets =
      schema.root->fields[static_cast<std::size_t>(deployment)].type->field_index("markets");
  if (markets < 0 || d.items[static_cast<std::size_t>(markets)].items.empty()) return false;
  // Any version but the one this program reads is an error of the full path.
  const int version = schema.root->field_index("profile");
  if (version >= 0) {
    const value& v = out.root.items[static_cast<std::size_t>(version)];
    if (v.k == value::kind::integer && v.integer != profile_version) return false;
  }
  out.id.clear();
  const int product = schema.root->field_index("product");
  if (product >= 0 && out.root.items[static_cast<std::size_t>(product)].present()) {
    const value& p = out.root.items[static_cast<std::size_t>(product)];
    const int id = schema.root->fields[static_cast<std::size_t>(product)].type->field_index("id");
    if (id >= 0) out.id = p.items[static_cast<std::size_t>(id)].text;
  }
  return true;
}

}  // namespace lexgate::detail
