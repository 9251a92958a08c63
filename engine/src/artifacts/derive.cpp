// Observations → profile facts: one model record per distinct model, host and hosting, with
// its developer and operator resolved through the entity registry; accelerators; data
// locations (layer: profile).
#include <algorithm>
#include <cctype>

#include "artifacts/reader_context.hpp"
#include "artifacts/resolution.hpp"

namespace lexgate {

const char* to_string(fact_confidence c) {
  switch (c) {
    case fact_confidence::exact: return "exact";
    case fact_confidence::registry: return "registry";
    case fact_confidence::name_guess: return "name-guess";
  }
  return "exact";
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

value text_value(std::string text, const std::string& path) {
  value v;
  v.k = value::kind::string;
  v.text = std::move(text);
  v.path = path;
  return v;
}

struct fact_builder {
  derivation& out;
  std::string subject;
  std::vector<artifact_position> evidence;

  void add(const std::string& field, std::string text, fact_confidence c, std::string how = {},
           std::vector<artifact_position> ev = {}) {
    derived_fact f;
    f.subject = subject;
    f.field = field;
    f.path = subject + "." + field;
    f.observed = text_value(std::move(text), f.path);
    f.confidence = c;
    f.how = std::move(how);
    f.evidence = ev.empty() ? evidence : std::move(ev);
    out.facts.push_back(std::move(f));
  }
};

// The file name of a path, for guessing a local model's developer: `/models/DeepSeek-V3`.
std::string base_name(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

struct model_group {
  const observation* first = nullptr;
  std::vector<artifact_position> evidence;
};

void add_developer(const library& rules, fact_builder& b, const observation& o) {
  const std::string name = o.local_path ? base_name(o.value) : o.value;
  auto dev = detail::resolve_developer(rules, name);
  if (!dev) return;
  const bool guess = o.local_path || dev->by_name_only;
  const auto c = guess ? fact_confidence::name_guess : fact_confidence::registry;
  std::string how = "`" + name + "` → " + dev->name + " (" + dev->country + "), " + dev->how;
  if (o.local_path) how += "; a local path names the model only by its file name";
  b.add("provider", dev->name, c, how);
  if (!dev->country.empty()) b.add("provider_country", dev->country, c, how);
}

void add_operator(const library& rules, fact_builder& b, const std::string& host,
                  derivation& out, const artifact_position& at) {
  auto op = detail::resolve_operator(rules, host);
  if (!op) {
    out.unresolved.push_back({at, "API host `" + host + "` is not in the entity registry: its "
                                  "operator is unknown"});
    return;
  }
  const std::string how = "`" + host + "` → " + op->name + " (" + op->country + "), " + op->how;
  b.add("operator", op->name, fact_confidence::registry, how);
  if (!op->country.empty()) b.add("operator_country", op->country, fact_confidence::registry, how);
}

}  // namespace

derivation derive_facts(const artifact_set& artifacts, const library& rules) {
  derivation out;
  out.unresolved = artifacts.unresolved;

  // Distinct models, in the order first seen; the same model run in several places merges
  // its evidence.
  std::vector<model_group> models;
  std::vector<std::string> keys;
  for (const auto& o : artifacts.observations) {
    if (o.kind != observation_kind::model) continue;
    const std::string key = lower(o.value) + "|" + o.api_host + "|" + o.hosting;
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      models.push_back({&o, {}});
      it = keys.end() - 1;
    }
    auto& g = models[static_cast<std::size_t>(it - keys.begin())];
    g.evidence.push_back(o.at);
    for (const auto& r : o.related) g.evidence.push_back(r);
  }
  // API hosts no model was seen with: a model of unknown name behind each.
  std::vector<const observation*> bare_hosts;
  for (const auto& o : artifacts.observations) {
    if (o.kind != observation_kind::api_host) continue;
    const bool named = std::any_of(models.begin(), models.end(), [&](const model_group& g) {
      return g.first->api_host == o.value;
    });
    const bool seen = std::any_of(bare_hosts.begin(), bare_hosts.end(),
                                  [&](const observation* h) { return h->value == o.value; });
    if (!named && !seen) bare_hosts.push_back(&o);
  }

  std::size_t index = 0;
  for (const auto& g : models) {
    const observation& o = *g.first;
    fact_builder b{out, "product.models[" + std::to_string(index++) + "]", g.evidence};
    b.add("name", o.value, fact_confidence::exact);
    b.add("hosting", o.hosting, fact_confidence::exact);
    add_developer(rules, b, o);
    if (o.hosting == "provider-api" && !o.api_host.empty()) {
      add_operator(rules, b, o.api_host, out, o.at);
    }
  }
  for (const observation* h : bare_hosts) {
    fact_builder b{out, "product.models[" + std::to_string(index++) + "]", {h->at}};
    b.add("hosting", "provider-api", fact_confidence::exact);
    add_operator(rules, b, h->value, out, h->at);
  }

  // Accelerators: the model where a label names it, and where the workload is placed.
  std::size_t acc = 0;
  for (const auto& o : artifacts.observations) {
    if (o.kind != observation_kind::accelerator) continue;
    std::vector<artifact_position> ev{o.at};
    ev.insert(ev.end(), o.related.begin(), o.related.end());
    fact_builder b{out, "infrastructure.accelerators[" + std::to_string(acc++) + "]", ev};
    if (!o.value.empty()) b.add("model", o.value, fact_confidence::exact);
    if (o.count > 0) {
      derived_fact f;
      f.subject = b.subject;
      f.field = "count";
      f.path = b.subject + ".count";
      f.observed.k = value::kind::integer;
      f.observed.integer = o.count;
      f.observed.path = f.path;
      f.evidence = ev;
      out.facts.push_back(std::move(f));
    }
    if (!o.region.empty()) {
      const std::string country = detail::region_country(o.region);
      if (!country.empty()) {
        b.add("location", country, fact_confidence::exact,
              "region `" + o.region + "` is in " + country);
      }
    }
  }

  // Where data is processed: every region stated, placed in its country.
  value countries;
  countries.k = value::kind::list;
  countries.path = "data.storage.default";
  std::vector<artifact_position> where;
  std::string how;
  auto place = [&](const std::string& region, const artifact_position& at) {
    const std::string country = detail::region_country(region);
    if (country.empty()) {
      out.unresolved.push_back({at, "region `" + region + "` is not one lexgate can place in a "
                                    "country"});
      return;
    }
    where.push_back(at);
    const bool known = std::any_of(countries.items.begin(), countries.items.end(),
                                   [&](const value& v) { return v.text == country; });
    if (known) return;
    countries.items.push_back(text_value(country, countries.path));
    how += (how.empty() ? "" : "; ") + ("region `" + region + "` is in " + country);
  };
  for (const auto& o : artifacts.observations) {
    if (o.kind == observation_kind::region) place(o.value, o.at);
    if (o.kind == observation_kind::model && !o.region.empty()) {
      // Where the reader kept the region's own position (a workload's region is also a
      // region observation of its own).
      for (const auto& r : o.related) {
        if (r.text == o.region) {
          place(o.region, r);
          break;
        }
      }
    }
  }
  if (!countries.items.empty()) {
    derived_fact f;
    f.subject = "data.storage";
    f.field = "default";
    f.path = countries.path;
    f.observed = std::move(countries);
    f.how = std::move(how);
    f.evidence = std::move(where);
    out.facts.push_back(std::move(f));
  }
  return out;
}

}  // namespace lexgate
