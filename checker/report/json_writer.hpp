// JSON written straight into a string, for output at fleet scale (layer: report).
//
// `scan` writes one line per profile, hundreds of thousands a second; building a document for
// each line first (nlohmann::json) cost more than judging the profile. The text is what
// nlohmann's `dump()` writes for the same document: no spaces, UTF-8 kept as is, `"`, `\` and
// control characters escaped (tests/unit/json_writer_test.cpp holds it to that).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace lexgate::report_writers {

class json_writer {
 public:
  /// Appends to `out`; `out` must outlive the writer.
  explicit json_writer(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// A member's name; its value follows.
  void key(std::string_view name) {
    quote_open();
    string_text(name);
    out_.append("\":", 2);
    first_ = true;  // the value after a key takes no comma
  }

  void value(std::string_view text) {
    quote_open();
    string_text(text);
    out_ += '"';
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::int64_t n) {
    char digits[24];
    char* start = digits;
    if (!first_) *start++ = ',';
    first_ = false;
    const auto [end, ec] = std::to_chars(start, digits + sizeof digits, n);
    out_.append(digits, ec == std::errc() ? end : start);
  }

  void value(bool b) { literal(b ? "true" : "false"); }
  void null() { literal("null"); }

  /// `"name":"text"` / `"name":n`.
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void literal(std::string_view text) {
    if (!first_) out_ += ',';
    first_ = false;
    out_.append(text);
  }

  // Separators are appended together with what follows them: one append, not two.
  void open(char bracket) {
    const char text[2] = {',', bracket};
    out_.append(first_ ? text + 1 : text, first_ ? 1 : 2);
    first_ = true;
  }
  void close(char bracket) {
    out_ += bracket;
    first_ = false;
  }
  void quote_open() {
    out_.append(first_ ? "\"" : ",\"", first_ ? 1 : 2);
    first_ = false;
  }

  // The characters of a string between its quotes, escaped.
  void string_text(std::string_view text) {
    std::size_t run = 0;  // characters copied as they are, appended in one go
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(text.data() + run, i - run);
      run = i + 1;
      escape(c);
    }
    out_.append(text.data() + run, text.size() - run);
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
