// Evidence that refers to the profile's values (`report_detail::evidence_in_place`, what
// `scan --format jsonl` asks for) against the straightforward path: over profiles loaded into
// one reused profile and judged into one reused report and state, each item's value (its own,
// or the copy of one that is not the profile's) and position are those of a fresh `evidence`
// report, and the report is that report once the values are copied back. Detail levels change
// from profile to profile too, so items kept from one level are reused at another.
#include <iterator>
#include <string>
#include <vector>

#include "generator/profile_generator.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "report/json_model.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"

namespace {

// A value as `evidence_item::data` holds it: without its own and its items' paths.
lexgate::value without_paths(const lexgate::value& v) {
  lexgate::value out = v;
  out.path.clear();
  for (auto& item : out.items) item = without_paths(item);
  return out;
}

}  // namespace

TEST_CASE("evidence in place is the evidence report, value for value",
          "[eval][scan][fast]") {
  using lexgate::report_detail;
  lexgate::diagnostic_bag library_bag;
  const auto lib = lexgate::load_standard_library(library_bag);
  REQUIRE(lib);
  std::vector<std::string> lines;
  for (std::uint64_t i = 0; i < 400; ++i) {
    lines.push_back(lexgate::bench::generate_profile(23, i).dump());
  }
  std::size_t in_place_seen = 0;
  std::size_t copied_seen = 0;
  const report_detail levels[] = {report_detail::evidence_in_place, report_detail::evidence_typed,
                                  report_detail::evidence_in_place, report_detail::full,
                                  report_detail::evidence_in_place, report_detail::verdicts};
  for (const char* day : {"2025-06-01", "2026-09-01"}) {
    lexgate::evaluate_options options;
    options.as_of = *lexgate::date::parse(day);
    lexgate::json_profile_reader reader;
    lexgate::profile reused_profile;
    lexgate::evaluation_state state;
    lexgate::report reused;
    const auto source = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      lexgate::diagnostic_bag bag;
      REQUIRE(reader.load_into(lines[i], static_cast<std::uint32_t>(i + 1), source,
                               lib->profile_schema(), bag, reused_profile));
      const report_detail level = levels[i % std::size(levels)];
      options.detail = level;
      lexgate::evaluate(*lib, reused_profile, options, state, reused);
      if (level != report_detail::evidence_in_place) continue;

      lexgate::diagnostic_bag fresh_bag;
      const auto fresh = lexgate::json_profile_reader().load(
          lines[i], static_cast<std::uint32_t>(i + 1), source, lib->profile_schema(), fresh_bag);
      REQUIRE(fresh);
      options.detail = report_detail::evidence;
      lexgate::report expected = lexgate::evaluate(*lib, *fresh, options);
      INFO(day << ", line " << (i + 1) << ": " << lines[i]);
      REQUIRE(reused.markets.size() == expected.markets.size());
      for (std::size_t m = 0; m < expected.markets.size(); ++m) {
        auto& got = reused.markets[m].findings;
        auto& want = expected.markets[m].findings;
        REQUIRE(got.size() == want.size());
        for (std::size_t f = 0; f < want.size(); ++f) {
          REQUIRE(got[f].evidence.size() == want[f].evidence.size());
          for (std::size_t e = 0; e < want[f].evidence.size(); ++e) {
            auto& item = got[f].evidence[e];
            const auto& wanted = want[f].evidence[e];
            CHECK(item.value.empty());
            CHECK(item.where.line == wanted.where.line);
            CHECK(item.where.column == wanted.where.column);
            if (item.read != nullptr) {
              ++in_place_seen;
              // Nothing copied, and the value referred to is the profile's, where it sits.
              CHECK(item.path.empty());
              CHECK(item.data.k == lexgate::value::kind::absent);
              CHECK(item.data.text.empty());
              CHECK(item.read->path == wanted.path);
              CHECK(lexgate::testing::value_difference(without_paths(*item.read), wanted.data)
                        .empty());
              // Copied back, for the comparison of whole reports below.
              item.path = item.read->path;
              item.data = without_paths(*item.read);
            } else {
              ++copied_seen;  // `market` in a rule: the evaluator's value, copied
              CHECK(item.path == wanted.path);
              CHECK(lexgate::testing::value_difference(item.data, wanted.data).empty());
            }
          }
        }
      }
      for (auto& m : expected.markets) {
        for (auto& f : m.findings) {
          for (auto& e : f.evidence) e.value.clear();
        }
      }
      CHECK(lexgate::report_writers::report_json(reused).dump() ==
            lexgate::report_writers::report_json(expected).dump());
    }
  }
  CHECK(in_place_seen > 300);  // the generated fleet has findings with evidence
}

TEST_CASE("evidence other than in place refers to nothing", "[eval][scan][fast]") {
  lexgate::diagnostic_bag library_bag;
  const auto lib = lexgate::load_standard_library(library_bag);
  REQUIRE(lib);
  lexgate::json_profile_reader reader;
  lexgate::profile reused_profile;
  lexgate::evaluation_state state;
  lexgate::report reused;
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  const auto source = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  std::size_t items = 0;
  for (std::uint64_t i = 0; i < 60; ++i) {
    const std::string line = lexgate::bench::generate_profile(29, i).dump();
    lexgate::diagnostic_bag bag;
    REQUIRE(reader.load_into(line, static_cast<std::uint32_t>(i + 1), source,
                             lib->profile_schema(), bag, reused_profile));
    // In place, then typed over the same memory: no item may still refer to the profile.
    options.detail = lexgate::report_detail::evidence_in_place;
    lexgate::evaluate(*lib, reused_profile, options, state, reused);
    options.detail = i % 2 == 0 ? lexgate::report_detail::evidence_typed
                                : lexgate::report_detail::full;
    lexgate::evaluate(*lib, reused_profile, options, state, reused);
    for (const auto& m : reused.markets) {
      for (const auto& f : m.findings) {
        for (const auto& e : f.evidence) {
          CHECK(e.read == nullptr);
          CHECK_FALSE(e.path.empty());
          ++items;
        }
      }
    }
  }
  CHECK(items > 20);
}
