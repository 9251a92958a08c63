// The planner against the evaluator, on random small profiles (seeded, so every run is the
// same): each remediated deployment passes `check` in its markets, and each reported conflict is
// really unsatisfiable while every proper part of it is satisfiable.
#include <random>
#include <set>
#include <sstream>

#include "analyse/solver/planner.hpp"
#include "lexgate/plan.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

class profile_maker {
 public:
  explicit profile_maker(unsigned seed) : rng_(seed) {}

  std::string make(int n) {
    std::ostringstream y;
    y << "profile: 1\nproduct:\n  id: random-" << n << "\n";
    // DeepSeek's country is the registry's: another one would not load.
    const std::string vendor = pick({"Acme", "DeepSeek", "Example"});
    const std::string vendor_country = pick({"US", "CN", "IT"});
    y << "  vendor: { name: " << vendor
      << ", country: " << (vendor == "DeepSeek" ? "CN" : vendor_country) << " }\n";
    y << "  capabilities: [" << pick({"chat", "text-generation", "chat, image-generation"})
      << "]\n  models:\n";
    const int models = 1 + coin();
    for (int i = 0; i < models; ++i) {
      const std::string provider = pick({"DeepSeek", "Qwen", "Mistral", "Example"});
      y << "    - { name: m" << i << ", provider: " << provider << ", provider_country: "
        << (provider == "Mistral"   ? "FR"
            : provider == "Example" ? pick({"US", "CN"})
                                    : "CN")
        << ", hosting: " << pick({"provider-api", "self-hosted"}) << " }\n";
    }
    y << "  public_opinion_attributes: " << boolean() << "\n  social_mobilization: false\n";
    y << "  medical_uses: []\n  gpai_provider: false\n";
    y << "deployment:\n  markets: [" << markets() << "]\n";
    y << "  audiences: [" << pick({"public", "government", "public, government", "enterprise"})
      << "]\n";
    y << "  device_classes: [" << pick({"consumer", "government", "consumer, government"}) << "]\n";
    y << "  channels: [web]\n  sectors: [" << pick({"", "critical-infrastructure"}) << "]\n";
    y << "  internet_diagnosis: false\n";
    y << "data:\n  personal_data: " << boolean() << "\n";
    y << "  storage: { default: [" << pick({"US", "CN", "IT"}) << "] }\n";
    y << "  transfers: [" << pick({"", "{ from: IT, to: CN, mechanism: none }"}) << "]\n";
    y << "  user_inputs_train_models: " << boolean() << "\n";
    y << "compliance:\n";
    y << "  cn_algorithm_filing: " << pick({"none", "pending", "completed"}) << "\n";
    for (const char* c : {"cn_security_assessment"}) {
      y << "  " << c << ": " << pick({"none", "completed"}) << "\n";
    }
    for (const char* c :
         {"content_labeling", "implicit_labeling", "content_moderation", "complaint_channel",
          "terms_of_service", "minor_protection", "age_verification", "privacy_notice",
          "training_opt_out", "ai_disclosure", "training_data_lawful", "data_subject_requests",
          "published_intended_users", "labeling_in_user_agreement",
          "cn_separate_transfer_consent"}) {
      // Some facts stay unstated: the plan may state them.
      if (rng_() % 4 != 0) y << "  " << c << ": " << boolean() << "\n";
    }
    y << "  cn_ciio: " << boolean() << "\n";
    y << "infrastructure:\n  accelerators: []\n";
    return y.str();
  }

 private:
  int coin() { return static_cast<int>(rng_() % 2); }
  const char* boolean() { return coin() ? "true" : "false"; }
  std::string pick(std::initializer_list<const char*> options) {
    auto it = options.begin();
    std::advance(it, rng_() % options.size());
    return *it;
  }
  std::string markets() {
    const char* all[] = {"CN", "TW", "IT", "AU", "US", "US-TX", "KR", "FR"};
    std::string out;
    for (const char* m : all) {
      if (rng_() % 3 == 0) out += (out.empty() ? "" : ", ") + std::string(m);
    }
    return out.empty() ? "CN, TW" : out;
  }

  std::mt19937 rng_;
};

bool fails(const rule_result& e) {
  return e.severity == rule_severity::block &&
         (e.outcome == rule_outcome::violation || e.outcome == rule_outcome::indeterminate);
}

}  // namespace

TEST_CASE("random profiles: plans pass check, conflicts are minimal and unsatisfiable",
          "[plan][differential]") {
  diagnostic_bag library_bag;
  const auto rules = load_standard_library(library_bag);
  REQUIRE(rules);
  plan_options options;
  options.as_of = *date::parse("2025-06-01");
  options.max_conflicts = 4;
  profile_maker maker(20251123);
  int conflicts_seen = 0;
  int splits_seen = 0;
  for (int n = 0; n < 40; ++n) {
    const std::string yaml = maker.make(n);
    INFO("profile " << n << ":\n" << yaml);
    const profile p = profile_from(*rules, yaml);
    diagnostic_bag bag;
    const auto plan = analyse::plan(*rules, p, options, bag);
    for (const auto& d : bag.items()) INFO(render_diagnostic(d));
    REQUIRE(plan);
    REQUIRE(!plan->deployments.empty());

    std::set<std::string> accepted;
    for (const auto& u : plan->unresolvable) accepted.insert(u.market + " " + u.rule);
    std::set<std::string> covered;
    for (const auto& d : plan->deployments) {
      const profile remediated{p.source, d.remediated, p.id, p.resolutions};
      evaluate_options eo;
      eo.as_of = options.as_of;
      const report r = evaluate(*rules, remediated, eo);
      for (const auto& m : r.markets) {
        covered.insert(m.market);
        for (const auto& e : m.evaluated) {
          INFO("deployment " << m.market << " rule " << e.rule);
          if (fails(e)) CHECK(accepted.count(m.market + " " + std::string(e.rule)) == 1);
        }
      }
    }
    // Every market of the profile is in exactly one deployment.
    std::size_t in_deployments = 0;
    for (const auto& d : plan->deployments) in_deployments += d.markets.size();
    const report original = evaluate(*rules, p, {options.as_of, 0});
    CHECK(in_deployments == original.markets.size());
    CHECK(covered.size() == original.markets.size());
    splits_seen += plan->deployments.size() > 1 ? 1 : 0;

    for (const auto& c : plan->conflicts) {
      ++conflicts_seen;
      INFO("conflict: " << c.explanation);
      CHECK(c.markets.size() >= 2);
      CHECK(!analyse::satisfiable_together(*rules, p, options, c));
      for (std::size_t i = 0; i < c.rules.size(); ++i) {
        conflict smaller = c;
        smaller.rules.erase(smaller.rules.begin() + static_cast<std::ptrdiff_t>(i));
        CHECK(analyse::satisfiable_together(*rules, p, options, smaller));
      }
      for (std::size_t i = 0; i < c.invariants.size(); ++i) {
        conflict smaller = c;
        smaller.invariants.erase(smaller.invariants.begin() + static_cast<std::ptrdiff_t>(i));
        CHECK(analyse::satisfiable_together(*rules, p, options, smaller));
      }
    }
  }
  // The random profiles exercise conflicts and splits, not just clear cases.
  CHECK(conflicts_seen > 0);
  CHECK(splits_seen > 0);
}
