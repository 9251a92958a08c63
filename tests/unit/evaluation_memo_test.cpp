// The evaluation state remembers, per library, how each rule is timed on the as-of date and the
// outcome of every `applies when` that reads only `market`, for each market code. A report from a
// state that remembers must equal a fresh evaluation's, whatever was judged before it: another
// library with the same regime, another date, another level of detail, other markets.
#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "lexgate/source.hpp"
#include "report/reports.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

std::string json_of(const lexgate::report& r) {
  return lexgate::report_writers::render_json(std::vector<lexgate::report>{r});
}

// Judged on every market; applies only in CN and TW, where it reads `market` twice.
const char* const kAbroadInCn = R"lg(
regime t.abroad {
  title "Test" authority "Test" jurisdiction KR instrument law reach extraterritorial
  effective 2024-01-01 source "https://example.org/abroad"
  applies when market in ["CN", "TW"] or market == "TW"
  rule vendor_there {
    cite "Art. 1" severity block
    forbid product.vendor.country == market
    message "vendor in {market}" remedy "choose another vendor"
  }
  rule later {
    cite "Art. 2" severity warn effective 2026-01-01
    forbid product.vendor.country == market
    message "vendor in {market}, later" remedy "choose another vendor"
  }
}
regime t.home {
  title "Test" authority "Test" jurisdiction EU instrument law
  effective 2024-01-01 source "https://example.org/home"
  applies when market within "EU" and not (market == "FR")
  rule filed {
    cite "Art. 3" severity block
    require compliance.filing == "completed"
    message "file it in {market}" remedy "file it"
  }
}
)lg";

// The same regime ids at the same positions, with other scopes.
const char* const kAbroadInEu = R"lg(
regime t.abroad {
  title "Test" authority "Test" jurisdiction KR instrument law reach extraterritorial
  effective 2024-01-01 source "https://example.org/abroad"
  applies when market within "EU"
  rule vendor_there {
    cite "Art. 1" severity block
    forbid product.vendor.country == market
    message "vendor in {market}" remedy "choose another vendor"
  }
  rule later {
    cite "Art. 2" severity warn effective 2025-09-01
    forbid product.vendor.country == market
    message "vendor in {market}, later" remedy "choose another vendor"
  }
}
regime t.home {
  title "Test" authority "Test" jurisdiction EU instrument law
  effective 2024-01-01 source "https://example.org/home"
  applies when true and not (market in ["IT"])
  rule filed {
    cite "Art. 3" severity block
    require compliance.filing == "completed"
    message "file it in {market}" remedy "file it"
  }
}
)lg";

std::string profile_yaml(const std::string& country, const std::string& markets,
                         const std::string& filing) {
  std::string yaml = "profile: 1\nproduct: { id: p, vendor: { name: V, country: " + country +
                     " } }\ndeployment: { markets: [" + markets + "] }\n";
  if (!filing.empty()) yaml += "compliance: { filing: " + filing + " }\n";
  return yaml;
}

}  // namespace

TEST_CASE("scopes that read only the market, remembered, give a fresh evaluation's report",
          "[eval][state]") {
  const lexgate::library first = library_with(kAbroadInCn);
  const lexgate::library second = library_with(kAbroadInEu);
  lexgate::evaluation_state state;
  lexgate::report reused;
  int compared = 0;
  for (const char* as_of : {"2025-06-01", "2025-12-15", "2026-02-01", "2025-06-01"}) {
    for (const char* country : {"CN", "TW", "IT", "FR"}) {
      for (const char* markets : {"IT, CN, FR", "TW, AU-NSW, EU", "FR, AU, TW, CN"}) {
        for (const char* filing : {"", "none", "completed"}) {
          for (const auto detail :
               {lexgate::report_detail::verdicts, lexgate::report_detail::evidence,
                lexgate::report_detail::full}) {
            for (const lexgate::library* lib : {&first, &second, &first}) {
              lexgate::evaluate_options options;
              options.as_of = *lexgate::date::parse(as_of);
              options.detail = detail;
              const lexgate::profile p = profile_from(*lib, profile_yaml(country, markets, filing));
              lexgate::evaluate(*lib, p, options, state, reused);
              INFO(as_of << ", vendor " << country << ", markets " << markets << ", filing '"
                         << filing << "', detail " << static_cast<int>(detail) << ", "
                         << (lib == &first ? "the first" : "the second") << " library");
              REQUIRE(json_of(reused) == json_of(lexgate::evaluate(*lib, p, options)));
              ++compared;
            }
          }
        }
      }
    }
  }
  CHECK(compared == 4 * 4 * 3 * 3 * 3 * 3);
}

TEST_CASE("a remembered scope still judges the rules where it applies", "[eval][state]") {
  const lexgate::library lib = library_with(kAbroadInCn);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  lexgate::evaluation_state state;
  lexgate::report reused;
  // First where the scope does not apply (remembered as not applying there), then where it does.
  lexgate::evaluate(lib, profile_from(lib, profile_yaml("CN", "IT, AU", "completed")), options,
                    state, reused);
  CHECK(find(reused, "IT", "t.abroad.vendor_there") == nullptr);
  const lexgate::profile in_cn = profile_from(lib, profile_yaml("CN", "IT, CN", "completed"));
  for (int round = 0; round < 2; ++round) {
    lexgate::evaluate(lib, in_cn, options, state, reused);
    const lexgate::finding* f = find(reused, "CN", "t.abroad.vendor_there");
    REQUIRE(f != nullptr);
    CHECK(f->status == lexgate::finding_status::violation);
    // The scope's read of `market` is evidence, as when it is evaluated.
    bool market_read = false;
    for (const auto& e : f->evidence) market_read = market_read || e.path == "deployment.markets";
    CHECK(market_read);
    CHECK(find(reused, "IT", "t.abroad.vendor_there") == nullptr);
    // In IT the rule in force is judged, and not applicable; the one not yet in force is not.
    const lexgate::market_report* it = market(reused, "IT");
    REQUIRE(it != nullptr);
    std::vector<std::string> abroad;
    for (const auto& r : it->evaluated) {
      if (r.rule.starts_with("t.abroad.")) {
        abroad.emplace_back(r.rule);
        CHECK(r.outcome == lexgate::rule_outcome::not_applicable);
      }
    }
    CHECK(abroad == std::vector<std::string>{"t.abroad.vendor_there"});
  }
}

TEST_CASE("a rule coming into force is judged as upcoming where its regime's scope applies",
          "[eval][state]") {
  const lexgate::library lib = library_with(kAbroadInCn);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-12-15");  // `later` takes effect within 90 days
  lexgate::evaluation_state state;
  lexgate::report reused;
  for (int round = 0; round < 2; ++round) {
    lexgate::evaluate(lib, profile_from(lib, profile_yaml("TW", "IT, TW", "completed")), options,
                      state, reused);
    const lexgate::finding* later = find(reused, "TW", "t.abroad.later");
    REQUIRE(later != nullptr);
    CHECK(later->status == lexgate::finding_status::upcoming);
    CHECK(find(reused, "IT", "t.abroad.later") == nullptr);
    CHECK(find(reused, "TW", "t.abroad.vendor_there") != nullptr);
  }
}

// `within` remembers the jurisdiction code of each value it reads, for one evaluation: a profile
// loaded into the same memory (as `scan` loads line after line) has other codes at the same
// addresses, and must be judged as a fresh profile is.
const char* const kWithin = R"lg(
regime t.reach {
  title "Test" authority "Test" jurisdiction EU instrument law reach extraterritorial
  effective 2024-01-01 source "https://example.org/reach"
  rule vendor_outside {
    cite "Art. 1" severity block
    forbid not (product.vendor.country within "EU") and not (product.vendor.country within market)
    message "vendor outside" remedy "choose another vendor"
  }
  rule model_from_market {
    cite "Art. 2" severity warn
    forbid any m in product.models: m.provider_country within market
    message "model from {market}" remedy "choose another model"
  }
  rule eu_market {
    cite "Art. 3" severity warn
    forbid market within "EU" and product.vendor.country == "CN"
    message "vendor in China, market {market} in the EU" remedy "choose another vendor"
  }
}
)lg";

TEST_CASE("jurisdiction codes remembered for one evaluation are not those of the next profile",
          "[eval][state]") {
  const lexgate::library lib = library_with(kWithin);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  lexgate::evaluation_state state;
  lexgate::report reused;
  lexgate::json_profile_reader reader;
  lexgate::profile loaded;
  const auto file = std::make_shared<const lexgate::source_file>("profiles.jsonl", "");
  const std::vector<std::string> countries = {"IT", "CN", "FR", "AU-NSW", "TW", "US-TX", "AU"};
  int line = 0;
  for (const std::string& vendor : countries) {
    for (const std::string& model : countries) {
      const std::string json =
          R"({"profile":1,"product":{"id":"p","vendor":{"name":"V","country":")" + vendor +
          R"("},"models":[{"name":"m","provider_country":")" + model +
          R"("}]},"deployment":{"markets":["IT","CN","AU","US-TX","EU"]}})";
      lexgate::diagnostic_bag bag;
      REQUIRE(reader.load_into(json, static_cast<std::uint32_t>(++line), file,
                               lib.profile_schema(), bag, loaded));
      lexgate::evaluate(lib, loaded, options, state, reused);
      INFO("vendor " << vendor << ", model from " << model);
      CHECK(json_of(reused) == json_of(lexgate::evaluate(lib, loaded, options)));
      CHECK((find(reused, "CN", "t.reach.model_from_market") != nullptr) == (model == "CN"));
      CHECK((find(reused, "AU", "t.reach.model_from_market") != nullptr) ==
            (model == "AU" || model == "AU-NSW"));
      // `market within "EU"` is asked of each market in turn: the market is never remembered.
      for (const char* m : {"IT", "EU"}) {
        INFO("market " << m);
        CHECK((find(reused, m, "t.reach.eu_market") != nullptr) == (vendor == "CN"));
      }
      for (const char* m : {"CN", "AU", "US-TX"}) {
        INFO("market " << m);
        CHECK(find(reused, m, "t.reach.eu_market") == nullptr);
      }
    }
  }
}

// Where each market code stands in the jurisdiction table is remembered per library: another
// library, whose table lists the codes in another order, must not be judged with those places.
TEST_CASE("market positions remembered for one library are not another's", "[eval][state]") {
  std::string reordered = kTestSchema;
  const std::string listed = "  CN, TW, AU, KR\n";
  const auto at = reordered.find(listed);
  REQUIRE(at != std::string::npos);
  reordered.replace(at, listed.size(), "  KR, AU, TW, CN\n");
  lexgate::diagnostic_bag bag;
  // A regime of CN alone: judged where the market's place in the table is CN's.
  const std::string rules = std::string(kAbroadInCn) + R"lg(
regime t.cn {
  title "Test" authority "Test" jurisdiction CN instrument law
  effective 2024-01-01 source "https://example.org/cn"
  rule filed {
    cite "Art. 4" severity block
    require compliance.filing == "completed"
    message "file it" remedy "file it"
  }
}
)lg";
  const auto other = library_from({{"schema.rules", reordered}, {"test.rules", rules}}, bag);
  REQUIRE(other.has_value());
  const lexgate::library first = library_with(rules);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  lexgate::evaluation_state state;
  lexgate::report reused;
  for (int round = 0; round < 3; ++round) {
    for (const lexgate::library* lib : {&first, &*other}) {
      for (const char* markets : {"CN, TW, AU", "KR, AU-NSW, IT", "TW, EU, US-TX"}) {
        const lexgate::profile p = profile_from(*lib, profile_yaml("TW", markets, "none"));
        lexgate::evaluate(*lib, p, options, state, reused);
        INFO((lib == &first ? "the first" : "the reordered") << " library, markets " << markets);
        REQUIRE(json_of(reused) == json_of(lexgate::evaluate(*lib, p, options)));
      }
    }
    const lexgate::profile in_tw = profile_from(*other, profile_yaml("TW", "KR, TW", "none"));
    lexgate::evaluate(*other, in_tw, options, state, reused);
    CHECK(find(reused, "TW", "t.abroad.vendor_there") != nullptr);
    CHECK(find(reused, "KR", "t.abroad.vendor_there") == nullptr);
    const lexgate::profile in_cn = profile_from(*other, profile_yaml("TW", "KR, CN", "none"));
    lexgate::evaluate(*other, in_cn, options, state, reused);
    CHECK(find(reused, "CN", "t.cn.filed") != nullptr);
    CHECK(find(reused, "KR", "t.cn.filed") == nullptr);
  }
}
