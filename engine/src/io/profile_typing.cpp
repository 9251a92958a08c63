// Typing a YAML tree against the profile schema into values with positions (layer: profile).
#include <algorithm>
#include <charconv>

#include "io/name_resolution.hpp"
#include "io/profile_reader.hpp"
#include "io/yaml_events.hpp"
#include "source/text_check.hpp"
#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"

namespace lexgate {

namespace detail {

// The JSON pointer of the node numbered `ordinal` (JSON trees number their nodes in pre-order,
// keys included, in `offset`), appended to `out`. Only errors need it, so it searches.
bool find_pointer(const yaml_node& n, std::uint32_t ordinal, std::string& out) {
  if (n.offset == ordinal) return true;
  const std::size_t mark = out.size();
  if (n.k == yaml_node::kind::mapping) {
    for (std::size_t i = 0; i < n.size(); ++i) {
      out += '/';
      for (char c : n.key(i).text) {
        if (c == '~') {
          out += "~0";
        } else if (c == '/') {
          out += "~1";
        } else {
          out += c;
        }
      }
      if (n.key(i).offset == ordinal || find_pointer(n.value(i), ordinal, out)) return true;
      out.resize(mark);
    }
  } else if (n.k == yaml_node::kind::sequence) {
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      out += '/' + std::to_string(i);
      if (find_pointer(n.items[i], ordinal, out)) return true;
      out.resize(mark);
    }
  }
  return false;
}

namespace {

const char* kind_word(yaml_node::kind k) {
  switch (k) {
    case yaml_node::kind::null:
      return "nothing";
    case yaml_node::kind::scalar:
      return "a single value";
    case yaml_node::kind::sequence:
      return "a list";
    case yaml_node::kind::mapping:
      return "a mapping";
  }
  return "?";
}

class typer {
 public:
  typer(const schema& s, const source_file& file, diagnostic_bag& bag,
        const json_origin* json = nullptr)
      : schema_(s), file_(file), bag_(bag), json_(json) {}

  // Paths are taken by value and moved into the value they name: the typer builds one string
  // per value and copies none.
  value record(const yaml_node& n, const schema_type& type, std::string path_in) {
    value out;
    out.k = value::kind::record;
    out.path = std::move(path_in);
    const std::string& path = out.path;
    out.where = where(n);
    out.items.resize(type.fields.size());
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
      out.items[i].path = join(path, type.fields[i].name);
    }
    if (n.k != yaml_node::kind::mapping) {
      mismatch(n, type.name == "profile" ? "a mapping of profile keys"
                                         : "a mapping (`" + type.name + "`)");
      return out;
    }
    // Keys that were written, even if wrongly: a bad or misspelt key is one error, not two.
    std::vector<bool> given(type.fields.size(), false);
    std::vector<bool> stated(type.fields.size(), false);  // given a value other than null
    for (std::size_t i = 0; i < n.size(); ++i) {
      const yaml_node& key = n.key(i);
      if (key.k != yaml_node::kind::scalar) {
        error("profile.type", "a key must be a plain word", key);
        continue;
      }
      const int index = type.field_index(key.text);
      if (index < 0) {
        if (auto meant = unknown_key(key, type, path)) {
          given[type.field_index(*meant)] = true;
        }
        continue;
      }
      given[index] = true;
      const schema_field& field = type.fields[index];
      const yaml_node& v = n.value(i);
      if (v.k == yaml_node::kind::null) {
        // Stated as null: a missing fact, which a required key may not be.
        if (field.required) {
          error("profile.required", "required key `" + field.name + "` has no value", key);
        }
        continue;
      }
      stated[index] = true;
      out.items[index] = typed(v, *field.type, std::move(out.items[index].path));
      if (path == "deployment" && field.name == "markets" && out.items[index].present() &&
          out.items[index].items.empty()) {
        no_markets(v);
      }
      // An empty string states nothing: a required key so written has no value.
      if (field.required && out.items[index].k == value::kind::string &&
          out.items[index].text.empty()) {
        error("profile.required", "required key `" + field.name + "` is empty", v);
      }
    }
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
      if (type.fields[i].required && !given[i]) {
        error("profile.required",
              "missing required key `" + type.fields[i].name + "`" +
                  (path.empty() ? std::string() : " in `" + path + "`"),
              n);
      } else if (!stated[i] && !type.fields[i].required) {
        // An optional section left out (or null) still owes its required keys: `deployment: ~`
        // must not drop `deployment.markets` and pass.
        std::vector<std::string> owed;
        required_below(*type.fields[i].type, join(path, type.fields[i].name), owed);
        for (const auto& key : owed) {
          error("profile.required", "missing required key `" + key + "`", n,
                "a required key is required even when its section is left out");
        }
      }
    }
    if (path.empty()) check_version(n, type, out);
    return out;
  }

 private:
  // A profile with no market would be judged against nothing and come out clear: an error.
  // (A profile without `deployment` at all owes `deployment.markets`, a required key.)
  void no_markets(const yaml_node& at) {
    error("profile.no_markets", "the profile names no market, so nothing would be checked", at,
          "list where the product ships in `deployment.markets`, as ISO 3166 codes such as "
          "`DE`, `JP` or `US-CA`");
  }

  // The paths of the required keys in a record type that is absent as a whole.
  static void required_below(const schema_type& type, const std::string& path,
                             std::vector<std::string>& out) {
    if (type.kind != type_kind::record) return;
    for (const auto& f : type.fields) {
      if (f.required) {
        out.push_back(join(path, f.name));
      } else {
        required_below(*f.type, join(path, f.name), out);
      }
    }
  }

  // `profile:` is the version of the profile format; only version 1 exists.
  void check_version(const yaml_node& n, const schema_type& type, const value& out) {
    const int index = type.field_index("profile");
    if (index < 0 || n.k != yaml_node::kind::mapping) return;
    const value& v = out.items[static_cast<std::size_t>(index)];
    if (v.k != value::kind::integer || v.integer == profile_version) return;
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (n.key(i).text == "profile") {
        error("profile.version", "unknown profile version `" + n.value(i).text + "`", n.value(i),
              "this lexgate reads `profile: 1`");
        return;
      }
    }
  }

  static std::string join(const std::string& path, std::string_view name) {
    std::string out;
    out.reserve(path.size() + 1 + name.size());
    out += path;
    if (!path.empty()) out += '.';
    out += name;
    return out;
  }

  value typed(const yaml_node& n, const schema_type& type, std::string path_in) {
    if (type.kind == type_kind::record) return record(n, type, std::move(path_in));
    value out;
    out.path = std::move(path_in);
    const std::string& path = out.path;
    out.where = where(n);
    switch (type.kind) {
      case type_kind::list: {
        if (n.k != yaml_node::kind::sequence) return mismatch(n, "a `" + type.name + "`");
        out.k = value::kind::list;
        out.items.reserve(n.items.size());
        for (std::size_t i = 0; i < n.items.size(); ++i) {
          const yaml_node& item = n.items[i];
          std::string item_path;
          item_path.reserve(path.size() + 8);
          item_path += path;
          item_path += '[';
          item_path += std::to_string(i);
          item_path += ']';
          if (item.k == yaml_node::kind::null) {
            error("profile.type", "a list item must not be empty", item);
            continue;
          }
          out.items.push_back(typed(item, *type.element, std::move(item_path)));
        }
        return out;
      }
      case type_kind::map: {
        if (n.k != yaml_node::kind::mapping) return mismatch(n, "a `" + type.name + "`");
        out.k = value::kind::map;
        for (std::size_t i = 0; i < n.size(); ++i) {
          const yaml_node& key = n.key(i);
          if (key.k != yaml_node::kind::scalar ||
              (key.text != "default" && !schema_.jurisdictions.valid(key.text))) {
            unknown_code(key, key.text, "a map key is `default` or a jurisdiction code");
            continue;
          }
          if (n.value(i).k == yaml_node::kind::null) continue;
          out.keys.push_back(key.text);
          out.items.push_back(typed(n.value(i), *type.element, join(path, key.text)));
        }
        return out;
      }
      default:
        break;
    }
    if (n.k != yaml_node::kind::scalar) return mismatch(n, "a `" + type.name + "`");
    const std::string& t = n.text;
    switch (type.kind) {
      case type_kind::boolean:
        if (n.plain && (t == "true" || t == "True" || t == "TRUE")) {
          out.k = value::kind::boolean;
          out.boolean = true;
        } else if (n.plain && (t == "false" || t == "False" || t == "FALSE")) {
          out.k = value::kind::boolean;
        } else {
          error("profile.type", "`" + t + "` is not a boolean", n, "write `true` or `false`");
        }
        break;
      case type_kind::integer: {
        std::int64_t i = 0;
        auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
        if (!n.plain || ec != std::errc() || end != t.data() + t.size()) {
          error("profile.type", "`" + t + "` is not a whole number", n);
        } else {
          out.k = value::kind::integer;
          out.integer = i;
        }
        break;
      }
      case type_kind::date:
        if (auto d = date::parse(t)) {
          out.k = value::kind::date;
          out.integer = d->days;
        } else {
          error("profile.type", "`" + t + "` is not a valid date", n,
                "a date is YYYY-MM-DD and names a day that exists");
        }
        break;
      case type_kind::jurisdiction:
        if (schema_.jurisdictions.valid(t)) {
          out.k = value::kind::string;
          out.text = t;
        } else {
          unknown_code(n, t, "jurisdictions are ISO 3166 codes such as `CN`, `IT` or `US-TX`");
        }
        break;
      case type_kind::enumeration:
        if (type.has_enum_value(t)) {
          out.k = value::kind::string;
          out.text = t;
        } else {
          auto near = nearest_name(t, type.enum_values);
          std::string all;
          for (const auto& v : type.enum_values) all += (all.empty() ? "" : ", ") + v;
          error("profile.enum", "`" + t + "` is not a valid `" + type.name + "`", n,
                near ? "did you mean `" + *near + "`?" : "the values are: " + all);
        }
        break;
      case type_kind::string:
        if (detail::unprintable_at(t, false)) {
          // Reports, annotations and logs quote profile strings: ESC, CR, NEL, U+2028 or an
          // encoded surrogate (`"\ud800"`) would forge or break them.
          error("profile.control_character",
                "this string holds a control character, a line separator or an encoded "
                "surrogate",
                n, "write plain text on one line");
          break;
        }
        out.k = value::kind::string;
        out.text = t;
        break;
      default:
        break;
    }
    return out;
  }

  value mismatch(const yaml_node& n, const std::string& expected) {
    error("profile.type", "expected " + expected + ", found " + kind_word(n.k), n);
    return value{};
  }

  // Reports the key; returns the field it probably meant.
  std::optional<std::string> unknown_key(const yaml_node& key, const schema_type& type,
                                         const std::string& path) {
    std::vector<std::string> names;
    for (const auto& f : type.fields) names.push_back(f.name);
    auto near = nearest_name(key.text, names);
    std::string all;
    for (const auto& f : names) all += (all.empty() ? "`" : ", `") + f + "`";
    error("profile.unknown_key",
          "unknown key `" + key.text + "`" + (path.empty() ? "" : " in `" + path + "`"), key,
          near ? "did you mean `" + *near + "`?" : "the keys here are " + all);
    return near;
  }

  void unknown_code(const yaml_node& n, const std::string& code, const std::string& fallback) {
    error("profile.jurisdiction", "`" + code + "` is not a known jurisdiction", n,
          schema_.jurisdictions.hint_for(code).value_or(fallback));
  }

  location where(const yaml_node& n) const {
    return json_ != nullptr ? location{json_->line, 0} : file_.locate(n.offset);
  }

  void error(const char* code, std::string message, const yaml_node& at, std::string help = {}) {
    if (json_ != nullptr) {
      diagnostic d;
      d.code = code;
      d.message = std::move(message);
      d.help = std::move(help);
      d.file = file_.name();
      d.where = d.end = {json_->line, 0};
      find_pointer(*json_->root, at.offset, d.pointer);
      if (d.pointer.empty()) d.pointer = "/";  // the document itself
      bag_.add(std::move(d));
      return;
    }
    const std::uint32_t length =
        at.k == yaml_node::kind::scalar ? std::max<std::uint32_t>(1, at.text.size()) : 1;
    bag_.report(diagnostic_severity::error, code, std::move(message), &file_,
                {at.offset, at.offset + length}, std::move(help));
  }

  const schema& schema_;
  const source_file& file_;
  diagnostic_bag& bag_;
  const json_origin* json_;
};

}  // namespace

std::optional<profile> profile_from_node(const yaml_node& root, const source_ptr& source,
                                         const schema& schema, diagnostic_bag& bag,
                                         const json_origin* json) {
  const std::size_t errors_before = bag.error_count();
  typer t(schema, *source, bag, json);
  profile out;
  out.source = source;
  out.root = t.record(root, *schema.root, "");
  if (bag.error_count() != errors_before) return std::nullopt;
  const int product = schema.root->field_index("product");
  if (product >= 0 && out.root.items[product].present()) {
    const int id = schema.root->fields[product].type->field_index("id");
    if (id >= 0) out.id = out.root.items[product].items[id].text;
  }
  if (!resolve_names(out, schema, bag, json != nullptr)) return std::nullopt;
  return out;
}

}  // namespace detail

std::optional<profile> load_profile(const source_ptr& source, const schema& schema,
                                    diagnostic_bag& bag, const profile_limits& limits) {
  auto tree = detail::parse_yaml(*source, bag, limits);
  if (!tree) return std::nullopt;
  return detail::profile_from_node(*tree, source, schema, bag);
}

std::string render_value(const value& v) {
  std::string out;
  render_value(v, out);
  return out;
}

void render_value(const value& v, std::string& out) {
  switch (v.k) {
    case value::kind::absent:
      out += "missing";
      return;
    case value::kind::boolean:
      out += v.boolean ? "true" : "false";
      return;
    case value::kind::integer: {
      char digits[24];
      auto [end, ec] = std::to_chars(digits, digits + sizeof digits, v.integer);
      out.append(digits, ec == std::errc() ? end : digits);
      return;
    }
    case value::kind::date:
      out += date{static_cast<std::int32_t>(v.integer)}.to_string();
      return;
    case value::kind::string:
      out += '"';
      out += v.text;
      out += '"';
      return;
    case value::kind::list:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i != 0) out += ", ";
        render_value(v.items[i], out);
      }
      out += ']';
      return;
    case value::kind::map:
      out += '{';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i != 0) out += ", ";
        out += v.keys[i];
        out += ": ";
        render_value(v.items[i], out);
      }
      out += '}';
      return;
    case value::kind::record:
      out += "{…}";
      return;
  }
  out += '?';
}

}  // namespace lexgate
