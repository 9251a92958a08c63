// The scan's JSON writer tests and copies strings a block at a time (sixteen bytes, or eight
// without SSE2), and escapes only in a block that needs it. Strings of every length around
// those blocks, with characters to escape at every position, alone and several at once, and
// UTF-8 among them, must come out as nlohmann::json dumps them.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "report/json_writer.hpp"
#include "support/catch.hpp"

using lexgate::report_writers::json_writer;

namespace {

std::string written_alone(const std::string& text) {
  std::string out;
  json_writer w(out);
  w.value(text);
  w.finish();
  return out;
}

}  // namespace

TEST_CASE("strings written a block at a time are escaped as nlohmann::json escapes them",
          "[scan][writer]") {
  const std::vector<char> specials = {'"', '\\', '\n', '\t', '\x01', '\x1f', '\0', '\x7f'};
  for (std::size_t length = 0; length <= 70; ++length) {
    const std::string plain(length, 'a');
    CHECK(written_alone(plain) == nlohmann::json(plain).dump());
    for (const char special : specials) {
      for (std::size_t at = 0; at < length; ++at) {
        INFO("length " << length << ", at " << at << ", character " << int(special));
        std::string text = plain;
        text[at] = special;
        CHECK(written_alone(text) == nlohmann::json(text).dump());
        // A second one further on, and UTF-8 at the end: the blocks after an escaped one.
        if (at + 17 < length) text[at + 17] = special;
        if (length > 4 && at + 2 < length) text.replace(length - 2, 2, "\xc3\xa9");  // é
        CHECK(written_alone(text) == nlohmann::json(text).dump());
      }
    }
  }
}

TEST_CASE("strings written one after another keep their own text", "[scan][writer]") {
  // Values of many lengths in one line: the last block of each, written over the bytes before
  // it, never reaches into the value or the punctuation before.
  std::vector<std::string> texts;
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + (i * 7 + length) % 26);
    if (length % 5 == 3) text[length / 2] = '"';
    texts.push_back(text);
  }
  std::string out;
  {
    json_writer w(out);
    w.begin_array();
    for (const auto& t : texts) w.value(t);
    w.end_array();
  }
  CHECK(out == nlohmann::json(texts).dump());
}
