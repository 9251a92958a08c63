// The hand-written twins of the standard library's rules (see handwritten_rules.hpp). Each
// predicate follows its rule file clause by clause: `applies when`, `when`, the assertion
// (true means the rule is broken) and `unless`, in Kleene logic.
#include "handwritten_rules.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace lexgate::bench {

namespace {

enum class tri : std::uint8_t { no, yes, unknown };

tri of(bool b) {
  return b ? tri::yes : tri::no;
}
tri operator!(tri a) {
  return a == tri::unknown ? a : (a == tri::yes ? tri::no : tri::yes);
}
tri operator&&(tri a, tri b) {
  if (a == tri::no || b == tri::no) return tri::no;
  return a == tri::yes && b == tri::yes ? tri::yes : tri::unknown;
}
tri operator||(tri a, tri b) {
  if (a == tri::yes || b == tri::yes) return tri::yes;
  return a == tri::no && b == tri::no ? tri::no : tri::unknown;
}

const value kAbsent{};

// Field `i` of a record, or an absent value when the record itself is absent.
const value& at(const value& record, int i) {
  return record.present() ? record.items[static_cast<std::size_t>(i)] : kAbsent;
}
tri truth(const value& v) {
  return v.present() ? of(v.boolean) : tri::unknown;
}
tri eq(const value& v, std::string_view s) {
  return v.present() ? of(v.text == s) : tri::unknown;
}
tri eq(const value& a, const value& b) {
  return a.present() && b.present() ? of(a.text == b.text) : tri::unknown;
}
tri has(const value& list, std::string_view s) {
  if (!list.present()) return tri::unknown;
  for (const auto& item : list.items) {
    if (item.text == s) return tri::yes;
  }
  return tri::no;
}
tri one_of(const value& v, std::initializer_list<std::string_view> set) {
  if (!v.present()) return tri::unknown;
  return of(std::find(set.begin(), set.end(), v.text) != set.end());
}
template <class F>
tri any(const value& list, F&& body) {
  if (!list.present()) return tri::unknown;
  tri out = tri::no;
  for (const auto& item : list.items) {
    out = out || body(item);
    if (out == tri::yes) return out;
  }
  return out;
}

bool is_eu(std::string_view c) {
  static constexpr std::string_view kEu[] = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
                                             "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
                                             "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};
  return c == "EU" || std::find(std::begin(kEu), std::end(kEu), c) != std::end(kEu);
}
tri within_eu(const value& v) {
  return v.present() ? of(is_eu(v.text)) : tri::unknown;
}

// Whether a regime of jurisdiction `j` with territorial reach covers market `m`.
bool territory_covers(std::string_view j, std::string_view m) {
  if (j == m) return true;
  if (j == "EU") return is_eu(m);
  return m.size() > j.size() && m.substr(0, j.size()) == j && m[j.size()] == '-';
}

int field(const schema_type& t, std::string_view name) {
  const int i = t.field_index(name);
  if (i < 0) throw std::runtime_error("schema has no field " + std::string(name));
  return i;
}

}  // namespace

// The compliance facts the rules read, resolved to field positions once.
enum class cf : std::uint8_t {
  age_verification,
  ai_disclosure,
  ai_literacy,
  annotation_rules,
  au_exemption_approved,
  au_exemption_function,
  cn_algorithm_filing,
  cn_ciio,
  cn_security_assessment,
  cn_separate_transfer_consent,
  complaint_channel,
  content_labeling,
  content_moderation,
  data_subject_requests,
  eu_authorised_representative,
  identity_verification,
  implicit_labeling,
  kr_domestic_representative,
  labeling_in_user_agreement,
  minor_protection,
  physician_signoff,
  privacy_notice,
  published_intended_users,
  terms_of_service,
  training_data_lawful,
  training_opt_out,
  government_exception_approved,
  us_covered_ai_waiver,
  tw_deepseek_approval,
  ncii_safeguards,
  ai_detection_tool,
  training_data_summary,
  self_harm_protocol,
  frontier_transparency_report,
  parental_consent_under_14,
  count
};
constexpr const char* kComplianceNames[] = {"age_verification",
                                            "ai_disclosure",
                                            "ai_literacy",
                                            "annotation_rules",
                                            "au_exemption_approved",
                                            "au_exemption_function",
                                            "cn_algorithm_filing",
                                            "cn_ciio",
                                            "cn_security_assessment",
                                            "cn_separate_transfer_consent",
                                            "complaint_channel",
                                            "content_labeling",
                                            "content_moderation",
                                            "data_subject_requests",
                                            "eu_authorised_representative",
                                            "identity_verification",
                                            "implicit_labeling",
                                            "kr_domestic_representative",
                                            "labeling_in_user_agreement",
                                            "minor_protection",
                                            "physician_signoff",
                                            "privacy_notice",
                                            "published_intended_users",
                                            "terms_of_service",
                                            "training_data_lawful",
                                            "training_opt_out",
                                            "government_exception_approved",
                                            "us_covered_ai_waiver",
                                            "tw_deepseek_approval",
                                            "ncii_safeguards",
                                            "ai_detection_tool",
                                            "training_data_summary",
                                            "self_harm_protocol",
                                            "frontier_transparency_report",
                                            "parental_consent_under_14"};

// Field positions of the schema, resolved once.
struct positions {
  int product, deployment, data, compliance, infrastructure;
  int vendor, vendor_name, vendor_country, capabilities, models, m_provider, m_provider_country,
      m_operator, m_operator_country, m_hosting, public_opinion, social_mobilization,
      medical_uses, gpai_provider;
  int eu_market_since, companion_chatbot, frontier_model, consequential_decisions, monthly_users;
  int markets, audiences, device_classes, channels, sectors, federal_bodies, internet_diagnosis;
  int government_bodies, au_entity_kind, personal_devices, government_contractor,
      government_functions, minimum_user_age;
  int personal_data, storage, transfers, t_from, t_to, t_mechanism, t_purpose, user_inputs_train;
  int sensitive_personal_data, cn_yearly_outbound;
  int accelerators, a_model, a_eccn, a_location, a_license, a_tpp, a_shipped;
  int compliance_at[static_cast<int>(cf::count)];

  explicit positions(const schema& s) {
    const schema_type& root = *s.root;
    product = field(root, "product");
    deployment = field(root, "deployment");
    data = field(root, "data");
    compliance = field(root, "compliance");
    infrastructure = field(root, "infrastructure");
    const schema_type& p = *root.fields[product].type;
    vendor = field(p, "vendor");
    vendor_name = field(*p.fields[vendor].type, "name");
    vendor_country = field(*p.fields[vendor].type, "country");
    capabilities = field(p, "capabilities");
    models = field(p, "models");
    const schema_type& m = *p.fields[models].type->element;
    m_provider = field(m, "provider");
    m_provider_country = field(m, "provider_country");
    m_operator = field(m, "operator");
    m_operator_country = field(m, "operator_country");
    m_hosting = field(m, "hosting");
    public_opinion = field(p, "public_opinion_attributes");
    social_mobilization = field(p, "social_mobilization");
    medical_uses = field(p, "medical_uses");
    gpai_provider = field(p, "gpai_provider");
    eu_market_since = field(p, "eu_market_since");
    companion_chatbot = field(p, "companion_chatbot");
    frontier_model = field(p, "frontier_model");
    consequential_decisions = field(p, "consequential_decisions");
    monthly_users = field(p, "monthly_users");
    const schema_type& d = *root.fields[deployment].type;
    markets = field(d, "markets");
    audiences = field(d, "audiences");
    device_classes = field(d, "device_classes");
    channels = field(d, "channels");
    sectors = field(d, "sectors");
    federal_bodies = field(d, "us_federal_bodies");
    internet_diagnosis = field(d, "internet_diagnosis");
    government_bodies = field(d, "government_bodies");
    au_entity_kind = field(d, "au_entity_kind");
    personal_devices = field(d, "personal_devices_for_government_work");
    government_contractor = field(d, "government_contractor");
    government_functions = field(d, "government_functions");
    minimum_user_age = field(d, "minimum_user_age");
    const schema_type& da = *root.fields[data].type;
    personal_data = field(da, "personal_data");
    storage = field(da, "storage");
    transfers = field(da, "transfers");
    const schema_type& t = *da.fields[transfers].type->element;
    t_from = field(t, "from");
    t_to = field(t, "to");
    t_mechanism = field(t, "mechanism");
    t_purpose = field(t, "purpose");
    user_inputs_train = field(da, "user_inputs_train_models");
    sensitive_personal_data = field(da, "sensitive_personal_data");
    cn_yearly_outbound = field(da, "cn_yearly_outbound_individuals");
    const schema_type& in = *root.fields[infrastructure].type;
    accelerators = field(in, "accelerators");
    const schema_type& a = *in.fields[accelerators].type->element;
    a_model = field(a, "model");
    a_eccn = field(a, "eccn");
    a_location = field(a, "location");
    a_license = field(a, "export_license");
    a_tpp = field(a, "tpp");
    a_shipped = field(a, "shipped");
    const schema_type& c = *root.fields[compliance].type;
    for (int i = 0; i < static_cast<int>(cf::count); ++i) {
      compliance_at[i] = field(c, kComplianceNames[i]);
    }
  }
};

// The profile as the predicates read it: section records and the market being judged.
struct facts {
  const positions& at_;
  const value& product;
  const value& deployment;
  const value& data;
  const value& compliance;
  const value& infrastructure;
  std::string_view market;
  std::int32_t as_of = 0;  ///< Days since 1970-01-01: the as-of date, or an upcoming rule's first day.

  const value& p(int i) const { return at(product, i); }
  const value& d(int i) const { return at(deployment, i); }
  const value& da(int i) const { return at(data, i); }
  tri c(cf name) const { return truth(at(compliance, at_.compliance_at[static_cast<int>(name)])); }
  const value& c_value(cf name) const {
    return at(compliance, at_.compliance_at[static_cast<int>(name)]);
  }
  tri c_is(cf name, std::string_view v) const {
    return eq(at(compliance, at_.compliance_at[static_cast<int>(name)]), v);
  }
  const value& vendor_field(int i) const { return at(p(at_.vendor), i); }

  // shared.rules
  tri uses_deepseek_service() const {
    return eq(vendor_field(at_.vendor_name), "DeepSeek") || any(p(at_.models), [&](const value& m) {
             return eq(at(m, at_.m_operator), "DeepSeek") &&
                    !eq(at(m, at_.m_hosting), "self-hosted");
           });
  }
  tri uses_self_hosted_deepseek_weights() const {
    return any(p(at_.models), [&](const value& m) {
      return eq(at(m, at_.m_provider), "DeepSeek") &&
             (eq(at(m, at_.m_hosting), "self-hosted") || !eq(at(m, at_.m_operator), "DeepSeek"));
    });
  }
  tri chinese_origin_model() const {
    return any(p(at_.models),
               [&](const value& m) { return eq(at(m, at_.m_provider_country), "CN"); });
  }
  tri government_deployment() const {
    return has(d(at_.device_classes), "government") || has(d(at_.audiences), "government");
  }
  tri public_service() const { return has(d(at_.audiences), "public"); }
  tri deepseek_app() const { return eq(vendor_field(at_.vendor_name), "DeepSeek"); }
  tri generates_content() const {
    const value& caps = p(at_.capabilities);
    if (!caps.present()) return tri::unknown;
    for (const auto& c : caps.items) {
      if (c.text == "chat" || c.text == "text-generation" || c.text == "image-generation" ||
          c.text == "audio-generation" || c.text == "video-generation" ||
          c.text == "code-generation") {
        return tri::yes;
      }
    }
    return tri::no;
  }
  tri state_government_deployment() const { return has(d(at_.device_classes), "government"); }
  tri opinion_or_mobilization() const {
    return truth(p(at_.public_opinion)) || truth(p(at_.social_mobilization));
  }
  tri vendor_outside(std::string_view country) const {
    // `exists country and country != X`: an absent country makes it false, not unknown.
    const value& v = vendor_field(at_.vendor_country);
    return of(v.present() && v.text != country);
  }
  tri market_in(std::initializer_list<std::string_view> set) const {
    return of(std::find(set.begin(), set.end(), market) != set.end());
  }
  template <class F>
  tri any_accelerator(F&& test) const {
    return any(at(infrastructure, at_.accelerators), std::forward<F>(test));
  }

  // government-work.rules
  tri uses_deepseek_model() const {
    return uses_deepseek_service() || uses_self_hosted_deepseek_weights();
  }
  tri government_work() const {
    return state_government_deployment() || truth(d(at_.personal_devices)) ||
           truth(d(at_.government_contractor));
  }
  tri country_of_concern_model() const {
    return any(p(at_.models), [&](const value& m) {
      return one_of(at(m, at_.m_provider_country), {"CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"});
    });
  }
  // california-ai-2026.rules
  tri vendor_develops_model() const {
    const value& vendor = vendor_field(at_.vendor_name);
    return any(p(at_.models), [&](const value& m) {
      const value& provider = at(m, at_.m_provider);
      return provider.present() && vendor.present() ? of(provider.text == vendor.text)
                                                    : tri::unknown;
    });
  }
  // `map[market]`, falling back to the map's `default` key.
  const value& lookup(const value& map) const {
    if (!map.present()) return kAbsent;
    const value* found = &kAbsent;
    for (std::size_t i = 0; i < map.keys.size(); ++i) {
      if (map.keys[i] == market) return map.items[i];
      if (map.keys[i] == "default") found = &map.items[i];
    }
    return *found;
  }
};

tri before(const value& v, std::string_view day) {
  return v.present() ? of(v.integer < date::parse(day)->days) : tri::unknown;
}
tri on_or_after(const value& v, std::string_view day) {
  return v.present() ? of(v.integer >= date::parse(day)->days) : tri::unknown;
}
tri intersects(const value& list, std::initializer_list<std::string_view> set) {
  if (!list.present()) return tri::unknown;
  for (const auto& item : list.items) {
    if (std::find(set.begin(), set.end(), item.text) != set.end()) return tri::yes;
  }
  return tri::no;
}

namespace {

// One rule: its scope and its body. `broken` is the assertion as a violation: the forbidden
// expression, or the negation of the required one.
struct predicate {
  tri (*applies)(const facts&) = nullptr;  // the regime's `applies when`
  tri (*when)(const facts&) = nullptr;
  tri (*broken)(const facts&) = nullptr;
  tri (*unless)(const facts&) = nullptr;
};

// The rule table, keyed by full rule id.
std::map<std::string, predicate, std::less<>> rule_table() {
  using F = const facts&;
  std::map<std::string, predicate, std::less<>> t;
  auto add = [&](std::string id, predicate p) { t.emplace(std::move(id), p); };

  // au.pspf_direction_001_2025
  auto gov = [](F f) { return f.government_deployment(); };
  // `exists kind and kind in [corporate, company]` is never unknown.
  auto au_applies = [](F f) {
    const value& kind = f.d(f.at_.au_entity_kind);
    return f.government_deployment() &&
           of(!(kind.present() && (kind.text == "corporate" || kind.text == "company")));
  };
  auto au_exempt = [](F f) {
    return f.c(cf::au_exemption_approved) &&
           one_of(f.c_value(cf::au_exemption_function), {"national-security", "regulatory"});
  };
  add("au.pspf_direction_001_2025.deepseek_on_government_systems",
      {au_applies, nullptr, [](F f) { return f.uses_deepseek_service(); }, au_exempt});
  add("au.pspf_direction_001_2025.self_hosted_deepseek_weights",
      {au_applies, nullptr, [](F f) { return f.uses_self_hosted_deepseek_weights(); }, au_exempt});

  // cn.ai_content_labeling_2025
  auto labeling_applies = [](F f) { return f.public_service() && f.generates_content(); };
  add("cn.ai_content_labeling_2025.art4_explicit_labels",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::content_labeling); }, nullptr});
  add("cn.ai_content_labeling_2025.art5_implicit_labels",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::implicit_labeling); }, nullptr});
  add("cn.ai_content_labeling_2025.art8_user_agreement",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::labeling_in_user_agreement); },
       nullptr});

  // cn.algorithm_recommendation_2022
  auto filing_missing = [](F f) { return !f.c_is(cf::cn_algorithm_filing, "completed"); };
  auto opinion = [](F f) { return f.opinion_or_mobilization(); };
  add("cn.algorithm_recommendation_2022.art24_filing",
      {[](F f) { return f.public_service(); }, opinion, filing_missing, nullptr});

  // cn.deep_synthesis_2023
  add("cn.deep_synthesis_2023.art9_identity_verification",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::identity_verification); }, nullptr});
  add("cn.deep_synthesis_2023.art16_implicit_marks",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::implicit_labeling); }, nullptr});
  add("cn.deep_synthesis_2023.art17_conspicuous_labels",
      {labeling_applies, nullptr, [](F f) { return !f.c(cf::content_labeling); }, nullptr});
  add("cn.deep_synthesis_2023.art19_filing", {labeling_applies, opinion, filing_missing, nullptr});

  // cn.genai_interim_measures
  auto pub = [](F f) { return f.public_service(); };
  add("cn.genai_interim_measures.art17_security_assessment",
      {pub, opinion, [](F f) { return !f.c_is(cf::cn_security_assessment, "completed"); },
       nullptr});
  add("cn.genai_interim_measures.art17_algorithm_filing", {pub, opinion, filing_missing, nullptr});
  add("cn.genai_interim_measures.art4_content_safety",
      {pub, nullptr, [](F f) { return !f.c(cf::content_moderation); }, nullptr});
  add("cn.genai_interim_measures.art7_training_data",
      {pub, nullptr, [](F f) { return !f.c(cf::training_data_lawful); }, nullptr});
  add("cn.genai_interim_measures.art8_annotation",
      {pub, nullptr, [](F f) { return !f.c(cf::annotation_rules); }, nullptr});
  add("cn.genai_interim_measures.art9_service_agreement",
      {pub, nullptr, [](F f) { return !f.c(cf::terms_of_service); }, nullptr});
  add("cn.genai_interim_measures.art10_minors",
      {pub, nullptr,
       [](F f) { return !(f.c(cf::minor_protection) && f.c(cf::published_intended_users)); },
       nullptr});
  add("cn.genai_interim_measures.art11_user_inputs",
      {pub, [](F f) { return truth(f.da(f.at_.personal_data)); },
       [](F f) { return !f.c(cf::data_subject_requests); }, nullptr});
  add("cn.genai_interim_measures.art12_labeling",
      {pub, [](F f) { return f.generates_content(); },
       [](F f) { return !f.c(cf::content_labeling); }, nullptr});
  add("cn.genai_interim_measures.art14_illegal_content",
      {pub, nullptr, [](F f) { return !f.c(cf::content_moderation); }, nullptr});
  add("cn.genai_interim_measures.art15_complaints",
      {pub, nullptr, [](F f) { return !f.c(cf::complaint_channel); }, nullptr});
  add("cn.genai_interim_measures.art20_foreign_provider",
      {pub, [](F f) { return f.vendor_outside("CN"); }, filing_missing, nullptr});

  // cn.nhc_internet_diagnosis_2022
  auto nhc_applies = [](F f) {
    return has(f.d(f.at_.sectors), "healthcare") && truth(f.d(f.at_.internet_diagnosis));
  };
  add("cn.nhc_internet_diagnosis_2022.no_ai_prescriptions",
      {nhc_applies, nullptr, [](F f) { return has(f.p(f.at_.medical_uses), "prescription"); },
       nullptr});
  add("cn.nhc_internet_diagnosis_2022.no_ai_in_place_of_physician",
      {nhc_applies, [](F f) { return has(f.p(f.at_.medical_uses), "diagnosis"); },
       [](F f) { return !f.c(cf::physician_signoff); }, nullptr});

  // cn.pipl
  auto personal = [](F f) { return truth(f.da(f.at_.personal_data)); };
  add("cn.pipl.art38_transfer_mechanism",
      {personal, nullptr,
       [](F f) {
         return any(f.da(f.at_.transfers), [&](const value& t) {
           return eq(at(t, f.at_.t_from), "CN") && !eq(at(t, f.at_.t_to), "CN") &&
                  !one_of(at(t, f.at_.t_mechanism),
                          {"security-assessment", "certification", "scc"});
         });
       },
       [](F f) {
         const tri exempt_each = [&] {
           const value& list = f.da(f.at_.transfers);
           if (!list.present()) return tri::unknown;
           tri out = tri::yes;
           for (const auto& t : list.items) {
             out = out && (!eq(at(t, f.at_.t_from), "CN") || eq(at(t, f.at_.t_to), "CN") ||
                           one_of(at(t, f.at_.t_mechanism),
                                  {"security-assessment", "certification", "scc"}) ||
                           one_of(at(t, f.at_.t_purpose),
                                  {"contract-with-individual", "hr-management", "emergency"}));
             if (out == tri::no) return out;
           }
           return out;
         }();
         const value& volume = f.da(f.at_.cn_yearly_outbound);
         return of(f.as_of >= date::parse("2024-03-22")->days) && (exempt_each ||
                (!f.c(cf::cn_ciio) &&
                    !truth(f.da(f.at_.sensitive_personal_data)) &&
                 (volume.present() ? of(volume.integer < 100000) : tri::unknown)));
       }});
  add("cn.pipl.art39_separate_consent",
      {personal,
       [](F f) {
         return any(f.da(f.at_.transfers), [&](const value& t) {
           return eq(at(t, f.at_.t_from), "CN") && !eq(at(t, f.at_.t_to), "CN");
         });
       },
       [](F f) { return !f.c(cf::cn_separate_transfer_consent); }, nullptr});
  add("cn.pipl.art40_localisation", {personal, [](F f) { return f.c(cf::cn_ciio); },
                                     [](F f) {
                                       const value& storage = f.da(f.at_.storage);
                                       if (!storage.present()) return tri::unknown;
                                       const value* found = nullptr;
                                       for (std::size_t i = 0; i < storage.keys.size(); ++i) {
                                         if (storage.keys[i] == f.market) {
                                           found = &storage.items[i];
                                           break;
                                         }
                                         if (storage.keys[i] == "default")
                                           found = &storage.items[i];
                                       }
                                       if (found == nullptr) return tri::unknown;
                                       for (const auto& code : found->items) {
                                         if (code.text != "CN") return tri::yes;
                                       }
                                       return tri::no;
                                     },
                                     nullptr});

  // eu.ai_act
  add("eu.ai_act.art4_ai_literacy",
      {nullptr, nullptr, [](F f) { return !f.c(cf::ai_literacy); }, nullptr});
  add("eu.ai_act.art50_chatbot_disclosure",
      {nullptr, [](F f) { return has(f.p(f.at_.capabilities), "chat"); },
       [](F f) { return !f.c(cf::ai_disclosure); }, nullptr});
  add("eu.ai_act.art50_machine_readable_marking",
      {nullptr,
       [](F f) {
         return f.generates_content() &&
                !(before(f.p(f.at_.eu_market_since), "2026-08-02") &&
                  of(f.as_of < date::parse("2026-12-02")->days));
       },
       [](F f) { return !f.c(cf::implicit_labeling); }, nullptr});
  add("eu.ai_act.art50_marking_omnibus_grace",
      {nullptr,
       [](F f) {
         return f.generates_content() && before(f.p(f.at_.eu_market_since), "2026-08-02");
       },
       [](F f) { return !f.c(cf::implicit_labeling); }, nullptr});
  add("eu.ai_act.art5_non_consensual_intimate_content",
      {nullptr,
       [](F f) {
         return intersects(f.p(f.at_.capabilities), {"image-generation", "video-generation"});
       },
       [](F f) { return !f.c(cf::ncii_safeguards); }, nullptr});
  add("eu.ai_act.art54_authorised_representative",
      {nullptr,
       [](F f) {
         return truth(f.p(f.at_.gpai_provider)) &&
                !within_eu(f.vendor_field(f.at_.vendor_country)) &&
                !(before(f.p(f.at_.eu_market_since), "2025-08-02") &&
                  of(f.as_of < date::parse("2027-08-02")->days));
       },
       [](F f) { return !f.c(cf::eu_authorised_representative); }, nullptr});

  // eu.gdpr_transfers
  add("eu.gdpr_transfers.transfer_without_mechanism",
      {personal, nullptr,
       [](F f) {
         return any(f.da(f.at_.transfers), [&](const value& t) {
           const value& from = at(t, f.at_.t_from);
           const value& to = at(t, f.at_.t_to);
           // From the market (or a member state of the `EU` market) to outside the EEA.
           const bool from_market =
               from.present() && (from.text == f.market || (f.market == "EU" && is_eu(from.text)));
           const tri to_eea = to.present() ? of(is_eu(to.text) || to.text == "IS" ||
                                                to.text == "LI" || to.text == "NO")
                                           : tri::unknown;
           return (from.present() ? of(from_market) : tri::unknown) && !to_eea &&
                  eq(at(t, f.at_.t_mechanism), "none");
         });
       },
       nullptr});
  add("eu.gdpr_transfers.operator_outside_eu_without_mechanism",
      {personal, nullptr,
       [](F f) {
         return any(f.p(f.at_.models), [&](const value& m) {
           const value& country = at(m, f.at_.m_operator_country);
           return eq(at(m, f.at_.m_hosting), "provider-api") && !within_eu(country) &&
                  !any(f.da(f.at_.transfers), [&](const value& t) {
                    const value& from = at(t, f.at_.t_from);
                    return (from.present() ? of(from.text == f.market) : tri::unknown) &&
                           eq(at(t, f.at_.t_to), country) && !eq(at(t, f.at_.t_mechanism), "none");
                  });
         });
       },
       nullptr});

  // it.garante_*
  add("it.garante_deepseek_2025.limit_processing",
      {personal, nullptr, [](F f) { return f.uses_deepseek_service(); }, nullptr});
  add("it.garante_openai_limitation_2023.limit_processing",
      {personal, nullptr,
       [](F f) {
         return eq(f.vendor_field(f.at_.vendor_name), "OpenAI") ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return eq(at(m, f.at_.m_operator), "OpenAI") &&
                         !eq(at(m, f.at_.m_hosting), "self-hosted");
                });
       },
       nullptr});
  auto it_chat = [](F f) {
    return truth(f.da(f.at_.personal_data)) && has(f.p(f.at_.capabilities), "chat") &&
           f.public_service();
  };
  add("it.garante_chatbot_conditions_2023.privacy_notice_before_signup",
      {it_chat, nullptr, [](F f) { return !f.c(cf::privacy_notice); }, nullptr});
  add("it.garante_chatbot_conditions_2023.age_gate",
      {it_chat, nullptr, [](F f) { return !f.c(cf::age_verification); }, nullptr});
  add("it.garante_chatbot_conditions_2023.training_opt_out",
      {it_chat, [](F f) { return truth(f.da(f.at_.user_inputs_train)); },
       [](F f) { return !f.c(cf::training_opt_out); }, nullptr});

  // kr.*
  auto gen = [](F f) { return f.generates_content(); };
  add("kr.ai_basic_act.art31_advance_notice",
      {gen, nullptr, [](F f) { return !f.c(cf::ai_disclosure); }, nullptr});
  add("kr.ai_basic_act.art31_output_labels",
      {gen, nullptr, [](F f) { return !f.c(cf::content_labeling); }, nullptr});
  add("kr.ai_basic_act.art36_domestic_representative",
      {gen, [](F f) { return f.vendor_outside("KR"); },
       [](F f) { return !f.c(cf::kr_domestic_representative); }, nullptr});
  auto state_gov = [](F f) { return f.state_government_deployment(); };
  auto service = [](F f) { return f.uses_deepseek_service(); };
  add("kr.ministries_deepseek_2025.foreign_affairs_and_industry",
      {state_gov,
       [](F f) {
         return intersects(f.lookup(f.d(f.at_.government_bodies)), {"foreign-affairs", "industry"});
       },
       service, nullptr});
  add("kr.ministries_deepseek_2025.defense_police_finance",
      {state_gov,
       [](F f) {
         return intersects(f.lookup(f.d(f.at_.government_bodies)),
                           {"defense", "police", "finance"});
       },
       service, nullptr});
  add("kr.pipc_deepseek_suspension_2025.app_downloads_suspended",
      {[](F f) { return f.deepseek_app() && has(f.d(f.at_.channels), "app-store"); }, nullptr,
       [](F) { return tri::yes; }, nullptr});

  // tw.*
  auto tw_approved = [](F f) {
    return has(f.d(f.at_.sectors), "education") && f.c(cf::tw_deepseek_approval);
  };
  add("tw.moda_deepseek_2025.no_deepseek_in_government", {gov, nullptr, service, tw_approved});
  add("tw.moda_deepseek_2025.prc_origin_models_in_government",
      {gov, nullptr, [](F f) { return f.chinese_origin_model(); }, tw_approved});
  add("tw.moda_deepseek_2025.self_hosted_deepseek_weights",
      {gov, nullptr, [](F f) { return f.uses_self_hosted_deepseek_weights(); }, nullptr});
  add("tw.moda_deepseek_critical_infrastructure_2025.no_deepseek_in_critical_infrastructure",
      {[](F f) { return has(f.d(f.at_.sectors), "critical-infrastructure"); }, nullptr, service,
       nullptr});

  // us.ear_advanced_computing, us.h20_licence_requirement_2025
  auto china_market = [](F f) { return f.market_in({"CN", "MO", "HK"}); };
  add("us.ear_advanced_computing.licence_for_controlled_chips",
      {china_market, nullptr,
       [](F f) {
         return f.any_accelerator([&](const value& a) {
           const value& loc = at(a, f.at_.a_location);
           return (loc.present() ? of(loc.text == f.market) : tri::unknown) &&
                  one_of(at(a, f.at_.a_eccn), {"3A090", "4A090"}) && !truth(at(a, f.at_.a_license)) &&
                  on_or_after(at(a, f.at_.a_shipped), "2022-10-07");
         });
       },
       nullptr});
  add("us.ear_advanced_computing.licence_by_performance",
      {china_market, nullptr,
       [](F f) {
         return f.any_accelerator([&](const value& a) {
           const value& loc = at(a, f.at_.a_location);
           const value& tpp = at(a, f.at_.a_tpp);
           return (loc.present() ? of(loc.text == f.market) : tri::unknown) &&
                  (tpp.present() ? of(tpp.integer >= 4800) : tri::unknown) &&
                  !truth(at(a, f.at_.a_license)) &&
                  on_or_after(at(a, f.at_.a_shipped), "2022-10-07");
         });
       },
       nullptr});
  add("us.h20_licence_requirement_2025.h20_needs_licence",
      {china_market, nullptr,
       [](F f) {
         return f.any_accelerator([&](const value& a) {
           const value& loc = at(a, f.at_.a_location);
           return (loc.present() ? of(loc.text == f.market) : tri::unknown) &&
                  one_of(at(a, f.at_.a_model), {"H20", "MI308"}) && !truth(at(a, f.at_.a_license)) &&
                  on_or_after(at(a, f.at_.a_shipped), "2025-04-09");
         });
       },
       nullptr});

  // US federal bodies
  add("us.navy_deepseek_2025.no_deepseek",
      {[](F f) {
         return f.state_government_deployment() && has(f.d(f.at_.federal_bodies), "navy");
       },
       nullptr,
       [](F f) { return f.uses_deepseek_service() || f.uses_self_hosted_deepseek_weights(); },
       nullptr});
  add("us.disa_deepseek_2025.no_deepseek_service",
      {[](F f) {
         return f.state_government_deployment() && has(f.d(f.at_.federal_bodies), "defense");
       },
       nullptr, service, nullptr});
  add("us.house_cao_deepseek_2025.no_deepseek_on_house_devices",
      {[](F f) {
         return f.state_government_deployment() && has(f.d(f.at_.federal_bodies), "house");
       },
       nullptr, service, nullptr});
  add("us.nasa_deepseek_2025.no_deepseek", {[](F f) {
                                              return f.state_government_deployment() &&
                                                     has(f.d(f.at_.federal_bodies), "nasa");
                                            },
                                            nullptr, service, nullptr});
  add("us.commerce_deepseek_2025.no_deepseek_on_gfe",
      {[](F f) {
         return f.state_government_deployment() && has(f.d(f.at_.federal_bodies), "commerce");
       },
       nullptr, service, nullptr});

  // US states
  for (const char* id : {"us_ny.deepseek_ban_2025.no_deepseek_on_state_devices",
                         "us_va.executive_order_46.no_deepseek_on_state_devices",
                         "us_ok.deepseek_ban_2025.no_deepseek_on_state_devices"}) {
    add(id, {state_gov, nullptr, service, nullptr});
  }
  add("us_la.executive_order_ccp_ai_2025.no_deepseek_on_state_devices",
      {state_gov, nullptr,
       [](F f) {
         return f.uses_deepseek_service() || any(f.p(f.at_.models), [&](const value& m) {
                  return eq(at(m, f.at_.m_provider), "DeepSeek");
                });
       },
       nullptr});
  add("us_la.executive_order_ccp_ai_2025.ccp_linked_models",
      {state_gov, nullptr, [](F f) { return f.chinese_origin_model(); }, nullptr});
  add("us_ia.deepseek_ban_2025.no_deepseek_on_state_devices",
      {state_gov, nullptr,
       [](F f) {
         return f.uses_deepseek_service() ||
                one_of(f.vendor_field(f.at_.vendor_name), {"RedNote", "Lemon8"});
       },
       nullptr});
  add("us_al.foreign_software_memo_2025.no_deepseek_on_state_devices",
      {state_gov, nullptr,
       [](F f) {
         return f.uses_deepseek_service() || eq(f.vendor_field(f.at_.vendor_name), "Manus") ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return eq(at(m, f.at_.m_operator), "Manus") &&
                         !eq(at(m, f.at_.m_hosting), "self-hosted");
                });
       },
       [](F f) {
         return intersects(f.d(f.at_.government_functions), {"law-enforcement", "essential-services"});
       }});
  auto gov_work = [](F f) { return f.government_work(); };
  auto tx_exception = [](F f) { return f.c(cf::government_exception_approved); };
  add("us_tx.prohibited_technologies_2025.listed_apps_on_state_devices",
      {gov_work, nullptr,
       [](F f) {
         return f.uses_deepseek_service() ||
                one_of(f.vendor_field(f.at_.vendor_name),
                       {"RedNote", "Webull", "Tiger Brokers", "Moomoo", "Lemon8"});
       },
       tx_exception});
  add("us_tx.prohibited_technologies_2025.listed_developers_reported",
      {gov_work, nullptr,
       [](F f) {
         return one_of(f.vendor_field(f.at_.vendor_name), {"ByteDance", "Tencent"}) ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return one_of(at(m, f.at_.m_provider), {"ByteDance", "Tencent"}) ||
                         one_of(at(m, f.at_.m_operator), {"ByteDance", "Tencent"});
                });
       },
       tx_exception});
  add("us_tx.prohibited_technologies_2025.listed_ai_developers_2026_reported",
      {gov_work, nullptr,
       [](F f) {
         const std::initializer_list<std::string_view> listed = {
             "iFlytek", "Zhipu AI", "Alibaba", "Baidu", "Baichuan", "MiniMax", "Moonshot AI"};
         return one_of(f.vendor_field(f.at_.vendor_name), listed) ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return one_of(at(m, f.at_.m_provider), listed) ||
                         one_of(at(m, f.at_.m_operator), listed);
                });
       },
       tx_exception});
  add("us_tx.prohibited_technologies_2025.self_hosted_deepseek_weights",
      {gov_work, nullptr, [](F f) { return f.uses_self_hosted_deepseek_weights(); },
       tx_exception});

  // NDAA FY2026 §1532 and §6604
  auto waiver = [](F f) { return f.c(cf::us_covered_ai_waiver); };
  auto dod = [](F f) {
    return intersects(f.d(f.at_.federal_bodies), {"defense", "navy"}) &&
           (f.state_government_deployment() || truth(f.d(f.at_.government_contractor)));
  };
  add("us.ndaa_fy2026_covered_ai.covered_ai_deepseek_high_flyer",
      {dod, nullptr,
       [](F f) {
         return f.uses_deepseek_model() || eq(f.vendor_field(f.at_.vendor_name), "High-Flyer") ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return eq(at(m, f.at_.m_provider), "High-Flyer") ||
                         eq(at(m, f.at_.m_operator), "High-Flyer");
                });
       },
       waiver});
  add("us.ndaa_fy2026_covered_ai.covered_nation_ai",
      {dod, nullptr,
       [](F f) {
         return any(f.p(f.at_.models), [&](const value& m) {
           return one_of(at(m, f.at_.m_provider_country), {"CN", "HK", "MO", "RU", "IR", "KP"});
         });
       },
       waiver});
  auto ic = [](F f) {
    return has(f.d(f.at_.federal_bodies), "intelligence") &&
           (f.state_government_deployment() || truth(f.d(f.at_.government_contractor)));
  };
  add("us.ndaa_fy2026_ic_deepseek.no_deepseek_on_ic_systems", {ic, nullptr, service, waiver});
  add("us.ndaa_fy2026_ic_deepseek.self_hosted_deepseek_weights",
      {ic, nullptr, [](F f) { return f.uses_self_hosted_deepseek_weights(); }, waiver});
  add("us.senate_deepseek_2025.no_deepseek_on_senate_devices",
      {[](F f) {
         return f.state_government_deployment() && has(f.d(f.at_.federal_bodies), "senate");
       },
       nullptr, service, nullptr});

  // us.doj_data_security_program
  auto dsp = [](F f) {
    return truth(f.da(f.at_.personal_data)) && truth(f.da(f.at_.sensitive_personal_data));
  };
  add("us.doj_data_security_program.transfers_to_countries_of_concern",
      {dsp, nullptr,
       [](F f) {
         return any(f.da(f.at_.transfers), [&](const value& t) {
           const value& from = at(t, f.at_.t_from);
           const tri from_us =
               from.present() ? of(territory_covers("US", from.text)) : tri::unknown;
           return from_us &&
                  one_of(at(t, f.at_.t_to), {"CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"});
         });
       },
       nullptr});
  add("us.doj_data_security_program.model_api_in_country_of_concern",
      {dsp, nullptr,
       [](F f) {
         return any(f.p(f.at_.models), [&](const value& m) {
           return eq(at(m, f.at_.m_hosting), "provider-api") &&
                  one_of(at(m, f.at_.m_provider_country),
                         {"CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"});
         });
       },
       nullptr});

  // California
  add("us_ca.ai_transparency_act.detection_tool",
      {[](F f) {
         const value& users = f.p(f.at_.monthly_users);
         return intersects(f.p(f.at_.capabilities),
                           {"image-generation", "video-generation", "audio-generation"}) &&
                (users.present() ? of(users.integer > 1000000) : tri::unknown);
       },
       nullptr, [](F f) { return !f.c(cf::ai_detection_tool); }, nullptr});
  add("us_ca.ai_transparency_act.latent_and_manifest_disclosures",
      {[](F f) {
         const value& users = f.p(f.at_.monthly_users);
         return intersects(f.p(f.at_.capabilities),
                           {"image-generation", "video-generation", "audio-generation"}) &&
                (users.present() ? of(users.integer > 1000000) : tri::unknown);
       },
       nullptr,
       [](F f) { return !(f.c(cf::implicit_labeling) && f.c(cf::content_labeling)); }, nullptr});
  add("us_ca.ab_2013_training_data.training_data_summary",
      {[](F f) { return f.generates_content() && f.vendor_develops_model(); }, nullptr,
       [](F f) { return !f.c(cf::training_data_summary); }, nullptr});
  auto companion = [](F f) { return truth(f.p(f.at_.companion_chatbot)); };
  add("us_ca.sb_243_companion_chatbots.ai_disclosure",
      {companion, nullptr, [](F f) { return !f.c(cf::ai_disclosure); }, nullptr});
  add("us_ca.sb_243_companion_chatbots.self_harm_protocol",
      {companion, nullptr, [](F f) { return !f.c(cf::self_harm_protocol); }, nullptr});
  add("us_ca.sb_53_frontier_ai.transparency_report",
      {[](F f) { return truth(f.p(f.at_.frontier_model)) && f.vendor_develops_model(); }, nullptr,
       [](F f) { return !f.c(cf::frontier_transparency_report); }, nullptr});

  // Other 2025-2026 regimes
  add("it.law_132_2025.parental_consent_under_14",
      {pub,
       [](F f) {
         const value& age = f.d(f.at_.minimum_user_age);
         return age.present() ? of(age.integer < 14) : tri::unknown;
       },
       [](F f) { return !f.c(cf::parental_consent_under_14); }, nullptr});
  add("cn.gb_45438_2025.explicit_and_implicit_labels",
      {labeling_applies, nullptr,
       [](F f) { return !(f.c(cf::content_labeling) && f.c(cf::implicit_labeling)); }, nullptr});
  add("us_tx.traiga.agency_ai_disclosure",
      {[](F f) { return f.state_government_deployment() && f.public_service(); }, nullptr,
       [](F f) { return !f.c(cf::ai_disclosure); }, nullptr});
  add("us_co.sb_26_189.deployer_notice",
      {[](F f) { return truth(f.p(f.at_.consequential_decisions)); }, nullptr,
       [](F f) { return !f.c(cf::ai_disclosure); }, nullptr});
  auto ks_exception = [](F f) {
    return intersects(f.d(f.at_.government_functions), {"law-enforcement", "cybersecurity"});
  };
  add("us_ks.hb_2313.deepseek_model",
      {state_gov, nullptr, [](F f) { return f.uses_deepseek_model(); }, ks_exception});
  add("us_ks.hb_2313.country_of_concern_model",
      {state_gov, nullptr, [](F f) { return f.country_of_concern_model(); }, ks_exception});
  add("us_sd.deepseek_rednote_ban_2025.no_deepseek_or_rednote",
      {[](F f) {
         return f.state_government_deployment() || truth(f.d(f.at_.personal_devices));
       },
       nullptr,
       [](F f) {
         return f.uses_deepseek_service() ||
                eq(f.vendor_field(f.at_.vendor_name), "RedNote");
       },
       nullptr});
  add("us_sd.executive_order_2023_06.no_tencent_applications",
      {[](F f) {
         return f.state_government_deployment() || truth(f.d(f.at_.personal_devices));
       },
       nullptr,
       [](F f) {
         return eq(f.vendor_field(f.at_.vendor_name), "Tencent") ||
                any(f.p(f.at_.models), [&](const value& m) {
                  return eq(at(m, f.at_.m_operator), "Tencent") &&
                         !eq(at(m, f.at_.m_hosting), "self-hosted");
                });
       },
       nullptr});
  add("cz.government_deepseek_2025.no_deepseek_in_public_administration",
      {gov, nullptr, service, nullptr});
  add("nl.central_government_deepseek_2025.no_deepseek_on_work_devices",
      {state_gov, nullptr, service, nullptr});
  add("ca.tbs_deepseek_2025.no_deepseek_on_government_devices",
      {state_gov, nullptr, service, nullptr});
  add("in.finance_ministry_ai_tools_2025.no_ai_tools_on_office_devices",
      {[](F f) {
         return f.state_government_deployment() &&
                has(f.lookup(f.d(f.at_.government_bodies)), "finance");
       },
       nullptr, [](F) { return tri::yes; }, nullptr});
  add("jp.government_deepseek_caution_2025.deepseek_caution", {gov, nullptr, service, nullptr});
  add("jp_24.mie_deepseek_ban_2025.no_deepseek", {gov, nullptr, service, nullptr});
  add("jp_31.tottori_deepseek_ban_2025.no_deepseek", {gov, nullptr, service, nullptr});
  add("au_sa.sacsf_ruling_4_2025.no_deepseek_on_agency_systems",
      {[](F f) {
         return f.state_government_deployment() || truth(f.d(f.at_.personal_devices));
       },
       state_gov, service, nullptr});
  add("au_sa.sacsf_ruling_4_2025.byod_risk_assessment",
      {[](F f) {
         return f.state_government_deployment() || truth(f.d(f.at_.personal_devices));
       },
       nullptr,
       [](F f) { return f.uses_deepseek_service() && truth(f.d(f.at_.personal_devices)); },
       nullptr});
  return t;
}

struct bound_rule {
  predicate test;
  std::string id;
  std::string jurisdiction;
  regime_reach reach = regime_reach::territory;
  date effective;
  std::optional<date> until;
};

}  // namespace

struct handwritten_rules::impl {
  positions at;
  std::vector<bound_rule> rules;
  std::vector<std::string> skipped;         // rules of the library without a hand-written copy
  std::set<std::string, std::less<>> ids;   // the rules with one

  explicit impl(const library& lib) : at(lib.profile_schema()) {}
};

handwritten_rules::handwritten_rules(const library& lib) : impl_(new impl(lib)) {
  const auto table = rule_table();
  for (const auto& regime : lib.regimes()) {
    for (const auto& rule : regime.rules) {
      auto it = table.find(rule.id);
      if (it == table.end()) {
        impl_->skipped.push_back(rule.id);
        continue;
      }
      impl_->ids.insert(rule.id);
      bound_rule b;
      b.test = it->second;
      b.id = rule.id;
      b.jurisdiction = regime.jurisdiction;
      b.reach = regime.reach;
      b.effective = std::max(regime.effective, rule.effective.value_or(regime.effective));
      b.until = regime.until;
      if (rule.until && (!b.until || *rule.until < *b.until)) b.until = rule.until;
      impl_->rules.push_back(std::move(b));
    }
  }
}

handwritten_rules::~handwritten_rules() {
  delete impl_;
}

std::string_view handwritten_rules::rule_id(std::uint16_t rule) const {
  return impl_->rules[rule].id;
}

std::size_t handwritten_rules::rule_count() const {
  return impl_->rules.size();
}

const std::vector<std::string>& handwritten_rules::skipped() const {
  return impl_->skipped;
}

bool handwritten_rules::covers(std::string_view rule) const {
  return impl_->ids.find(rule) != impl_->ids.end();
}

namespace {

rule_outcome judge(const predicate& p, const facts& f) {
  bool unknown = false;
  auto part = [&](tri v) {
    unknown = unknown || v == tri::unknown;
    return v;
  };
  if ((p.applies && part(p.applies(f)) == tri::no) || (p.when && part(p.when(f)) == tri::no)) {
    return rule_outcome::not_applicable;
  }
  if (part(p.broken(f)) == tri::no) return rule_outcome::passed;
  // Exceptions are defeasible: only an established `unless` excuses; an unknown one does not
  // hold and leaves nothing open.
  if (p.unless && p.unless(f) == tri::yes) return rule_outcome::passed;
  return unknown ? rule_outcome::indeterminate : rule_outcome::violation;
}

}  // namespace

void handwritten_rules::evaluate(const value& root, date as_of,
                                 std::vector<handwritten_result>& out) const {
  out.clear();
  const positions& at_ = impl_->at;
  const value& deployment = at(root, at_.deployment);
  const value& markets = at(deployment, at_.markets);
  const date horizon = as_of.plus_days(90);
  for (std::size_t mi = 0; mi < markets.items.size(); ++mi) {
    const std::string_view market = markets.items[mi].text;
    bool repeated = false;
    for (std::size_t j = 0; j < mi; ++j) repeated = repeated || markets.items[j].text == market;
    if (repeated) continue;
    const facts f{at_,
                  at(root, at_.product),
                  deployment,
                  at(root, at_.data),
                  at(root, at_.compliance),
                  at(root, at_.infrastructure),
                  market};
    for (std::size_t i = 0; i < impl_->rules.size(); ++i) {
      const bound_rule& r = impl_->rules[i];
      facts judged = f;
      const bool covered =
          r.reach == regime_reach::extraterritorial ||
          (r.reach == regime_reach::government ? r.jurisdiction == market
                                               : territory_covers(r.jurisdiction, market));
      if (!covered) continue;
      const bool in_force = r.effective <= as_of && (!r.until || as_of < *r.until);
      const bool upcoming = !in_force && as_of < r.effective && r.effective <= horizon &&
                            (!r.until || r.effective < *r.until);
      if (!in_force && !upcoming) continue;
      judged.as_of = upcoming ? r.effective.days : as_of.days;
      out.push_back({market, static_cast<std::uint16_t>(i), judge(r.test, judged), upcoming});
    }
  }
}

std::string compare_with_report(const handwritten_rules& hw,
                                const std::vector<handwritten_result>& results, const report& r) {
  // Both as sorted "market rule outcome" lines; upcoming rules appear in the report only as
  // findings, so only their violations and indeterminate outcomes are compared.
  std::vector<std::string> mine;
  for (const auto& x : results) {
    if (x.upcoming && x.outcome != rule_outcome::violation &&
        x.outcome != rule_outcome::indeterminate) {
      continue;
    }
    mine.push_back(std::string(x.market) + " " + std::string(hw.rule_id(x.rule)) + " " +
                   (x.upcoming ? "upcoming" : to_string(x.outcome)));
  }
  // The interpreter's outcomes for the rules without a hand-written copy are not compared.
  std::vector<std::string> theirs;
  for (const auto& m : r.markets) {
    for (const auto& e : m.evaluated) {
      if (!hw.covers(e.rule)) continue;
      theirs.push_back(m.market + " " + std::string(e.rule) + " " + to_string(e.outcome));
    }
    for (const auto& f : m.findings) {
      if (f.status == finding_status::upcoming && hw.covers(f.rule)) {
        theirs.push_back(m.market + " " + std::string(f.rule) + " upcoming");
      }
    }
  }
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  if (mine == theirs) return {};
  std::vector<std::string> only_mine;
  std::vector<std::string> only_theirs;
  std::set_difference(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                      std::back_inserter(only_mine));
  std::set_difference(theirs.begin(), theirs.end(), mine.begin(), mine.end(),
                      std::back_inserter(only_theirs));
  std::string out = "hand-written only:";
  for (const auto& s : only_mine) out += " [" + s + "]";
  out += "; interpreter only:";
  for (const auto& s : only_theirs) out += " [" + s + "]";
  return out;
}

}  // namespace lexgate::bench
