// Profile loading: a YAML tree typed against the schema into values with paths and positions,
// and the short rendering of values used in evidence (layer: profile).
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "io/yaml_tree.hpp"
#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"

namespace lexgate {

namespace {

// `value` cannot say whether a string came from an enumeration or the jurisdiction table, and
// render_value must print those bare (`self-hosted`, `CN`) but free text quoted. A typed symbol
// therefore sets the `boolean` flag, which a string value does not otherwise use.
void mark_symbol(value& v) {
  v.boolean = true;
}
bool is_symbol(const value& v) {
  return v.k == value::kind::string && v.boolean;
}

}  // namespace

namespace detail {

namespace {

// Types are named in the rule language's words, so a message reads like the schema.
std::string type_words(const schema_type& t) {
  switch (t.kind) {
    case type_kind::boolean:
      return "boolean";
    case type_kind::integer:
      return "integer";
    case type_kind::string:
      return "string";
    case type_kind::date:
      return "date";
    case type_kind::jurisdiction:
      return "jurisdiction";
    case type_kind::enumeration:
      return t.name.empty() ? "enumeration" : t.name;
    case type_kind::list:
      return "list of " + (t.element ? type_words(*t.element) : std::string("?"));
    case type_kind::map:
      return "map of " + (t.element ? type_words(*t.element) : std::string("?"));
    case type_kind::record:
      return "record";
  }
  return "?";
}

std::string with_article(const std::string& words) {
  const bool vowel = !words.empty() && std::string_view("aeiou").find(words[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + words;
}

const char* found_words(yaml_node::kind k) {
  switch (k) {
    case yaml_node::kind::null:
      return "nothing";
    case yaml_node::kind::scalar:
      return "a scalar";
    case yaml_node::kind::sequence:
      return "a list";
    case yaml_node::kind::mapping:
      return "a mapping";
  }
  return "?";
}

std::string quoted_list(const std::vector<std::string>& words, std::size_t most = 20) {
  std::string out;
  for (std::size_t i = 0; i < words.size() && i < most; ++i) {
    out += (i ? ", `" : "`") + words[i] + "`";
  }
  if (words.size() > most) out += ", ...";
  return out;
}

std::string join(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string in_path(const std::string& path) {
  return path.empty() ? std::string() : " in `" + path + "`";
}

bool is_true_word(const std::string& t) {
  return t == "true" || t == "True" || t == "TRUE";
}
bool is_false_word(const std::string& t) {
  return t == "false" || t == "False" || t == "FALSE";
}

std::optional<std::int64_t> parse_integer(const std::string& t, bool& overflow) {
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  overflow = ec == std::errc::result_out_of_range;
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return out;
}

class typer {
 public:
  typer(const schema& s, const source_file& file, diagnostic_bag& bag)
      : schema_(s), file_(file), bag_(bag) {}

  bool failed() const { return failed_; }

  value root(const yaml_node& n) {
    if (!n.is_mapping()) {
      error("profile.type", "expected a mapping of profile keys, found " +
                                std::string(found_words(n.k)),
            n, "a profile starts with `profile: 1`");
      value out;
      return out;
    }
    return typed(n, *schema_.root, "");
  }

 private:
  value typed(const yaml_node& n, const schema_type& t, const std::string& path) {
    switch (t.kind) {
      case type_kind::record:
        return record(n, t, path);
      case type_kind::list:
        return list(n, t, path);
      case type_kind::map:
        return map(n, t, path);
      default:
        return scalar(n, t, path);
    }
  }

  value start(const yaml_node& n, value::kind k, const std::string& path) const {
    value out;
    out.k = k;
    out.path = path;
    out.where = file_.locate(n.offset);
    return out;
  }

  value record(const yaml_node& n, const schema_type& t, const std::string& path) {
    if (!n.is_mapping()) return mismatch(n, t, path);
    value out = start(n, value::kind::record, path);
    out.items.resize(t.fields.size());
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
      out.items[i].path = join(path, t.fields[i].name);
    }
    // A key that was written, even misspelt, is not reported missing as well.
    std::vector<bool> given(t.fields.size(), false);
    for (std::size_t i = 0; i < n.size() && !bag_.full(); ++i) {
      const yaml_node& key = n.key(i);
      if (!key.is_scalar()) {
        error("profile.type", "expected a key name, found " + std::string(found_words(key.k)),
              key);
        continue;
      }
      const int index = t.field_index(key.text);
      if (index < 0) {
        if (auto meant = unknown_key(key, t, path)) given[t.field_index(*meant)] = true;
        continue;
      }
      if (given[index]) continue;  // a duplicate key, reported by the YAML reader
      given[index] = true;
      const schema_field& field = t.fields[index];
      const yaml_node& v = n.value(i);
      if (v.is_null()) {
        // An explicit null states that the fact is unknown: absent, like an omitted key.
        if (field.required) {
          error("profile.required",
                "required key `" + field.name + "`" + in_path(path) + " has no value", key);
        }
        continue;
      }
      out.items[index] = typed(v, *field.type, out.items[index].path);
    }
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
      if (t.fields[i].required && !given[i]) {
        error("profile.required", "missing required key `" + t.fields[i].name + "`" + in_path(path),
              n);
      }
    }
    return out;
  }

  value list(const yaml_node& n, const schema_type& t, const std::string& path) {
    if (!n.is_sequence()) return mismatch(n, t, path);
    value out = start(n, value::kind::list, path);
    out.items.reserve(n.items.size());
    for (std::size_t i = 0; i < n.items.size() && !bag_.full(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      const yaml_node& item = n.items[i];
      if (item.is_null()) {
        mismatch(item, *t.element, item_path);
        out.items.emplace_back().path = item_path;
        continue;
      }
      out.items.push_back(typed(item, *t.element, item_path));
    }
    return out;
  }

  value map(const yaml_node& n, const schema_type& t, const std::string& path) {
    if (!n.is_mapping()) return mismatch(n, t, path);
    value out = start(n, value::kind::map, path);
    for (std::size_t i = 0; i < n.size() && !bag_.full(); ++i) {
      const yaml_node& key = n.key(i);
      if (!key.is_scalar()) {
        error("profile.type",
              "expected a jurisdiction code or `default` as key, found " +
                  std::string(found_words(key.k)),
              key);
        continue;
      }
      if (key.text != "default" && !schema_.jurisdictions.known(key.text)) {
        std::vector<std::string> codes = schema_.jurisdictions.codes();
        codes.push_back("default");
        unknown_code(key, codes,
                     "a key of `" + path + "` is `default` or a declared jurisdiction code");
        continue;
      }
      const std::string entry_path = path + "." + key.text;
      out.keys.push_back(key.text);
      // A null entry is kept as absent, so it reads as a missing fact rather than falling back
      // to `default`.
      if (n.value(i).is_null()) {
        out.items.emplace_back().path = entry_path;
        continue;
      }
      out.items.push_back(typed(n.value(i), *t.element, entry_path));
    }
    return out;
  }

  value scalar(const yaml_node& n, const schema_type& t, const std::string& path) {
    if (!n.is_scalar()) return mismatch(n, t, path);
    const std::string& text = n.text;
    value out = start(n, value::kind::string, path);
    switch (t.kind) {
      case type_kind::boolean:
        if (n.plain && (is_true_word(text) || is_false_word(text))) {
          out.k = value::kind::boolean;
          out.boolean = is_true_word(text);
          return out;
        }
        if (is_true_word(text) || is_false_word(text)) {
          return quoted(n, t, path);
        }
        error("profile.type", "`" + text + "` is not a boolean", n, "write `true` or `false`");
        return absent(path);
      case type_kind::integer: {
        bool overflow = false;
        const auto number = parse_integer(text, overflow);
        if (number && n.plain) {
          out.k = value::kind::integer;
          out.integer = *number;
          return out;
        }
        if (number) return quoted(n, t, path);
        if (overflow) {
          error("profile.type", "`" + text + "` does not fit in a 64-bit integer", n);
        } else {
          error("profile.type", "`" + text + "` is not an integer", n,
                "write a whole number in decimal, such as `30`");
        }
        return absent(path);
      }
      case type_kind::date:
        if (auto d = date::parse(text)) {
          out.k = value::kind::date;
          out.integer = d->days;
          return out;
        }
        error("profile.type", "`" + text + "` is not a valid date", n,
              "write a day that exists, as YYYY-MM-DD");
        return absent(path);
      case type_kind::string:
        out.text = text;
        return out;
      case type_kind::jurisdiction:
        if (schema_.jurisdictions.known(text)) {
          out.text = text;
          mark_symbol(out);
          return out;
        }
        unknown_code(n, schema_.jurisdictions.codes(),
                     "the declared jurisdictions are " +
                         quoted_list(schema_.jurisdictions.codes()));
        return absent(path);
      case type_kind::enumeration:
        if (t.has_enum_value(text)) {
          out.text = text;
          mark_symbol(out);
          return out;
        }
        {
          const auto near = nearest_name(text, t.enum_values);
          error("profile.enum", "`" + text + "` is not a valid `" + type_words(t) + "`", n,
                near ? "did you mean `" + *near + "`?"
                     : "the allowed values are " + quoted_list(t.enum_values));
        }
        return absent(path);
      default:
        return mismatch(n, t, path);
    }
  }

  value absent(const std::string& path) const {
    value out;
    out.path = path;
    return out;
  }

  value quoted(const yaml_node& n, const schema_type& t, const std::string& path) {
    error("profile.type",
          "expected " + with_article(type_words(t)) + ", found the string `\"" + n.text + "\"`", n,
          "remove the quotes");
    return absent(path);
  }

  value mismatch(const yaml_node& n, const schema_type& t, const std::string& path) {
    error("profile.type",
          "expected " + with_article(type_words(t)) + ", found " + found_words(n.k), n);
    return absent(path);
  }

  // Reports the key; returns the field it was probably meant to be.
  std::optional<std::string> unknown_key(const yaml_node& key, const schema_type& t,
                                         const std::string& path) {
    std::vector<std::string> names;
    names.reserve(t.fields.size());
    for (const auto& f : t.fields) names.push_back(f.name);
    auto near = nearest_name(key.text, names);
    error("profile.unknown_key", "unknown key `" + key.text + "`" + in_path(path), key,
          near ? "did you mean `" + *near + "`?"
               : (path.empty() ? "the top-level keys are " : "the keys of `" + path + "` are ") +
                     quoted_list(names));
    return near;
  }

  void unknown_code(const yaml_node& n, const std::vector<std::string>& candidates,
                    const std::string& otherwise) {
    std::string upper = n.text;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    std::optional<std::string> near;
    if (upper != n.text && schema_.jurisdictions.known(upper)) {
      near = upper;
    } else {
      near = nearest_name(n.text, candidates);
    }
    error("profile.jurisdiction", "`" + n.text + "` is not a known jurisdiction", n,
          near ? "did you mean `" + *near + "`?" : otherwise);
  }

  void error(const char* code, std::string message, const yaml_node& at, std::string help = {}) {
    failed_ = true;
    bag_.report(diagnostic_severity::error, code, std::move(message), &file_, yaml_span(file_, at),
                std::move(help));
  }

  const schema& schema_;
  const source_file& file_;
  diagnostic_bag& bag_;
  bool failed_ = false;
};

}  // namespace

// Declared in io/profile_reader.hpp: rule-test case files type their inline profiles with it.
std::optional<profile> profile_from_node(const yaml_node& root, const source_ptr& source,
                                         const schema& schema, diagnostic_bag& bag) {
  if (schema.root == nullptr || schema.root->kind != type_kind::record) {
    bag.error("profile.schema", "the rule library declares no profile schema",
              source ? source->name() : std::string());
    return std::nullopt;
  }
  typer t(schema, *source, bag);
  profile out;
  out.source = source;
  out.root = t.root(root);
  if (t.failed()) return std::nullopt;
  const int product = schema.root->field_index("product");
  if (product >= 0 && out.root.items[product].k == value::kind::record) {
    const int id = schema.root->fields[product].type->field_index("id");
    if (id >= 0) out.id = out.root.items[product].items[id].text;
  }
  return out;
}

}  // namespace detail

std::optional<profile> load_profile(const source_ptr& source, const schema& schema,
                                    diagnostic_bag& bag, const profile_limits& limits) {
  if (!source) {
    bag.error("profile.empty", "no profile was given");
    return std::nullopt;
  }
  auto tree = detail::parse_yaml(*source, bag, limits);
  if (!tree) return std::nullopt;
  return detail::profile_from_node(*tree, source, schema, bag);
}

namespace {

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

// A record's field name is the last step of its path.
std::string field_name(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string render(const value& v, bool nested_record) {
  switch (v.k) {
    case value::kind::absent:
      return "missing";
    case value::kind::boolean:
      return v.boolean ? "true" : "false";
    case value::kind::integer:
      return std::to_string(v.integer);
    case value::kind::date:
      return date{static_cast<std::int32_t>(v.integer)}.to_string();
    case value::kind::string:
      return is_symbol(v) ? v.text : quote(v.text);
    case value::kind::list: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += (i ? ", " : "") + render(v.items[i], true);
      }
      return out + "]";
    }
    case value::kind::map: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.items.size() && i < v.keys.size(); ++i) {
        out += (i ? ", " : "") + v.keys[i] + ": " + render(v.items[i], true);
      }
      return out + "}";
    }
    case value::kind::record: {
      // Evidence stays one line: a record shows its stated fields, records inside it only `{...}`.
      if (nested_record) return "{...}";
      std::string out = "{";
      for (const auto& field : v.items) {
        if (!field.present()) continue;
        out += (out.size() > 1 ? ", " : "") + field_name(field.path) + ": " + render(field, true);
      }
      return out + "}";
    }
  }
  return "?";
}

}  // namespace

std::string render_value(const value& v) {
  return render(v, false);
}

}  // namespace lexgate
