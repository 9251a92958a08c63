// JSON profiles (one JSON Lines line each): simdjson's DOM → the YAML loader's node tree →
// the shared typer, so both formats are validated by the same code (layer: profile). Valid
// profiles take a shorter way first (json_fast_typer.hpp), with the same result.
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "io/json_fast_typer.hpp"
#include "io/name_resolution.hpp"
#include "io/profile_reader.hpp"
#include "io/yaml_events.hpp"
#include "lexgate/profile_json.hpp"

namespace lexgate {

using detail::yaml_node;

namespace {

// The line copied where simdjson's On-Demand parser may read SIMDJSON_PADDING bytes past its
// end: lines are views into a larger text that must not be read past.
class padded_line {
 public:
  simdjson::padded_string_view copy(std::string_view line) {
    const std::size_t needed = line.size() + simdjson::SIMDJSON_PADDING;
    if (needed > capacity_) {
      capacity_ = std::max(needed, 2 * capacity_);
      bytes_ = std::make_unique<char[]>(capacity_);
    }
    std::memcpy(bytes_.get(), line.data(), line.size());
    // The padding is zeros, as in simdjson's own padded strings, whatever a longer line left.
    std::memset(bytes_.get() + line.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(bytes_.get(), line.size(), capacity_);
  }

 private:
  std::unique_ptr<char[]> bytes_;
  std::size_t capacity_ = 0;
};

// What a reader keeps for the fast paths from one line to the next.
struct fast_reader {
  simdjson::ondemand::parser ondemand;  // the first try (json_fast_typer.hpp)
  padded_line line;
  detail::fast_typer_memory fast;   // kept for the next profile (json_fast_typer.hpp)
  detail::resolution_memory names;  // for resolving company names (name_resolution.hpp)
  // Giving a line up costs the text path the reused profile (half written, it is dropped), as
  // much as typing several lines. Once the text path has given up a line with a byte of another
  // script or an escape (which it never takes), each line is first looked over for them, and
  // such a line goes to On-Demand directly; after a valid line it gave up for another reason,
  // the next `ondemand_only` lines do.
  bool look_over = false;
  std::uint32_t ondemand_only = 0;
};

// Whether `line` holds a byte the text path never takes: one past ASCII (text in another
// script) or a backslash (an escape), both only inside strings in valid JSON. Sixteen bytes at
// a time; the line lies in a padded buffer.
bool has_escape_or_non_ascii(std::string_view line) {
  const char* p = line.data();
  const std::size_t n = line.size();
#if defined(__SSE2__)
  for (std::size_t i = 0; i < n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    unsigned bad = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
    if (n - i < 16) bad &= (1u << (n - i)) - 1;  // past the line
    if (bad != 0) return true;
  }
  return false;
#else
  for (std::size_t i = 0; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80 || p[i] == '\\') return true;
  }
  return false;
#endif
}

}  // namespace

struct json_profile_reader::impl {
  simdjson::dom::parser parser;
  fast_reader fast;
};

namespace {

// Builds the node tree, numbering nodes in pre-order (keys included) in `offset` so errors can
// be located by JSON pointer afterwards; enforces the profile limits on the way.
class tree_builder {
 public:
  tree_builder(const profile_limits& limits, std::string& problem, std::uint32_t& problem_at)
      : limits_(limits), problem_(problem), problem_at_(problem_at) {}

  bool build(simdjson::dom::element e, yaml_node& out, std::uint32_t depth) {
    using simdjson::dom::element_type;
    out.offset = next_++;
    if (depth > limits_.max_depth) {
      return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", out);
    }
    switch (e.type()) {
      case element_type::OBJECT: {
        out.k = yaml_node::kind::mapping;
        simdjson::dom::object object = e.get_object().value_unsafe();
        out.items.reserve(2 * object.size());
        for (simdjson::dom::key_value_pair field : object) {
          for (std::size_t i = 0; i < out.size(); ++i) {
            if (out.key(i).text == field.key) {
              duplicate_ = true;
              return fail("duplicate key `" + std::string(field.key) + "`", out.key(i));
            }
          }
          yaml_node& key = out.items.emplace_back();
          key.k = yaml_node::kind::scalar;
          key.text = field.key;
          key.offset = next_++;
          if (!build(field.value, out.items.emplace_back(), depth + 1)) return false;
        }
        return true;
      }
      case element_type::ARRAY: {
        out.k = yaml_node::kind::sequence;
        simdjson::dom::array array = e.get_array().value_unsafe();
        if (array.size() > limits_.max_list_items) {
          return fail("more than " + std::to_string(limits_.max_list_items) + " list items", out);
        }
        out.items.reserve(array.size());
        for (simdjson::dom::element item : array) {
          if (!build(item, out.items.emplace_back(), depth + 1)) return false;
        }
        return true;
      }
      case element_type::STRING: {
        out.k = yaml_node::kind::scalar;
        const std::string_view s = e.get_string().value_unsafe();
        if (s.size() > limits_.max_string_bytes) return fail("a string longer than the limit", out);
        out.text = s;
        return true;
      }
      case element_type::INT64:
        return number(out, e.get_int64().value_unsafe());
      case element_type::UINT64:
        return number(out, e.get_uint64().value_unsafe());
      case element_type::DOUBLE:
        return number(out, e.get_double().value_unsafe());
      case element_type::BOOL:
        // Plain, like an unquoted YAML `true`: only JSON's true/false type as booleans.
        out.k = yaml_node::kind::scalar;
        out.plain = true;
        out.text = e.get_bool().value_unsafe() ? "true" : "false";
        return true;
      case element_type::NULL_VALUE:
        out.k = yaml_node::kind::null;
        return true;
    }
    return true;
  }

  bool duplicate() const { return duplicate_; }

 private:
  template <class Number>
  bool number(yaml_node& out, Number n) {
    out.k = yaml_node::kind::scalar;
    out.plain = true;
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
    out.text.assign(buffer, ec == std::errc() ? end : buffer);
    return true;
  }

  bool fail(std::string why, const yaml_node& at) {
    problem_ = std::move(why);
    problem_at_ = at.offset;
    return false;
  }

  const profile_limits& limits_;
  std::string& problem_;
  std::uint32_t& problem_at_;
  std::uint32_t next_ = 0;
  bool duplicate_ = false;
};

// Parses and types one JSON profile: when `reader` is given (its parsers and memory), the
// On-Demand fast path first, then the DOM's fast path, then the full path, each when the one
// before gives up; the full path alone otherwise.
bool load_json(simdjson::dom::parser& parser, fast_reader* reader,
               std::string_view json, std::uint32_t line, const source_ptr& file,
               const schema& schema, diagnostic_bag& bag, profile& out,
               const profile_limits& limits, bool padded = false) {
  detail::fast_typer_memory* fast = reader != nullptr ? &reader->fast : nullptr;
  detail::resolution_memory* names = reader != nullptr ? &reader->names : nullptr;
  auto error_at = [&](const char* code, std::string message, std::string pointer,
                      std::string help = {}) {
    diagnostic d;
    d.code = code;
    d.message = std::move(message);
    d.file = file->name();
    d.where = d.end = {line, 0};
    d.pointer = std::move(pointer);
    d.help = std::move(help);
    bag.add(std::move(d));
  };
  // On every failure `out` is emptied: the fast path may have left it half written, and a
  // profile it types into must be one it wrote whole (or a new one).
  auto fail = [&out] {
    out = profile{};
    return false;
  };
  if (json.size() > limits.max_file_bytes) {
    error_at("profile.limit",
             "the line is larger than " + std::to_string(limits.max_file_bytes) + " bytes", "/");
    return fail();
  }
  bool skip_text_after = false;
  if (reader != nullptr) {
    // A line the caller says is padded is read where it lies, when the byte after it is a line
    // break or a NUL: On-Demand reads that byte where the line's tokens end, and one that is
    // JSON (a `}`) could complete a line cut short.
    const bool in_place =
        padded && (json.data()[json.size()] == '\n' || json.data()[json.size()] == '\0');
    const simdjson::padded_string_view copy =
        in_place ? simdjson::padded_string_view(json.data(), json.size(),
                                                json.size() + simdjson::SIMDJSON_PADDING)
                 : reader->line.copy(json);
    // The plainest lines are read straight from their text (json_plain_scan.hpp).
    const std::string_view padded_line(copy.data(), json.size());
    bool text_tried = reader->ondemand_only == 0;
    if (!text_tried) --reader->ondemand_only;
    if (text_tried && reader->look_over && has_escape_or_non_ascii(padded_line)) {
      text_tried = false;
    }
    bool ondemand_tried = true;
    if (text_tried) {
      if (detail::type_json_profile_text(padded_line, line, schema, limits, *fast, out)) {
        out.source = file;
        if (!detail::resolve_names(out, schema, bag, true, names)) return fail();
        return true;
      }
      out = profile{};  // as after On-Demand gives up, below
      if (has_escape_or_non_ascii(padded_line)) {
        reader->look_over = true;  // On-Demand takes such lines, from now on at once
      } else {
        // A plain line the text path gave up is an error, or written as fleets do not write
        // one: the DOM decides it at once, where On-Demand would first type it again into the
        // new profile.
        ondemand_tried = false;
      }
    }
    if (ondemand_tried) {
      simdjson::ondemand::document lazy;
      if (reader->ondemand.iterate(copy).get(lazy) == simdjson::SUCCESS &&
          detail::type_json_profile_ondemand(lazy, padded_line, line, schema, limits, *fast, out)) {
        out.source = file;
        if (!detail::resolve_names(out, schema, bag, true, names)) return fail();
        return true;
      }
    }
    // A valid line the text path gave up, now typed by the DOM: the lines after it, likely
    // written alike, go to On-Demand for a while.
    skip_text_after = text_tried && !ondemand_tried;
    // Given up: `out` may be half written, and the DOM's fast path takes only a profile it
    // could have written whole.
    out = profile{};
  }
  simdjson::dom::element document;
  // `realloc_if_needed` copies the line into the parser's padded buffer: lines are views into a
  // larger text that simdjson must not read past.
  const auto parsed = parser.parse(json.data(), json.size(), true).get(document);
  if (parsed != simdjson::SUCCESS) {
    // Nesting beyond simdjson's own bound (1,024) is the depth limit, like 65 levels.
    const char* code = parsed == simdjson::UTF8_ERROR    ? "profile.utf8"
                       : parsed == simdjson::DEPTH_ERROR ? "profile.limit"
                                                         : "profile.syntax";
    error_at(code, std::string("not a JSON document: ") + simdjson::error_message(parsed), "/",
             "each line of a JSON Lines file holds one profile as a JSON object");
    return fail();
  }
  if (fast != nullptr &&
      detail::type_json_profile_fast(document, line, schema, limits, *fast, out)) {
    out.source = file;
    if (skip_text_after) reader->ondemand_only = 32;
    // The same step the full path ends with (profile_from_node), on the same typed values.
    if (!detail::resolve_names(out, schema, bag, true, names)) return fail();
    return true;
  }
  // Not a profile as it stands: the full path types it again and locates what is wrong (or
  // converts what the fast path leaves to it).
  yaml_node root;
  std::string problem;
  std::uint32_t problem_at = 0;
  tree_builder builder(limits, problem, problem_at);
  if (!builder.build(document, root, 0)) {
    std::string pointer;
    detail::find_pointer(root, problem_at, pointer);
    error_at(builder.duplicate() ? "profile.duplicate_key" : "profile.limit", problem,
             pointer.empty() ? "/" : pointer);
    return fail();
  }
  const detail::json_origin origin{line, &root};
  auto typed = detail::profile_from_node(root, file, schema, bag, &origin);
  if (!typed) return fail();
  if (skip_text_after) reader->ondemand_only = 32;
  out = std::move(*typed);
  return true;
}

}  // namespace

json_profile_reader::json_profile_reader() : impl_(std::make_unique<impl>()) {}
json_profile_reader::~json_profile_reader() = default;

std::optional<profile> json_profile_reader::load(std::string_view json, std::uint32_t line,
                                                 const source_ptr& file, const schema& schema,
                                                 diagnostic_bag& bag,
                                                 const profile_limits& limits) {
  profile out;
  if (!load_into(json, line, file, schema, bag, out, limits)) return std::nullopt;
  return out;
}

bool json_profile_reader::load_into(std::string_view json, std::uint32_t line,
                                    const source_ptr& file, const schema& schema,
                                    diagnostic_bag& bag, profile& out,
                                    const profile_limits& limits) {
  return load_json(impl_->parser, &impl_->fast, json, line, file, schema, bag, out, limits);
}

static_assert(json_profile_reader::line_padding >= simdjson::SIMDJSON_PADDING,
              "the padding promised must be simdjson's");

bool json_profile_reader::load_padded_into(std::string_view json, std::uint32_t line,
                                           const source_ptr& file, const schema& schema,
                                           diagnostic_bag& bag, profile& out,
                                           const profile_limits& limits) {
  return load_json(impl_->parser, &impl_->fast, json, line, file, schema, bag, out, limits, true);
}

namespace detail {

std::optional<profile> load_json_profile_full(std::string_view json, std::uint32_t line,
                                              const source_ptr& file, const schema& schema,
                                              diagnostic_bag& bag, const profile_limits& limits) {
  simdjson::dom::parser parser;
  profile out;
  if (!load_json(parser, nullptr, json, line, file, schema, bag, out, limits)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace detail

std::string json_pointer(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 1);
  append_json_pointer(path, out);
  return out;
}

void append_json_pointer(std::string_view path, std::string& out) {
  auto special = [](char c) { return c == '.' || c == '[' || c == ']' || c == '~' || c == '/'; };
  const std::size_t mark = out.size();
  bool start = true;
  for (std::size_t i = 0; i < path.size();) {
    if (start) {
      out += '/';
      start = false;
    }
    const char c = path[i];
    if (c == '.' || c == '[') {
      start = true;
    } else if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else if (c != ']') {
      // A run of plain characters, appended at once.
      std::size_t end = i + 1;
      while (end < path.size() && !special(path[end])) ++end;
      out.append(path.substr(i, end - i));
      i = end;
      continue;
    }
    ++i;
  }
  if (out.size() == mark) out += '/';
}

}  // namespace lexgate
