// The scan's JSON line writer: JSON pointers written in place and names checked at compile time
// give the text the engine's `json_pointer` and nlohmann::json give.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "lexgate/profile_json.hpp"
#include "report/json_writer.hpp"
#include "support/catch.hpp"

using lexgate::report_writers::json_writer;
using lexgate::report_writers::operator""_key;

TEST_CASE("the JSON line writer writes a value's JSON pointer as json_pointer gives it",
          "[scan][writer]") {
  const std::vector<std::string> paths = {
      "", "a", "deployment.markets", "product.models[0].provider", "data.storage.default",
      "data.storage.IT[2]", "x[10][3].y", "a..b", "a.", ".a", "[0]", "a~b/c", "tilde~0.slash/1",
      "quote\".back\\slash", std::string("ctl\x01.tab\t.nul\0.x", 17), "é.中文[1]"};
  for (const auto& path : paths) {
    INFO(path);
    std::string written;
    {
      json_writer w(written);
      w.begin_array();
      w.json_pointer_value(path);
      w.json_pointer_value(path);
      w.end_array();
    }
    const nlohmann::json expected = {lexgate::json_pointer(path), lexgate::json_pointer(path)};
    CHECK(written == expected.dump());
  }
}

TEST_CASE("the JSON line writer writes names checked at compile time like any other",
          "[scan][writer]") {
  std::string written;
  {
    json_writer w(written);
    w.begin_object();
    w.member("profile"_key, "p.jsonl");
    w.member("line"_key, std::int64_t{12});
    w.key("markets"_key);
    w.begin_object();
    w.member("DE"_key, "blocked");
    w.end_object();
    w.member(std::string("name with \"quotes\""), true);
    w.key("pointers"_key);
    w.begin_array();
    w.json_value("\"/a/0\"");  // as written by json_pointer_value
    w.json_value("\"/b\"");
    w.end_array();
    w.key("missing"_key);
    w.begin_array();
    w.end_array();
    w.end_object();
  }
  nlohmann::ordered_json expected;
  expected["profile"] = "p.jsonl";
  expected["line"] = 12;
  expected["markets"] = {{"DE", "blocked"}};
  expected["name with \"quotes\""] = true;
  expected["pointers"] = {"/a/0", "/b"};
  expected["missing"] = nlohmann::ordered_json::array();
  CHECK(written == expected.dump());
}

TEST_CASE("the JSON line writer appends to what its string held, across many lines",
          "[scan][writer]") {
  std::string written = "head\n";
  std::string expected = written;
  for (int i = 0; i < 300; ++i) {
    const std::string text(static_cast<std::size_t>(i * 7 % 53), static_cast<char>('a' + i % 26));
    {
      json_writer w(written);
      w.begin_object();
      w.member("n"_key, std::int64_t{i});
      w.member("text"_key, text);
      w.end_object();
    }
    written += '\n';
    expected += nlohmann::ordered_json{{"n", i}, {"text", text}}.dump() + "\n";
  }
  CHECK(written == expected);
}
