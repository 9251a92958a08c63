// What `scan --format jsonl` asks of the evaluator against the straightforward path: evaluation
// at detail `evidence_typed` (evidence typed, not rendered), into one reused report and state,
// over profiles loaded into one reused profile, gives a fresh `evidence` report with each
// evidence item's rendered text left empty, and the same typed values.
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

std::string json_of(const lexgate::report& r) {
  return lexgate::report_writers::report_json(r).dump();
}

}  // namespace

TEST_CASE("evidence typed, into reused memory, is the evidence report without rendered text",
          "[eval][scan][fast]") {
  using lexgate::report_detail;
  lexgate::diagnostic_bag library_bag;
  const auto lib = lexgate::load_standard_library(library_bag);
  REQUIRE(lib);
  std::vector<std::string> lines;
  for (std::uint64_t i = 0; i < 400; ++i) {
    lines.push_back(lexgate::bench::generate_profile(17, i).dump());
  }
  std::size_t evidence_seen = 0;
  for (const char* day : {"2025-06-01", "2026-09-01", "2025-06-01"}) {
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
      options.detail = report_detail::evidence_typed;
      lexgate::evaluate(*lib, reused_profile, options, state, reused);

      lexgate::diagnostic_bag fresh_bag;
      const auto fresh = lexgate::json_profile_reader().load(
          lines[i], static_cast<std::uint32_t>(i + 1), source, lib->profile_schema(), fresh_bag);
      REQUIRE(fresh);
      options.detail = report_detail::evidence;
      lexgate::report expected = lexgate::evaluate(*lib, *fresh, options);
      INFO(day << ", line " << (i + 1) << ": " << lines[i]);
      // The typed values are those of the evidence report, item for item.
      REQUIRE(reused.markets.size() == expected.markets.size());
      for (std::size_t m = 0; m < expected.markets.size(); ++m) {
        const auto& got = reused.markets[m].findings;
        const auto& want = expected.markets[m].findings;
        REQUIRE(got.size() == want.size());
        for (std::size_t f = 0; f < want.size(); ++f) {
          REQUIRE(got[f].evidence.size() == want[f].evidence.size());
          for (std::size_t e = 0; e < want[f].evidence.size(); ++e) {
            CHECK(got[f].evidence[e].value.empty());
            CHECK(got[f].evidence[e].path == want[f].evidence[e].path);
            CHECK(lexgate::testing::value_difference(got[f].evidence[e].data,
                                                     want[f].evidence[e].data)
                      .empty());
            ++evidence_seen;
          }
        }
      }
      for (auto& m : expected.markets) {
        for (auto& f : m.findings) {
          for (auto& e : f.evidence) e.value.clear();
        }
      }
      CHECK(json_of(reused) == json_of(expected));
    }
  }
  CHECK(evidence_seen > 1000);  // the generated fleet has findings with evidence
}
