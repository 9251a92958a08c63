// Evaluation: verdicts, three-valued logic, dates, containment, reach, evidence.
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

const char* const kRules = R"lg(
define uses_deepseek = any m in product.models: m.provider == "DeepSeek"

regime cn.filing {
  title "Filing" authority "CAC" jurisdiction CN instrument departmental-rule
  effective 2023-08-15 source "https://example.org/cn"
  applies when "public" in deployment.audiences
  rule filed {
    cite "Art. 17" severity block
    when product.public_opinion_attributes
    require compliance.filing == "completed"
    message "file the algorithm in {market} (now: {compliance.filing})" remedy "file it"
  }
}

regime eu.labels {
  title "Labels" authority "EU" jurisdiction EU instrument regulation
  effective 2026-08-02 source "https://example.org/eu"
  rule label {
    cite "Art. 50" severity warn
    require compliance.labeling
    message "label generated content" remedy "add labels"
  }
}

regime au.gov {
  title "Gov devices" authority "Home Affairs" jurisdiction AU instrument directive
  reach government effective 2025-02-05 source "https://example.org/au"
  applies when "government" in deployment.device_classes
  rule no_deepseek {
    cite "para 1" severity block
    forbid uses_deepseek
    unless compliance.exemption
    message "no DeepSeek on government devices" remedy "replace it"
  }
}

regime us.ban {
  title "Lifted order" authority "X" jurisdiction US instrument order
  effective 2025-01-01 until 2025-06-01 source "https://example.org/us"
  rule storage {
    cite "s. 1" severity block
    forbid "CN" in data.storage[market]
    message "no storage in CN for {market}" remedy "store elsewhere"
  }
}
)lg";

const char* const kDeepSeekGov = R"lg(profile: 1
product:
  id: p
  models:
    - { name: chat, provider: OpenAI }
    - { name: r1, provider: DeepSeek }
deployment:
  markets: [AU, AU-NSW, CN]
  audiences: [public]
  device_classes: [government]
compliance:
  exemption: false
)lg";

}  // namespace

TEST_CASE("a forbidden model on government devices is a violation with evidence", "[eval]") {
  const library lib = library_with(kRules);
  const report r = check(lib, kDeepSeekGov, "2025-03-01");
  const finding* f = find(r, "AU", "au.gov.no_deepseek");
  REQUIRE(f != nullptr);
  CHECK(f->status == finding_status::violation);
  CHECK(f->jurisdiction == "AU");
  CHECK(market(r, "AU")->market_verdict == verdict::blocked);
  // The deciding model is the second one; the first one is not evidence.
  bool saw_deepseek = false;
  for (const auto& e : f->evidence) {
    CHECK(e.path != "product.models[0].provider");
    if (e.path == "product.models[1].provider") {
      saw_deepseek = true;
      CHECK(e.value == "\"DeepSeek\"");
      CHECK(e.where.line == 6);
    }
  }
  CHECK(saw_deepseek);
}

TEST_CASE("government reach binds only the jurisdiction's own market", "[eval]") {
  const library lib = library_with(kRules);
  const report r = check(lib, kDeepSeekGov, "2025-03-01");
  CHECK(find(r, "AU-NSW", "au.gov.no_deepseek") == nullptr);
  // No regime reaches AU-NSW at all (the ban binds the Commonwealth's own systems only), so
  // nothing was checked there: uncovered, never clear.
  CHECK(market(r, "AU-NSW")->market_verdict == verdict::uncovered);
  CHECK(market(r, "AU")->coverage == std::vector<std::string_view>{"au.gov"});
}

TEST_CASE("an exception that holds clears the rule", "[eval]") {
  const library lib = library_with(kRules);
  std::string yaml = kDeepSeekGov;
  yaml.replace(yaml.find("exemption: false"), 16, "exemption: true");
  const report r = check(lib, yaml, "2025-03-01");
  CHECK(find(r, "AU", "au.gov.no_deepseek") == nullptr);
}

TEST_CASE("an exception the profile does not state does not hold: the rule applies", "[eval]") {
  const library lib = library_with(kRules);
  // The exemption is not stated: exceptions are defeasible, so the ban applies and the finding
  // names the exception fact instead of listing it as missing.
  std::string yaml = kDeepSeekGov;
  yaml.erase(yaml.find("compliance:"));
  const report r = check(lib, yaml, "2025-03-01");
  const finding* f = find(r, "AU", "au.gov.no_deepseek");
  REQUIRE(f != nullptr);
  CHECK(f->status == finding_status::violation);
  CHECK(f->missing.empty());
  CHECK(f->unstated_exceptions == std::vector<std::string>{"compliance.exemption"});
  CHECK(f->message.find("(no exemption stated: compliance.exemption)") != std::string::npos);
  CHECK(market(r, "AU")->market_verdict == verdict::blocked);
  CHECK(r.overall == verdict::blocked);
}

TEST_CASE("Kleene logic: a false conjunct decides despite a missing fact", "[eval]") {
  const library lib = library_with(kRules);
  // `when product.public_opinion_attributes` is missing, but the audience is not public, so the
  // regime does not apply at all: no finding, not indeterminate.
  const report r = check(lib, R"lg(profile: 1
product: { id: p }
deployment: { markets: [CN], audiences: [enterprise] }
)lg",
                         "2025-03-01");
  CHECK(find(r, "CN", "cn.filing.filed") == nullptr);
  CHECK(market(r, "CN")->market_verdict == verdict::clear);
}

TEST_CASE("Kleene logic: unknown applicability with a met requirement passes", "[eval]") {
  const library lib = library_with(kRules);
  const report r = check(lib, R"lg(profile: 1
product: { id: p, public_opinion_attributes: true }
deployment: { markets: [CN] }
compliance: { filing: completed }
)lg",
                         "2025-03-01");
  CHECK(find(r, "CN", "cn.filing.filed") == nullptr);
}

TEST_CASE("a pending filing is not a completed one, and the message is filled in", "[eval]") {
  const library lib = library_with(kRules);
  const report r = check(lib, R"lg(profile: 1
product: { id: p, public_opinion_attributes: true }
deployment: { markets: [CN], audiences: [public] }
compliance: { filing: pending }
)lg",
                         "2025-03-01");
  const finding* f = find(r, "CN", "cn.filing.filed");
  REQUIRE(f != nullptr);
  CHECK(f->status == finding_status::violation);
  CHECK(f->message == "file the algorithm in CN (now: pending)");
}

TEST_CASE("rules are in force from effective up to, not including, until", "[eval]") {
  const library lib = library_with(kRules);
  const std::string yaml = R"lg(profile: 1
product: { id: p }
deployment: { markets: [US-TX] }
data: { storage: { default: [US], US-TX: [CN] } }
)lg";
  // The day before, it is only upcoming.
  const report day_before = check(lib, yaml, "2024-12-31");
  const finding* before = find(day_before, "US-TX", "us.ban.storage");
  REQUIRE(before != nullptr);
  CHECK(before->status == finding_status::upcoming);
  const report first_day = check(lib, yaml, "2025-01-01");
  REQUIRE(find(first_day, "US-TX", "us.ban.storage") != nullptr);
  CHECK(find(first_day, "US-TX", "us.ban.storage")->status == finding_status::violation);
  CHECK(find(check(lib, yaml, "2025-01-01"), "US-TX", "us.ban.storage") != nullptr);
  CHECK(find(check(lib, yaml, "2025-05-31"), "US-TX", "us.ban.storage") != nullptr);
  CHECK(find(check(lib, yaml, "2025-06-01"), "US-TX", "us.ban.storage") == nullptr);
}

TEST_CASE("map lookups fall back to the default key", "[eval]") {
  const library lib = library_with(kRules);
  const report r = check(lib, R"lg(profile: 1
product: { id: p }
deployment: { markets: [US-VA, US-TX] }
data: { storage: { default: [CN], US-TX: [US] } }
)lg",
                         "2025-03-01");
  CHECK(find(r, "US-VA", "us.ban.storage") != nullptr);
  CHECK(find(r, "US-TX", "us.ban.storage") == nullptr);
}

TEST_CASE("containment: an EU regime covers its member states", "[eval]") {
  const library lib = library_with(kRules);
  const std::string yaml = R"lg(profile: 1
product: { id: p }
deployment: { markets: [IT, CN] }
compliance: { labeling: false }
)lg";
  const report r = check(lib, yaml, "2026-09-01");
  const finding* f = find(r, "IT", "eu.labels.label");
  REQUIRE(f != nullptr);
  CHECK(f->jurisdiction == "EU");
  CHECK(market(r, "IT")->market_verdict == verdict::attention);
  CHECK(find(r, "CN", "eu.labels.label") == nullptr);
}

TEST_CASE("a rule coming into force soon is upcoming and does not set the verdict", "[eval]") {
  const library lib = library_with(kRules);
  const std::string yaml = R"lg(profile: 1
product: { id: p }
deployment: { markets: [IT] }
compliance: { labeling: false }
)lg";
  evaluate_options options;
  options.as_of = *date::parse("2026-07-01");
  const report r = evaluate(lib, profile_from(lib, yaml), options);
  const finding* f = find(r, "IT", "eu.labels.label");
  REQUIRE(f != nullptr);
  CHECK(f->status == finding_status::upcoming);
  CHECK(f->effective->to_string() == "2026-08-02");
  // Nothing is in force for IT yet: the upcoming finding does not block, and the market is
  // uncovered rather than clear.
  CHECK(r.overall == verdict::uncovered);
  options.upcoming_days = 10;
  CHECK(find(evaluate(lib, profile_from(lib, yaml), options), "IT", "eu.labels.label") == nullptr);
}
