// The On-Demand fast path (simdjson's lazy iterator, no DOM) against the full typer. On-Demand
// validates only what it is asked to read, so the path reads every value, checks that nothing
// follows the object, and gives up on anything it does not take; the DOM path then decides.
// Hostile and odd lines (duplicate keys, trailing content, wrong types, deep nesting, invalid
// numbers and literals, escapes, non-ASCII, unknown fields, empty containers, huge integers,
// broken structure) must give exactly the full typer's profile or diagnostics, through the
// reader `scan` uses and through the On-Demand path alone, which must never accept a line the
// full typer refuses or type one differently.
#include <nlohmann/json.hpp>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "generator/profile_generator.hpp"
#include "io/json_fast_typer.hpp"
#include "io/name_resolution.hpp"
#include "io/profile_reader.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

namespace {

using lexgate::testing::value_difference;

// The On-Demand path alone (or, with `text`, the path that reads the plainest lines from
// their text), with its own memory and reused profile, as the reader runs it.
class ondemand_typer {
 public:
  explicit ondemand_typer(const lexgate::schema& s, bool text = false) : schema_(s), text_(text) {}

  // Whether the path accepted `line` (into `typed`).
  bool type(const std::string& line, std::uint32_t number) {
    bool accepted =
        text_ ? lexgate::detail::type_json_line_text(line, number, schema_, {}, memory_, typed)
              : lexgate::detail::type_json_line_ondemand(line, number, schema_, {}, memory_,
                                                         typed);
    if (accepted) {
      // The step the reader (and the full typer) ends with.
      lexgate::diagnostic_bag bag;
      accepted = lexgate::detail::resolve_names(typed, schema_, bag, true, &names_);
    }
    if (!accepted) typed = lexgate::profile{};  // as the reader does: a new profile next
    return accepted;
  }

  lexgate::profile typed;

 private:
  const lexgate::schema& schema_;
  bool text_;
  lexgate::detail::fast_typer_memory memory_;
  lexgate::detail::resolution_memory names_;
};

lexgate::library standard_library() {
  lexgate::diagnostic_bag bag;
  auto lib = lexgate::load_standard_library(bag);
  REQUIRE(lib);
  return std::move(*lib);
}

// `line` with the first `from` replaced by `to`; the line unchanged when `from` is not there
// (a generated profile leaves some facts out).
std::string replaced(std::string line, const std::string& from, const std::string& to) {
  const std::size_t at = line.find(from);
  if (at != std::string::npos) line.replace(at, from.size(), to);
  return line;
}

// `line` with the scalar written after the first `"key":` replaced by `raw` as written.
std::string with_raw(std::string line, const std::string& key, const std::string& raw) {
  const std::string marker = "\"" + key + "\":";
  const std::size_t at = line.find(marker);
  if (at == std::string::npos) return line;
  const std::size_t start = at + marker.size();
  const std::size_t end = line.find_first_of(",}", start);
  line.replace(start, end - start, raw);
  return line;
}

// Lines made from one generated profile by hand, each odd or hostile in one way.
std::vector<std::string> odd_lines(const nlohmann::ordered_json& base) {
  std::vector<std::string> lines;
  const std::string line = base.dump();
  auto with = [&](const char* pointer, nlohmann::ordered_json v) {
    nlohmann::ordered_json p = base;
    p[nlohmann::ordered_json::json_pointer(pointer)] = std::move(v);
    lines.push_back(p.dump());
  };
  // Duplicate keys: at the root, in a nested record, in a map.
  lines.push_back(replaced(line, "{\"profile\":1,", "{\"profile\":1,\"profile\":1,"));
  lines.push_back(replaced(line, "\"deployment\":{", "\"deployment\":{\"audiences\":[],"));
  lines.push_back(replaced(line, "\"storage\":{", "\"storage\":{\"default\":[\"IE\"],"));
  // Trailing content, and white space that is not content.
  for (const char* tail : {" x", "}", "]", "{}", ",", "\"", " 1", "\x01", " ", "\t", "\r", "  \t "}) {
    lines.push_back(line + tail);
  }
  for (const char* head : {" ", "\t", "x", "[", "1 "}) lines.push_back(head + line);
  // White space between every token.
  {
    std::string spaced = base.dump(1, '\t');
    for (char& c : spaced) {
      if (c == '\n') c = ' ';
    }
    lines.push_back(spaced);
  }
  // Broken structure.
  lines.push_back(line.substr(0, line.size() - 1));                      // unclosed
  lines.push_back(line.substr(0, line.size() / 2));                      // cut in the middle
  lines.push_back(replaced(line, "\"profile\":1,", "\"profile\":1"));    // missing comma
  lines.push_back(replaced(line, "\"profile\":1,", "\"profile\" 1,"));   // missing colon
  lines.push_back(replaced(line, "\"profile\":1,", "\"profile\":1,,"));  // double comma
  lines.push_back(replaced(line, "\"profile\":1,", "\"profile\":,"));    // no value
  lines.push_back(replaced(line, "\"profile\":1,", "profile:1,"));       // unquoted key
  lines.push_back(replaced(line, "\"profile\":1,", "\"profile\":1,}"));  // stray brace
  lines.push_back(replaced(line, "\"markets\":[", "\"markets\":[,"));    // comma first
  lines.push_back(replaced(line, "\"markets\":[\"", "\"markets\":[\"US\",,\""));
  lines.push_back(replaced(line, "\"markets\":[", "\"markets\":{"));     // mismatched
  lines.push_back(replaced(line, "\"markets\":[\"", "\"markets\":[\"US\"]\""));
  lines.push_back(std::string{});
  lines.push_back("{}");
  lines.push_back("[]");
  lines.push_back("null");
  lines.push_back("\"profile\"");
  lines.push_back("{\"profile\":1}");
  // Numbers as the DOM reads them and On-Demand must too.
  for (const char* n : {"01", "1.", "-", "1e", "1.0", "1e3", "1E0", "-0", "0", "+1", ".5", "1x",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                        "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                        "123456789012345678901234567890", "NaN", "Infinity", "-1", "1 2",
                        "1.5e999"}) {
    for (const char* key : {"profile", "retention_days", "monthly_users", "tpp"}) {
      lines.push_back(with_raw(line, key, n));
    }
  }
  // Literals.
  for (const char* l : {"tru", "truee", "True", "nul", "nulll", "falsey", "fals", "null", "true",
                        "false"}) {
    for (const char* key : {"personal_data", "open_weights", "monthly_users", "profile"}) {
      lines.push_back(with_raw(line, key, l));
    }
  }
  // Wrong types, each where the profile has a value of another.
  with("/product/name", 42);
  with("/product/name", true);
  with("/product/name", nlohmann::ordered_json::array());
  with("/product/name", nlohmann::ordered_json::object());
  with("/product/name", nullptr);
  with("/product/name", "");
  with("/product/id", nullptr);
  with("/product/id", "");
  with("/product/monthly_users", "2000");
  with("/product/monthly_users", 20.5);
  with("/product/monthly_users", 2000.0);
  with("/product/monthly_users", true);
  with("/product/monthly_users", -1);
  with("/product/monthly_users", 9223372036854775807LL);
  with("/product/monthly_users", 18446744073709551615ULL);
  with("/profile", 2);
  with("/profile", "1");
  with("/compliance/ai_disclosure", "true");
  with("/compliance/ai_disclosure", 1);
  with("/compliance/ai_disclosure", nullptr);
  with("/deployment/markets", "US");
  with("/deployment/markets", nlohmann::ordered_json::array());
  with("/deployment/markets", nlohmann::ordered_json::array({"US", nullptr}));
  with("/deployment/markets", nlohmann::ordered_json::array({"ZZ"}));
  with("/deployment/markets", nlohmann::ordered_json::array({"us"}));
  with("/deployment/markets", nlohmann::ordered_json::array({"US-NY", "US-ZZ", "EU", "CN-BJ"}));
  with("/deployment/markets", nlohmann::ordered_json::array({1}));
  with("/deployment/markets", nlohmann::ordered_json::object({{"US", true}}));
  with("/deployment", nullptr);
  with("/deployment", nlohmann::ordered_json::object());
  with("/deployment", nlohmann::ordered_json::array());
  with("/product", nlohmann::ordered_json::object());
  with("/product", nullptr);
  with("/data", nlohmann::ordered_json::object());
  with("/data/storage", nlohmann::ordered_json::object());
  with("/data/storage", nlohmann::ordered_json::object({{"default", nullptr}}));
  with("/data/storage", nlohmann::ordered_json::object({{"XX", {"IE"}}}));
  with("/data/storage", nlohmann::ordered_json::object({{"", {"IE"}}}));
  with("/data/storage", nlohmann::ordered_json::array());
  with("/data/transfers", nlohmann::ordered_json::array({nlohmann::ordered_json::object()}));
  with("/data/transfers", nlohmann::ordered_json::array({nullptr}));
  with("/data/transfers", nlohmann::ordered_json::object());
  with("/deployment/audiences", nlohmann::ordered_json::array({"minors", "nobody"}));
  with("/deployment/audiences", nlohmann::ordered_json::array({"minors", "minors"}));
  // Unknown fields, at the root and nested.
  with("/unknown", 1);
  with("/product/colour", "red");
  with("/deployment/markts", nlohmann::ordered_json::array({"AU"}));
  // Strings with escapes, non-ASCII text, control characters, and invalid escapes.
  for (const char* text :
       {"\\u0041cme", "A\\\"cme", "A\\\\cme", "A\\/cme", "A\\ncme", "A\\tcme", "\\u00e9",
        "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\u12", "\\x41", "\\", "\xc3\xa9t\xc3\xa9",
        "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\x01", "\x7f", "a\tb",
        "a very long name that goes on past sixteen bytes \\u0041 and more", "\\u0000"}) {
    lines.push_back(replaced(line, "\"name\":\"Generated product",
                             std::string("\"name\":\"") + text + "\",\"z\":\"Generated product"));
    lines.push_back(replaced(line, "\"name\":\"Generated product",
                             std::string("\"name\":\"") + text + "Generated product"));
  }
  // Keys with escapes (the DOM reads them unescaped), and odd keys.
  lines.push_back(replaced(line, "\"profile\":", "\"pro\\u0066ile\":"));
  lines.push_back(replaced(line, "\"profile\":", "\"pro\\\"file\":"));
  lines.push_back(replaced(line, "\"profile\":", "\"profile\\u0000\":"));
  lines.push_back(replaced(line, "\"profile\":", "\"\":1,\"profile\":"));
  lines.push_back(replaced(line, "\"storage\":{\"", "\"storage\":{\"\\u0049E\":[\"IE\"],\""));
  // Deep nesting where a list or a record is expected, within simdjson's bound and past it.
  for (const std::size_t depth : {2u, 63u, 64u, 65u, 66u, 200u, 1030u}) {
    const std::string deep = std::string(depth, '[') + std::string(depth, ']');
    lines.push_back(replaced(line, "\"markets\":[", "\"markets\":[" + deep + ","));
    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"vendor\":";
    objects += "1" + std::string(depth, '}');
    lines.push_back(replaced(line, "\"vendor\":", "\"vendor\":" + objects + ",\"w\":"));
  }
  return lines;
}

}  // namespace

TEST_CASE("generated lines are typed by the On-Demand path exactly as by the full typer",
          "[profile][jsonl][fast][ondemand]") {
  const lexgate::library lib = standard_library();
  ondemand_typer lazy(lib.profile_schema());
  const auto file = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  std::size_t accepted = 0;
  constexpr std::uint64_t count = 400;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string line = lexgate::bench::generate_profile(17, i).dump();
    const auto number = static_cast<std::uint32_t>(i + 1);
    lexgate::diagnostic_bag bag;
    const auto full =
        lexgate::detail::load_json_profile_full(line, number, file, lib.profile_schema(), bag);
    INFO("line " << number << ": " << line);
    REQUIRE(full);
    if (!lazy.type(line, number)) continue;
    ++accepted;
    CHECK(lazy.typed.id == full->id);
    CHECK(value_difference(lazy.typed.root, full->root).empty());
  }
  // The generator writes valid profiles without escapes: On-Demand takes every one.
  CHECK(accepted == count);
}

TEST_CASE("odd and hostile lines give the full typer's profile or diagnostics",
          "[profile][jsonl][fast][ondemand]") {
  lexgate::testing::typer_pair typers;
  const lexgate::library lib = standard_library();
  ondemand_typer lazy(lib.profile_schema());
  std::uint32_t number = 0;
  std::size_t refused = 0;
  std::size_t taken_lazily = 0;
  std::size_t lines_tried = 0;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    const nlohmann::ordered_json base = lexgate::bench::generate_profile(23, seed);
    const std::string valid = base.dump();
    for (const std::string& line : odd_lines(base)) {
      ++lines_tried;
      // Through the reader: On-Demand, then the DOM's fast path, then the full typer.
      const auto t = typers.compare(line, ++number);
      if (!t.fast) ++refused;
      // The On-Demand path alone never accepts what the full typer refuses, nor types it
      // otherwise.
      if (lazy.type(line, number)) {
        ++taken_lazily;
        INFO("line " << number << ": " << line);
        REQUIRE(t.full);
        CHECK(lazy.typed.id == t.full->id);
        CHECK(value_difference(lazy.typed.root, t.full->root).empty());
      }
      // A valid line after each odd one: the memory and the reused profile recover.
      typers.compare(valid, ++number);
      INFO("valid line " << number << " after: " << line);
      CHECK(lazy.type(valid, number));
    }
  }
  CHECK(refused > lines_tried / 2);  // most of them are errors
  CHECK(taken_lazily > 0);           // and some are valid (white space, escapes left out)
}

TEST_CASE("the reader reads a line's bytes only, whatever follows it in memory",
          "[profile][jsonl][fast][ondemand]") {
  const lexgate::library lib = standard_library();
  const auto file = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  lexgate::json_profile_reader reader;
  lexgate::profile reused;
  for (std::uint64_t i = 0; i < 20; ++i) {
    const std::string line = lexgate::bench::generate_profile(29, i).dump();
    // The line at the very end of an allocation of its size (a read past it is caught by the
    // sanitizers and valgrind), and followed by more text: the `}` after it is not the line's.
    std::unique_ptr<char[]> exact(new char[line.size()]);
    std::memcpy(exact.get(), line.data(), line.size());
    const std::string followed = line + "}]\"x\n" + line;
    for (const std::string_view view :
         {std::string_view(exact.get(), line.size()), std::string_view(followed.data(), line.size())}) {
      lexgate::diagnostic_bag bag;
      lexgate::diagnostic_bag full_bag;
      const auto number = static_cast<std::uint32_t>(i + 1);
      REQUIRE(reader.load_into(view, number, file, lib.profile_schema(), bag, reused));
      const auto full =
          lexgate::detail::load_json_profile_full(line, number, file, lib.profile_schema(), full_bag);
      REQUIRE(full);
      CHECK(value_difference(reused.root, full->root).empty());
    }
    // Cut short inside a larger text: an error, not the rest of the text.
    lexgate::diagnostic_bag bag;
    const std::string_view cut(followed.data(), line.size() - 1);
    CHECK_FALSE(reader.load_into(cut, 1, file, lib.profile_schema(), bag, reused));
    CHECK(bag.has_errors());
  }
}

namespace {

// `line` with the array written after the first `"key":` replaced by `raw` as written.
std::string with_list(std::string line, const std::string& key, const std::string& raw) {
  const std::string marker = "\"" + key + "\":[";
  const std::size_t at = line.find(marker);
  if (at == std::string::npos) return line;
  const std::size_t start = at + marker.size() - 1;
  const std::size_t end = line.find(']', start);
  line.replace(start, end + 1 - start, raw);
  return line;
}

}  // namespace

// Lists of strings (codes, enum values) are read from their text in one pass: every way of
// writing one must give the full typer's profile or its diagnostics.
TEST_CASE("lists of strings written every way give the full typer's profile or diagnostics",
          "[profile][jsonl][fast][ondemand]") {
  lexgate::testing::typer_pair typers;
  const lexgate::library lib = standard_library();
  ondemand_typer lazy(lib.profile_schema());
  const std::vector<std::string> markets = {
      // Valid, written plainly and with white space between tokens.
      "[\"US\"]", "[\"US\",\"IT\",\"US-NY\",\"CN\"]", "[ \"US\" , \"IT\" ]", "[\t\"US\"\t]",
      "[\r\n\"US\",\n\"IT\"\r\n]", "[\"US\"   ]", "[   \"US\"]", "[\"US\" ,\"IT\"]",
      "[\"US\", \"IT\"] ", "[\"AU\",\"BR\",\"CA\",\"CN\",\"DE\",\"FR\",\"GB\",\"IN\",\"IT\","
      "\"JP\",\"KR\",\"SG\",\"US\",\"US-CA\",\"US-NY\",\"US-TX\",\"IE\",\"ES\"]",
      // Empty: an error of the full path (no market).
      "[]", "[ ]", "[\t]",
      // Broken structure.
      "[\"US\",]", "[,\"US\"]", "[\"US\",,\"IT\"]", "[\"US\" \"IT\"]", "[\"US\":\"IT\"]",
      "[\"US]", "[\"US\"", "[\"US\"}", "[US]", "['US']",
      // Items that are not plain strings.
      "[null]", "[\"US\",null]", "[1]", "[true]", "[[\"US\"]]", "[{\"US\":1}]", "[\"US\",[]]",
      "[\"U\\u0053\"]", "[\"US\\\\\"]", "[\"U\\\"S\"]", "[\"\\u0055\\u0053\",\"IT\"]",
      "[\"U\x01S\"]", "[\"\xc3\xa9\"]", "[\"U\x7fS\"]", "[\"US\t\"]", "[\"\"]",
      // Codes that are not valid, of every length around the sixteen bytes read at once.
      "[\"ZZ\"]", "[\"us\"]", "[\"US-NYC\"]", "[\"ABCDEFGHIJKLMNO\"]", "[\"ABCDEFGHIJKLMNOP\"]",
      "[\"ABCDEFGHIJKLMNOPQ\"]", "[\"US\",\"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH\"]"};
  const std::vector<std::string> audiences = {
      "[\"minors\"]", "[ \"minors\" , \"government\" ]", "[\"minors\",\"minors\"]",
      "[\"nobody\"]", "[\"minors\",]", "[\"min\\u006frs\"]", "[\"minors\" \"government\"]",
      "[\"a value much longer than sixteen bytes\"]", "[]", "[ ]", "[null]"};
  std::uint32_t number = 0;
  std::size_t taken_lazily = 0;
  for (std::uint64_t seed = 0; seed < 3; ++seed) {
    const nlohmann::ordered_json base = lexgate::bench::generate_profile(31, seed);
    const std::string valid = base.dump();
    std::vector<std::string> lines;
    for (const std::string& raw : markets) lines.push_back(with_list(valid, "markets", raw));
    for (const std::string& raw : audiences) {
      lines.push_back(with_list(valid, "audiences", raw));
      lines.push_back(with_list(valid, "capabilities", raw));
    }
    for (const std::string& line : lines) {
      const auto t = typers.compare(line, ++number);
      if (lazy.type(line, number)) {
        ++taken_lazily;
        INFO("line " << number << ": " << line);
        REQUIRE(t.full);
        CHECK(lazy.typed.id == t.full->id);
        CHECK(value_difference(lazy.typed.root, t.full->root).empty());
      }
      typers.compare(valid, ++number);
      CHECK(lazy.type(valid, number));
    }
  }
  CHECK(taken_lazily > 0);
}

// A line read where it lies (`load_padded_into`, as `scan` reads the lines of its blocks) is
// followed by its line break or zeros, then by more of the block: every line, odd or not, must
// give what the full typer gives, whatever follows, and one followed by anything but a line
// break or a NUL is copied (a `}` after a line cut short must not complete it).
TEST_CASE("lines read where they lie in a padded block give the full typer's profile or diagnostics",
          "[profile][jsonl][fast][ondemand]") {
  const lexgate::library lib = standard_library();
  const auto file = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  lexgate::json_profile_reader reader;
  lexgate::profile reused;
  std::uint32_t number = 0;
  std::size_t accepted = 0;
  for (std::uint64_t seed = 0; seed < 2; ++seed) {
    const nlohmann::ordered_json base = lexgate::bench::generate_profile(37, seed);
    const std::string valid = base.dump();
    std::vector<std::string> lines = odd_lines(base);
    lines.push_back(valid.substr(0, valid.size() - 1));  // cut short, before its `}`
    lines.push_back(valid.substr(0, valid.size() - 2));
    for (const std::string& line : lines) {
      for (const std::string& after : {std::string("\n") + valid, std::string("\r\n}"),
                                      std::string(1, '\0'), std::string("}"),
                                      std::string("]}\n"), std::string(" }")}) {
        // The line, what follows it, and the padding a block keeps after its text.
        std::string block = line + after;
        block.append(lexgate::json_profile_reader::line_padding, '\0');
        const std::string_view view(block.data(), line.size());
        ++number;
        lexgate::diagnostic_bag bag;
        lexgate::diagnostic_bag full_bag;
        const bool fast =
            reader.load_padded_into(view, number, file, lib.profile_schema(), bag, reused);
        const auto full = lexgate::detail::load_json_profile_full(line, number, file,
                                                                  lib.profile_schema(), full_bag);
        INFO("line " << number << ": " << line << " followed by " << after);
        REQUIRE(fast == full.has_value());
        CHECK(lexgate::testing::diagnostics_text(bag) ==
              lexgate::testing::diagnostics_text(full_bag));
        if (fast) {
          ++accepted;
          CHECK(reused.id == full->id);
          CHECK(value_difference(reused.root, full->root).empty());
        }
      }
    }
  }
  CHECK(accepted > 0);
}

// The plainest lines are read from their text before simdjson is asked: that path alone must
// take every generated line, never take a line the full typer refuses, and type every line it
// takes as the full typer does, whatever way it is written (odd lines, lists of strings).
TEST_CASE("the path reading lines from their text types them exactly as the full typer",
          "[profile][jsonl][fast][ondemand]") {
  lexgate::testing::typer_pair typers;
  const lexgate::library lib = standard_library();
  ondemand_typer text(lib.profile_schema(), true);
  std::uint32_t number = 0;
  std::size_t generated = 0;
  for (std::uint64_t i = 0; i < 300; ++i) {
    const std::string line = lexgate::bench::generate_profile(41, i).dump();
    const auto t = typers.compare(line, ++number);
    REQUIRE(t.full);
    INFO("line " << number << ": " << line);
    if (!text.type(line, number)) continue;
    ++generated;
    CHECK(text.typed.id == t.full->id);
    CHECK(value_difference(text.typed.root, t.full->root).empty());
  }
  CHECK(generated == 300);  // the generator writes the plainest JSON
  std::size_t taken = 0;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    const nlohmann::ordered_json base = lexgate::bench::generate_profile(43, seed);
    const std::string valid = base.dump();
    std::vector<std::string> lines = odd_lines(base);
    for (const char* raw : {"[ \"US\" , \"IT\" ]", "[\"US\",]", "[\"U\\u0053\"]", "[]", "[\"US\" \"IT\"]",
                            "[\"US\"", "[null]", "[\"ZZ\"]", "[\"US\",\"US-NY\"]"}) {
      lines.push_back(with_list(valid, "markets", raw));
      lines.push_back(with_list(valid, "capabilities", raw));
    }
    lines.push_back(replaced(valid, "\"storage\":{", "\"storage\":{ \"IT\" : [ \"DE\" ] ,"));
    lines.push_back(replaced(valid, "\"storage\":{", "\"storage\":{\"IT\":null,"));
    lines.push_back(replaced(valid, "\"storage\":{", "\"storage\":{\"I\\u0054\":[\"DE\"],"));
    lines.push_back(replaced(valid, "\"models\":[", "\"models\":[ {\"name\":\"x\"} ,"));
    lines.push_back(replaced(valid, "\"models\":[", "\"models\":[null,"));
    lines.push_back(replaced(valid, "\"models\":[", "\"models\":[{},"));
    for (const std::string& line : lines) {
      const auto t = typers.compare(line, ++number);
      if (text.type(line, number)) {
        ++taken;
        INFO("line " << number << ": " << line);
        REQUIRE(t.full);
        CHECK(text.typed.id == t.full->id);
        CHECK(value_difference(text.typed.root, t.full->root).empty());
      }
      typers.compare(valid, ++number);
      CHECK(text.type(valid, number));
    }
  }
  CHECK(taken > 0);
}
