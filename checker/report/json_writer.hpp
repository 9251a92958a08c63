// JSON written straight into a string, for output at fleet scale (layer: report).
//
// `scan` writes one line per profile, hundreds of thousands a second; building a document for
// each line first (nlohmann::json) cost more than judging the profile. The text is what
// nlohmann's `dump()` writes for the same document: no spaces, UTF-8 kept as is, `"`, `\` and
// control characters escaped (tests/unit/json_writer_test.cpp holds it to that).
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace lexgate::report_writers {

class json_writer {
 public:
  /// Appends to `out`; `out` must outlive the writer.
  explicit json_writer(std::string& out) : out_(out) {}

  void begin_object() {
    separate();
    out_ += '{';
    first_ = true;
  }
  void end_object() {
    out_ += '}';
    first_ = false;
  }
  void begin_array() {
    separate();
    out_ += '[';
    first_ = true;
  }
  void end_array() {
    out_ += ']';
    first_ = false;
  }

  /// A member's name; its value follows.
  void key(std::string_view name) {
    separate();
    string_text(name);
    out_ += ':';
    first_ = true;  // the value after a key takes no comma
  }

  void value(std::string_view text) {
    separate();
    string_text(text);
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::int64_t n) {
    separate();
    char digits[24];
    const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
    out_.append(digits, ec == std::errc() ? end : digits);
  }

  /// `"name":"text"` / `"name":n`.
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }

  void string_text(std::string_view text) {
    out_ += '"';
    std::size_t run = 0;  // characters copied as they are, appended in one go
    std::size_t i = 0;
    while (i < text.size()) {
      // Eight bytes at a time while none needs escaping (nearly every string written).
      if (i + 8 <= text.size() && !needs_escape(word_at(text, i))) {
        i += 8;
        continue;
      }
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x20 || c == '"' || c == '\\') {
        out_.append(text.data() + run, i - run);
        run = i + 1;
        escape(c);
      }
      ++i;
    }
    out_.append(text.data() + run, text.size() - run);
    out_ += '"';
  }

  static std::uint64_t word_at(std::string_view text, std::size_t i) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, sizeof w);
    return w;
  }

  // Whether any byte of `w` is below 0x20, a `"` or a `\`: the classic test for a zero byte,
  // (x - 0x01..) & ~x & 0x80.., applied to w itself (bytes below 0x20) and to w XOR each
  // character. Bytes of 0x80 and above (UTF-8) never match.
  static bool needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    const std::uint64_t control = (w - ones * 0x20) & ~w;
    return (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | control) & highs;
  }

  void escape(unsigned char c) {
    static constexpr char hex[] = "0123456789abcdef";
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_ += hex[c >> 4];
        out_ += hex[c & 0xf];
    }
  }

  std::string& out_;
  bool first_ = true;
};

}  // namespace lexgate::report_writers
