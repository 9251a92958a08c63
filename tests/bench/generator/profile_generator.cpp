// The seeded profile generator: each profile draws from a splitmix64 stream keyed by seed and
// index, so profile i does not depend on how many were generated before it.
#include "generator/profile_generator.hpp"

#include <array>
#include <string_view>
#include <vector>

namespace lexgate::bench {

namespace {

class rng {
 public:
  explicit rng(std::uint64_t state) : state_(state) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }

  template <std::size_t N>
  std::string_view pick(const std::array<std::string_view, N>& from) {
    return from[below(N)];
  }

  // A subset of `from` with each element in it with probability `percent`, in order.
  template <std::size_t N>
  std::vector<std::string_view> some(const std::array<std::string_view, N>& from,
                                     unsigned percent) {
    std::vector<std::string_view> out;
    for (auto v : from) {
      if (chance(percent)) out.push_back(v);
    }
    return out;
  }

 private:
  std::uint64_t state_;
};

// Markets the standard library has regimes for, their neighbours, and markets it has none for.
constexpr std::array<std::string_view, 24> kMarkets = {
    "CN",    "AU",    "IT",    "DE", "FR", "IE", "US", "US-TX", "US-NY", "US-VA", "US-IA", "US-OK",
    "US-AL", "US-LA", "US-CA", "TW", "KR", "JP", "GB", "HK",    "MO",    "SG",    "BR",    "IN"};

struct provider {
  std::string_view name;
  std::string_view country;
  std::string_view model;
};
constexpr std::array<provider, 8> kProviders = {{{"DeepSeek", "CN", "deepseek-r1"},
                                                 {"DeepSeek", "CN", "deepseek-v3"},
                                                 {"OpenAI", "US", "gpt-4o"},
                                                 {"Anthropic", "US", "claude-sonnet"},
                                                 {"Mistral AI", "FR", "mistral-large"},
                                                 {"Alibaba Cloud", "CN", "qwen2.5"},
                                                 {"Naver", "KR", "hyperclova-x"},
                                                 {"Meta", "US", "llama-3.1"}}};

constexpr std::array<std::string_view, 8> kVendors = {
    "Acme Corp", "DeepSeek", "OpenAI", "Manus", "Contoso GmbH", "Kakao", "Shenzhen Apps", "Globex"};
constexpr std::array<std::string_view, 8> kVendorCountries = {"US", "CN", "US", "SG",
                                                              "DE", "KR", "CN", "GB"};

constexpr std::array<std::string_view, 11> kCapabilities = {"chat",
                                                            "text-generation",
                                                            "image-generation",
                                                            "audio-generation",
                                                            "video-generation",
                                                            "code-generation",
                                                            "recommendation",
                                                            "search",
                                                            "biometric-identification",
                                                            "translation",
                                                            "summarization"};
constexpr std::array<std::string_view, 4> kAudiences = {"public", "enterprise", "government",
                                                        "minors"};
constexpr std::array<std::string_view, 3> kDeviceClasses = {"consumer", "enterprise", "government"};
constexpr std::array<std::string_view, 4> kChannels = {"app-store", "web", "api", "embedded"};
constexpr std::array<std::string_view, 9> kSectors = {
    "healthcare", "education",           "finance", "critical-infrastructure",
    "defense",    "government-services", "media",   "legal",
    "other"};
constexpr std::array<std::string_view, 7> kFederalBodies = {"navy", "defense",  "house", "senate",
                                                            "nasa", "commerce", "other"};
constexpr std::array<std::string_view, 6> kMedicalUses = {
    "none", "triage", "decision-support", "diagnosis", "prescription", "documentation"};
constexpr std::array<std::string_view, 3> kFiling = {"none", "pending", "completed"};
constexpr std::array<std::string_view, 6> kMechanisms = {
    "adequacy", "scc", "consent", "security-assessment", "certification", "none"};
constexpr std::array<std::string_view, 2> kExemptionFunctions = {"national-security", "regulatory"};
constexpr std::array<std::string_view, 6> kStorageCodes = {"US", "CN", "IE", "DE", "SG", "KR"};

// Facts the regimes of 2025-2026 read; drawn after every other fact so that the profile of a
// given seed and index keeps the facts it had before they were added.
constexpr std::array<std::string_view, 10> kMarkets2026 = {
    "US-CA", "US-CO", "US-KS", "US-SD", "CZ", "NL", "CA", "JP-24", "JP-31", "AU-SA"};
constexpr std::array<std::string_view, 6> kDays = {"2022-06-01", "2023-01-01", "2025-01-01",
                                                   "2025-05-01", "2026-09-01", "2026-12-15"};
constexpr std::array<std::string_view, 7> kGovernmentBodies = {
    "foreign-affairs", "industry", "defense", "police", "finance", "interior", "other"};
constexpr std::array<std::string_view, 4> kGovernmentFunctions = {
    "law-enforcement", "cybersecurity", "essential-services", "other"};
constexpr std::array<std::string_view, 3> kAuEntityKinds = {"non-corporate", "corporate",
                                                            "company"};
constexpr std::array<std::string_view, 4> kPurposes = {"contract-with-individual",
                                                       "hr-management", "emergency", "other"};
constexpr std::array<std::string_view, 9> kControls2026 = {"government_exception_approved",
                                                           "us_covered_ai_waiver",
                                                           "tw_deepseek_approval",
                                                           "ncii_safeguards",
                                                           "ai_detection_tool",
                                                           "training_data_summary",
                                                           "self_harm_protocol",
                                                           "frontier_transparency_report",
                                                           "parental_consent_under_14"};
constexpr std::array<std::string_view, 2> kExtraFederalBodies = {"intelligence", "senate"};

struct accelerator {
  std::string_view model;
  std::string_view eccn;
  int tpp;
};
constexpr std::array<accelerator, 5> kAccelerators = {{{"H100", "3A090", 15832},
                                                       {"A100", "3A090", 4992},
                                                       {"H20", "3A991", 2368},
                                                       {"MI308", "3A991", 3900},
                                                       {"L4", "EAR99", 1936}}};

// The boolean controls of `compliance` (design §3 and the standard library's additions).
constexpr std::array<std::string_view, 22> kControls = {"content_labeling",
                                                        "implicit_labeling",
                                                        "content_moderation",
                                                        "complaint_channel",
                                                        "terms_of_service",
                                                        "minor_protection",
                                                        "identity_verification",
                                                        "age_verification",
                                                        "privacy_notice",
                                                        "training_opt_out",
                                                        "ai_disclosure",
                                                        "au_exemption_approved",
                                                        "training_data_lawful",
                                                        "annotation_rules",
                                                        "published_intended_users",
                                                        "data_subject_requests",
                                                        "labeling_in_user_agreement",
                                                        "cn_separate_transfer_consent",
                                                        "cn_ciio",
                                                        "physician_signoff",
                                                        "ai_literacy",
                                                        "eu_authorised_representative"};

profile_json strings(const std::vector<std::string_view>& values) {
  profile_json out = profile_json::array();
  for (auto v : values) out.push_back(v);
  return out;
}

void add_2026_facts(rng& r, profile_json& p) {
  auto stated = [&r] { return !r.chance(10); };
  if (r.chance(40)) p["deployment"]["markets"].push_back(r.pick(kMarkets2026));
  if (r.chance(15)) {
    auto& bodies = p["deployment"]["us_federal_bodies"];
    if (!bodies.is_array()) bodies = profile_json::array();
    bodies.push_back(r.pick(kExtraFederalBodies));
  }
  profile_json& product = p["product"];
  if (stated()) product["eu_market_since"] = r.pick(kDays);
  if (stated()) product["companion_chatbot"] = r.chance(20);
  if (stated()) product["frontier_model"] = r.chance(10);
  if (stated()) product["consequential_decisions"] = r.chance(20);
  if (r.chance(10) && product.contains("vendor")) {
    // A vendor whose own model the product uses (a developer).
    product["models"].push_back(
        {{"name", "own-model"}, {"provider", product["vendor"]["name"]}, {"hosting", "self-hosted"}});
  }
  profile_json& deployment = p["deployment"];
  if (r.chance(40)) {
    profile_json bodies;
    bodies[r.chance(50) ? "default" : std::string(r.pick(kMarkets))] =
        strings(r.some(kGovernmentBodies, 30));
    deployment["government_bodies"] = bodies;
  }
  if (r.chance(30)) deployment["au_entity_kind"] = r.pick(kAuEntityKinds);
  if (stated()) deployment["personal_devices_for_government_work"] = r.chance(30);
  if (stated()) deployment["government_contractor"] = r.chance(20);
  if (stated()) deployment["government_functions"] = strings(r.some(kGovernmentFunctions, 20));
  if (stated()) product["monthly_users"] = r.chance(50) ? 2000000 : 5000;
  if (stated()) deployment["minimum_user_age"] = r.chance(40) ? 13 : 18;
  profile_json& data = p["data"];
  if (stated()) data["sensitive_personal_data"] = r.chance(40);
  if (stated()) data["cn_yearly_outbound_individuals"] = r.chance(50) ? 50000 : 500000;
  for (auto& t : data["transfers"]) {
    if (stated()) t["purpose"] = r.pick(kPurposes);
  }
  for (auto& a : p["infrastructure"]["accelerators"]) {
    if (stated()) a["shipped"] = r.pick(kDays);
  }
  profile_json& compliance = p["compliance"];
  for (auto c : kControls2026) {
    if (stated()) compliance[std::string(c)] = r.chance(60);
  }
}

}  // namespace

profile_json generate_profile(std::uint64_t seed, std::uint64_t index) {
  rng r(seed * 0x100000001b3ull ^ (index + 1) * 0x9e3779b97f4a7c15ull);
  // Leaves an optional fact out about one time in ten: missing facts make rules indeterminate.
  auto stated = [&r] { return !r.chance(10); };

  profile_json p;
  p["profile"] = 1;

  profile_json product;
  product["id"] = "product-" + std::to_string(seed) + "-" + std::to_string(index);
  product["name"] = "Generated product " + std::to_string(index);
  if (stated()) {
    const auto v = r.below(kVendors.size());
    profile_json vendor;
    vendor["name"] = kVendors[v];
    if (stated()) vendor["country"] = kVendorCountries[v];
    product["vendor"] = vendor;
  }
  product["capabilities"] = strings(r.some(kCapabilities, 30));
  profile_json models = profile_json::array();
  for (auto n = r.below(4); n > 0; --n) {
    const auto& pr = kProviders[r.below(kProviders.size())];
    profile_json m;
    m["name"] = pr.model;
    m["provider"] = pr.name;
    if (stated()) m["provider_country"] = pr.country;
    if (stated()) m["hosting"] = r.chance(60) ? "provider-api" : "self-hosted";
    m["open_weights"] = r.chance(50);
    models.push_back(m);
  }
  product["models"] = models;
  if (stated()) product["public_opinion_attributes"] = r.chance(50);
  if (stated()) product["social_mobilization"] = r.chance(20);
  if (r.chance(20)) product["medical_uses"] = strings(r.some(kMedicalUses, 35));
  if (stated()) product["gpai_provider"] = r.chance(25);
  p["product"] = product;

  profile_json deployment;
  std::vector<std::string_view> markets = r.some(kMarkets, 12);
  if (markets.empty()) markets.push_back(r.pick(kMarkets));
  deployment["markets"] = strings(markets);
  deployment["audiences"] = strings(r.some(kAudiences, 40));
  if (stated()) deployment["device_classes"] = strings(r.some(kDeviceClasses, 40));
  deployment["channels"] = strings(r.some(kChannels, 45));
  deployment["sectors"] = strings(r.some(kSectors, 15));
  if (r.chance(40)) deployment["us_federal_bodies"] = strings(r.some(kFederalBodies, 30));
  if (r.chance(30)) deployment["internet_diagnosis"] = r.chance(50);
  p["deployment"] = deployment;

  profile_json data;
  if (stated()) data["personal_data"] = r.chance(80);
  profile_json storage;
  storage["default"] = strings({r.pick(kStorageCodes)});
  for (auto m : markets) {
    if (r.chance(30)) storage[std::string(m)] = strings({r.chance(50) ? m : r.pick(kStorageCodes)});
  }
  data["storage"] = storage;
  profile_json transfers = profile_json::array();
  for (auto n = r.below(3); n > 0; --n) {
    profile_json t;
    t["from"] = r.pick(kMarkets);
    t["to"] = r.pick(kStorageCodes);
    if (stated()) t["mechanism"] = r.pick(kMechanisms);
    transfers.push_back(t);
  }
  data["transfers"] = transfers;
  data["retention_days"] = 30 + r.below(1000);
  if (stated()) data["user_inputs_train_models"] = r.chance(50);
  p["data"] = data;

  profile_json compliance;
  if (stated()) compliance["cn_algorithm_filing"] = r.pick(kFiling);
  if (stated()) compliance["cn_security_assessment"] = r.pick(kFiling);
  for (auto c : kControls) {
    if (stated()) compliance[std::string(c)] = r.chance(75);
  }
  if (r.chance(20)) compliance["au_exemption_function"] = r.pick(kExemptionFunctions);
  if (stated()) compliance["kr_domestic_representative"] = r.chance(60);
  p["compliance"] = compliance;

  profile_json infrastructure;
  profile_json accelerators = profile_json::array();
  for (auto n = r.chance(30) ? 1 + r.below(3) : 0; n > 0; --n) {
    const auto& a = kAccelerators[r.below(kAccelerators.size())];
    profile_json acc;
    acc["model"] = a.model;
    acc["eccn"] = a.eccn;
    acc["location"] = r.chance(50) ? markets[r.below(markets.size())] : r.pick(kMarkets);
    if (stated()) acc["export_license"] = r.chance(40);
    acc["tpp"] = a.tpp;
    accelerators.push_back(acc);
  }
  infrastructure["accelerators"] = accelerators;
  p["infrastructure"] = infrastructure;
  add_2026_facts(r, p);
  return p;
}

namespace {

// Plain YAML scalars for the words the generator uses; anything else is written as a JSON
// string, which is also a valid double-quoted YAML scalar.
std::string scalar(const profile_json& v) {
  if (!v.is_string()) return v.dump();
  const auto& s = v.get_ref<const std::string&>();
  bool plain = !s.empty() && s != "true" && s != "false" && s != "null";
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == ' ';
    plain = plain && ok;
  }
  if (plain && (s.front() == ' ' || s.back() == ' ' || (s.front() >= '0' && s.front() <= '9'))) {
    plain = false;
  }
  return plain ? s : v.dump();
}

std::string flow(const profile_json& v) {
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + flow(v[i]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{ ";
    bool first = true;
    for (const auto& [k, item] : v.items()) {
      out += (first ? "" : ", ") + k + ": " + flow(item);
      first = false;
    }
    return out + " }";
  }
  return scalar(v);
}

void block(const profile_json& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const auto& [k, item] : v.items()) {
    out += pad + k + ":";
    if (item.is_object() && !item.empty()) {
      out += "\n";
      block(item, indent + 2, out);
    } else if (item.is_array() && !item.empty() && item[0].is_object()) {
      out += "\n";
      for (const auto& element : item) out += pad + "  - " + flow(element) + "\n";
    } else {
      out += " " + flow(item) + "\n";
    }
  }
}

}  // namespace

std::string to_yaml(const profile_json& profile) {
  std::string out = "# Generated by lexgate_profile_gen (tests/bench/generator).\n";
  block(profile, 0, out);
  return out;
}

}  // namespace lexgate::bench
