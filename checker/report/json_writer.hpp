// JSON written straight into a string, for output at fleet scale (layer: report).
//
// `scan` writes one line per profile, hundreds of thousands a second; building a document for
// each line first (nlohmann::json) cost more than judging the profile. The text is what
// nlohmann's `dump()` writes for the same document: no spaces, UTF-8 kept as is, `"`, `\` and
// control characters escaped (tests/unit/profile/fast_paths_test.cpp holds it to that).
//
// The writer grows the string ahead of what it writes and writes through a pointer, so a member
// costs a few stores rather than a call to `std::string::append` per piece; the string holds
// exactly the text written once the writer is gone (or `finish()` was called).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lexgate::report_writers {

/// A member name that needs no escaping, checked when the program is compiled: `"name"_key`.
struct json_key {
  const char* text;
  std::size_t size;
};

/// Fails to compile for a name with a character JSON escapes.
consteval json_key operator""_key(const char* text, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') throw "a JSON key written as _key must need no escaping";
  }
  return {text, size};
}

class json_writer {
 public:
  /// Appends to `out`; `out` must outlive the writer, and holds the text once the writer is
  /// gone or `finish()` was called (until then it may hold room not yet written).
  explicit json_writer(std::string& out) : out_(out), size_(out.size()) {}
  ~json_writer() { finish(); }
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;

  /// Cuts `out` to the text written so far; writing may go on after.
  void finish() { out_.resize(size_); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// A member's name known clean at compile time (`"name"_key`); its value follows.
  void key(json_key name) {
    char* to = room(name.size + 4);
    if (!first_) *to++ = ',';
    *to++ = '"';
    std::memcpy(to, name.text, name.size);
    to += name.size;
    *to++ = '"';
    *to++ = ':';
    size_ = static_cast<std::size_t>(to - out_.data());
    first_ = true;
  }

  /// A member's name; its value follows.
  void key(std::string_view name) {
    char* to = room(name.size() * 6 + 4);
    if (!first_) *to++ = ',';
    to = quoted(to, name);
    *to++ = ':';
    size_ = static_cast<std::size_t>(to - out_.data());
    first_ = true;  // the value after a key takes no comma
  }

  void value(std::string_view text) {
    char* to = room(text.size() * 6 + 3);
    if (!first_) *to++ = ',';
    first_ = false;
    to = quoted(to, text);
    size_ = static_cast<std::size_t>(to - out_.data());
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::int64_t n) {
    char* to = room(24);
    if (!first_) *to++ = ',';
    first_ = false;
    to = std::to_chars(to, to + 21, n).ptr;  // 20 characters hold any std::int64_t
    size_ = static_cast<std::size_t>(to - out_.data());
  }

  void value(bool b) { literal(b ? std::string_view("true") : std::string_view("false")); }
  void null() { literal("null"); }

  /// The JSON pointer (RFC 6901) to the profile value at `path` (`a.b[0]` → `/a/b/0`), as a
  /// string: what `value(json_pointer(path))` writes, without building the pointer first.
  void json_pointer_value(std::string_view path) {
    // A character of the path becomes at most `~0`, or six characters escaped; plus a `/`.
    char* to = room(path.size() * 7 + 4);
    if (!first_) *to++ = ',';
    first_ = false;
    *to++ = '"';
    char* const start_text = to;
    bool start = true;
    for (const char c : path) {
      if (start) {
        *to++ = '/';
        start = false;
      }
      const auto u = static_cast<unsigned char>(c);
      switch (pointer_class(u)) {
        case pointer_char::plain:
          *to++ = c;
          break;
        case pointer_char::step:  // `.` or `[`
          start = true;
          break;
        case pointer_char::close:  // `]`
          break;
        case pointer_char::tilde:
          std::memcpy(to, "~0", 2);
          to += 2;
          break;
        case pointer_char::slash:
          std::memcpy(to, "~1", 2);
          to += 2;
          break;
        case pointer_char::escaped:
          to = escape(to, u);
          break;
      }
    }
    if (to == start_text) *to++ = '/';
    *to++ = '"';
    size_ = static_cast<std::size_t>(to - out_.data());
  }

  /// A value already written as JSON (by a json_writer), copied as it is.
  void json_value(std::string_view json) {
    char* to = room(json.size() + 1);
    if (!first_) *to++ = ',';
    first_ = false;
    std::memcpy(to, json.data(), json.size());
    size_ = static_cast<std::size_t>(to + json.size() - out_.data());
  }

  /// JSON already written that opens an object and ends with a member's name
  /// (`{"path":"a","value":`), copied as it is; the member's value follows.
  void json_open_member(std::string_view json) {
    char* to = room(json.size() + 1);
    if (!first_) *to++ = ',';
    std::memcpy(to, json.data(), json.size());
    size_ = static_cast<std::size_t>(to + json.size() - out_.data());
    first_ = true;  // the value after a name takes no comma
  }

  /// `"name":"text"` / `"name":n`.
  template <class T>
  void member(json_key name, const T& v) {
    key(name);
    value(v);
  }
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  // Room for `n` more characters at the end of the text; returns where they go.
  [[gnu::always_inline]] char* room(std::size_t n) {
    if (out_.size() - size_ < n) grow(n);
    return out_.data() + size_;
  }
  // Grows by a few hundred characters at a time: the string keeps its own doubling of capacity,
  // and what `resize` zero-fills and `finish()` cuts again stays small.
  [[gnu::noinline]] void grow(std::size_t n) { out_.resize(size_ + std::max<std::size_t>(n, 512)); }

  void literal(std::string_view text) {
    char* to = room(text.size() + 1);
    if (!first_) *to++ = ',';
    first_ = false;
    std::memcpy(to, text.data(), text.size());
    size_ = static_cast<std::size_t>(to + text.size() - out_.data());
  }

  void open(char bracket) {
    char* to = room(2);
    if (!first_) *to++ = ',';
    *to++ = bracket;
    size_ = static_cast<std::size_t>(to - out_.data());
    first_ = true;
  }
  void close(char bracket) {
    *room(1) = bracket;
    ++size_;
    first_ = false;
  }

  // What a character of a value path becomes in its JSON pointer, looked up in one table rather
  // than tested against each special character in turn.
  enum class pointer_char : std::uint8_t { plain, step, close, tilde, slash, escaped };
  static pointer_char pointer_class(unsigned char c) {
    static constexpr auto table = [] {
      std::array<pointer_char, 256> t{};
      for (int i = 0; i < 0x20; ++i) t[static_cast<std::size_t>(i)] = pointer_char::escaped;
      t['"'] = pointer_char::escaped;
      t['\\'] = pointer_char::escaped;
      t['.'] = pointer_char::step;
      t['['] = pointer_char::step;
      t[']'] = pointer_char::close;
      t['~'] = pointer_char::tilde;
      t['/'] = pointer_char::slash;
      return t;
    }();
    return table[c];
  }

  // Writes `text` between quotes, escaped, at `to` (which has room for 6 characters per
  // character of `text` and two quotes); returns the end. Nearly every string written needs no
  // escaping: it is tested and copied a block at a time (sixteen bytes with SSE2, which every
  // x86-64 has, else eight), and only a block with a byte to escape is written byte by byte.
  static char* quoted(char* to, std::string_view text) {
    *to++ = '"';
    const char* from = text.data();
    const char* const end = from + text.size();
    const std::size_t n = text.size();
    if (n >= 4 && n < 16) {
      // Four to fifteen bytes: their first and last four or eight, overlapping, tested at once.
      if (n < 8) {
        std::uint32_t first;
        std::uint32_t last;
        std::memcpy(&first, from, sizeof first);
        std::memcpy(&last, end - 4, sizeof last);
        if (!needs_escape(first | (std::uint64_t{last} << 32))) {
          std::memcpy(to, &first, sizeof first);
          std::memcpy(to + n - 4, &last, sizeof last);
          to += n;
          *to++ = '"';
          return to;
        }
      } else {
        std::uint64_t first;
        std::uint64_t last;
        std::memcpy(&first, from, sizeof first);
        std::memcpy(&last, end - 8, sizeof last);
        if (!needs_escape(first) && !needs_escape(last)) {
          std::memcpy(to, &first, sizeof first);
          std::memcpy(to + n - 8, &last, sizeof last);
          to += n;
          *to++ = '"';
          return to;
        }
      }
    }
    while (from != end) {
      // A block at a time while none of its bytes needs escaping.
      while (static_cast<std::size_t>(end - from) >= block) {
        if (!copy_clean_block(to, from)) break;
        to += block;
        from += block;
      }
      // The last few bytes of a longer string: its last block, which overlaps what was written
      // with the same characters (none of them was escaped, or the block would not be clean).
      if (from != end && static_cast<std::size_t>(end - from) < block && n >= block) {
        const std::size_t rest = static_cast<std::size_t>(end - from);
        if (copy_clean_block(to + rest - block, end - block)) {
          to += rest;
          break;
        }
      }
      // Then byte by byte, up to a block or the end, escaping what needs it.
      const char* const stop = static_cast<std::size_t>(end - from) >= block ? from + block : end;
      for (; from != stop; ++from) {
        const auto c = static_cast<unsigned char>(*from);
        if (c >= 0x20 && c != '"' && c != '\\') {
          *to++ = static_cast<char>(c);
        } else {
          to = escape(to, c);
        }
      }
    }
    *to++ = '"';
    return to;
  }

#if defined(__SSE2__)
  static constexpr std::size_t block = 16;
  // Copies the sixteen bytes at `from` to `to` when none needs escaping (none below 0x20, no
  // `"`, no `\`); false, having written nothing, when one does.
  [[gnu::always_inline]] static bool copy_clean_block(char* to, const char* from) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    if (_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) != 0) {
      return false;
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to), v);
    return true;
  }
#else
  static constexpr std::size_t block = 8;
  [[gnu::always_inline]] static bool copy_clean_block(char* to, const char* from) {
    std::uint64_t w;
    std::memcpy(&w, from, sizeof w);
    if (needs_escape(w)) return false;
    std::memcpy(to, &w, sizeof w);
    return true;
  }
#endif

  // Whether any byte of `w` is below 0x20, a `"` or a `\`: the classic test for a zero byte,
  // (x - 0x01..) & ~x & 0x80.., applied to w XOR each character, and its variant for bytes
  // below 0x20. A byte of 0x80 and above (UTF-8) never matches by itself; a borrow out of a byte
  // that does match may mark a higher one too, which only sends the block to the byte loop.
  static bool needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    const std::uint64_t control = (w - ones * 0x20) & ~w;
    return ((((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | control) & highs) !=
           0;
  }

  static char* escape(char* to, unsigned char c) {
    static constexpr char hex[] = "0123456789abcdef";
    *to++ = '\\';
    switch (c) {
      case '"':
        *to++ = '"';
        break;
      case '\\':
        *to++ = '\\';
        break;
      case '\b':
        *to++ = 'b';
        break;
      case '\f':
        *to++ = 'f';
        break;
      case '\n':
        *to++ = 'n';
        break;
      case '\r':
        *to++ = 'r';
        break;
      case '\t':
        *to++ = 't';
        break;
      default:
        std::memcpy(to, "u00", 3);
        to += 3;
        *to++ = hex[c >> 4];
        *to++ = hex[c & 0xf];
    }
    return to;
  }

  std::string& out_;
  std::size_t size_;  // of the text written; `out_` may be longer, by room not yet written
  bool first_ = true;
};

}  // namespace lexgate::report_writers
