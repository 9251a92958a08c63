// The fleet-scan fast paths against the ways they shortcut: JSON profiles typed straight from
// simdjson into a reused profile against the full typer; evaluation into a reused report, at
// each level of detail, against a fresh full report; the scan's JSON writer against nlohmann.
#include <nlohmann/json.hpp>

#include "generator/profile_generator.hpp"
#include "io/profile_reader.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "report/json_model.hpp"
#include "report/json_writer.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

namespace {

// Profiles that leave the fast path for the full one: valid ones it leaves to the full path's
// conversions, and invalid ones. `variant` picks one; the generated profile is changed in place.
void vary(nlohmann::ordered_json& p, std::uint64_t variant) {
  switch (variant % 6) {
    case 0:
      p["product"]["name"] = 42;  // a number where a string is expected: converted to "42"
      break;
    case 1:
      p["data"]["retention_days"] = 30.0;  // a double that is a whole number: the integer 30
      break;
    case 2:
      p["data"]["storage"] = {{"default", {"IE"}}, {"CN", nullptr}};  // a null entry: dropped
      break;
    case 3:
      p["deployment"]["markts"] = {"AU"};  // an unknown key: an error
      break;
    case 4:
      p["deployment"]["markets"].push_back(nullptr);  // an empty list item: an error
      break;
    default:
      p["compliance"] = {{"content_labeling", "yes"}};  // a string where a boolean is expected
      break;
  }
}

}  // namespace

TEST_CASE("JSON lines typed by the fast path into one reused profile equal the full typer's",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  lexgate::profile& reused = typers.reused;
  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::size_t errors_made = 0;
  for (std::uint64_t i = 0; i < 800; ++i) {
    auto p = lexgate::bench::generate_profile(11, i);
    // Every fifth line takes the full path, so reuse after it (and after errors) is covered.
    if (i % 5 == 4) {
      vary(p, i / 5);
      if ((i / 5) % 6 >= 3) ++errors_made;
    }
    const std::string line = p.dump();
    const auto number = static_cast<std::uint32_t>(i + 1);
    const auto t = typers.type(line, number);
    INFO("line " << number << ": " << line);
    REQUIRE(t.fast == t.full.has_value());
    CHECK(t.fast_diagnostics == t.full_diagnostics);
    if (!t.fast) {
      ++invalid;
      CHECK(reused.root.items.empty());  // emptied, ready for the next line
      continue;
    }
    ++valid;
    CHECK(reused.id == t.full->id);
    CHECK(reused.source == t.full->source);
    const std::string d = lexgate::testing::value_difference(reused.root, t.full->root);
    CHECK(d.empty());
  }
  CHECK(invalid == errors_made);  // variants 3, 4 and 5 are errors, and only they
  CHECK(valid == 800 - errors_made);
}

TEST_CASE("evaluating into a reused report gives the fresh report, at every level of detail",
          "[eval][fast]") {
  using lexgate::report_detail;
  lexgate::diagnostic_bag library_bag;
  const auto lib = lexgate::load_standard_library(library_bag);
  REQUIRE(lib);
  std::vector<lexgate::profile> profiles;
  for (std::uint64_t i = 0; i < 300; ++i) {
    auto source = std::make_shared<const lexgate::source_file>(
        "generated.yaml", lexgate::bench::to_yaml(lexgate::bench::generate_profile(13, i)));
    lexgate::diagnostic_bag bag;
    auto p = lexgate::load_profile(source, lib->profile_schema(), bag);
    REQUIRE(p);
    profiles.push_back(std::move(*p));
  }
  for (const report_detail detail :
       {report_detail::full, report_detail::evidence, report_detail::verdicts}) {
    for (const char* day : {"2025-06-01", "2026-09-01"}) {
      lexgate::evaluate_options options;
      options.as_of = *lexgate::date::parse(day);
      lexgate::report reused;
      for (std::size_t i = 0; i < profiles.size(); ++i) {
        options.detail = report_detail::full;
        lexgate::report expected = lexgate::evaluate(*lib, profiles[i], options);
        // What each level leaves out, left out of the full report by hand.
        for (auto& m : expected.markets) {
          if (detail != report_detail::full) m.coverage.clear();
          for (auto& f : m.findings) {
            if (detail == report_detail::full) continue;
            f.message.clear();
            f.cite = {};
            f.sources = {};
            f.remedy = {};
            if (detail == report_detail::evidence) continue;
            f.missing.clear();
            f.unstated_exceptions.clear();
            f.evidence.clear();
          }
        }
        options.detail = detail;
        lexgate::evaluate(*lib, profiles[i], options, reused);
        INFO("detail " << static_cast<int>(detail) << ", " << day << ", profile " << i);
        CHECK(lexgate::report_writers::report_json(reused).dump() ==
              lexgate::report_writers::report_json(expected).dump());
      }
    }
  }
}

TEST_CASE("the scan's JSON writer writes what nlohmann::json dumps", "[scan][fast]") {
  std::string awkward;
  for (int c = 1; c < 0x80; ++c) awkward += static_cast<char>(c);
  awkward += "é 中文 🙂";
  const std::vector<std::string> texts = {"", "plain", "quote \" and \\ backslash", awkward,
                                          std::string("nul \0 inside", 12)};
  std::string written;
  lexgate::report_writers::json_writer w(written);
  nlohmann::ordered_json expected = nlohmann::ordered_json::object();
  w.begin_object();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string key = "k" + std::to_string(i) + texts[i];
    w.member(key, texts[i]);
    expected[key] = texts[i];
  }
  w.member("number", std::int64_t{-1234567890123});
  expected["number"] = -1234567890123;
  w.key("list");
  w.begin_array();
  w.begin_object();
  w.end_object();
  w.value("x");
  w.begin_array();
  w.end_array();
  w.end_array();
  expected["list"] = {nlohmann::ordered_json::object(), "x", nlohmann::ordered_json::array()};
  w.end_object();
  w.finish();
  CHECK(written == expected.dump());

  // Every character that needs escaping, at every position of strings of every length around
  // the eight bytes the writer tests at once, among plain ASCII and UTF-8.
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f', '\0'}) {
    for (std::size_t length = 1; length <= 20; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        if (length > 3 && at < length - 2) text.replace(length - 2, 2, "\xc3\xa9");  // é
        text[at] = special;
        std::string one;
        lexgate::report_writers::json_writer single(one);
        single.value(text);
        single.finish();
        CHECK(one == nlohmann::json(text).dump());
      }
    }
  }
}
