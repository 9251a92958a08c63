// A profile against what its artifacts deploy: the deployed profile (observed facts added)
// and the drift between the two (layer: profile).
#include <algorithm>
#include <cctype>
#include <map>

#include "artifacts/resolution.hpp"
#include "lexgate/artifacts.hpp"

namespace lexgate {

const char* to_string(drift_kind k) {
  switch (k) {
    case drift_kind::undeclared: return "undeclared";
    case drift_kind::contradicts: return "contradicts";
    case drift_kind::unobserved: return "unobserved";
    case drift_kind::unresolved: return "unresolved";
  }
  return "unresolved";
}

bool drift_fails(drift_kind k) {
  return k == drift_kind::undeclared || k == drift_kind::contradicts;
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The last path segment, lowercased: `meta-llama/Llama-3.1-8B-Instruct` → `llama-3.1-8b-instruct`.
std::string model_key(std::string_view name) {
  while (!name.empty() && name.back() == '/') name.remove_suffix(1);
  auto slash = name.rfind('/');
  return lower(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

// A company's canonical name, through the registry when it knows the name.
std::string company_key(const library& rules, const std::string& name) {
  if (auto r = detail::resolve_company_name(rules, name)) return lower(r->name);
  return lower(name);
}

bool same_value(const library& rules, const std::string& field, const value& declared,
                const value& observed) {
  if (declared.k != value::kind::string || observed.k != value::kind::string) {
    return render_value(declared) == render_value(observed);
  }
  if (field == "provider" || field == "operator") {
    return company_key(rules, declared.text) == company_key(rules, observed.text);
  }
  return lower(declared.text) == lower(observed.text);
}

const schema_type* field_type(const schema_type* record, std::string_view name) {
  if (record == nullptr || record->kind != type_kind::record) return nullptr;
  const int i = record->field_index(name);
  return i < 0 ? nullptr : record->fields[static_cast<std::size_t>(i)].type;
}

value* field(value& record, const schema_type& type, std::string_view name) {
  const int i = type.field_index(name);
  if (i < 0 || static_cast<std::size_t>(i) >= record.items.size()) return nullptr;
  return &record.items[static_cast<std::size_t>(i)];
}
const value* field(const value& record, const schema_type& type, std::string_view name) {
  const int i = type.field_index(name);
  if (i < 0 || static_cast<std::size_t>(i) >= record.items.size()) return nullptr;
  return &record.items[static_cast<std::size_t>(i)];
}

// Whether an observed value is one the schema allows there: a known jurisdiction code, a
// declared enum value. A value that is not (a country this library does not declare) is
// left out rather than judged as something it is not.
bool fits(const schema& s, const schema_type* t, const value& v) {
  if (t == nullptr) return false;
  switch (t->kind) {
    case type_kind::string: return v.k == value::kind::string;
    case type_kind::jurisdiction:
      return v.k == value::kind::string && s.jurisdictions.known(v.text);
    case type_kind::enumeration: return v.k == value::kind::string && t->has_enum_value(v.text);
    case type_kind::integer: return v.k == value::kind::integer;
    case type_kind::list:
      if (v.k != value::kind::list) return false;
      for (const auto& item : v.items) {
        if (!fits(s, t->element, item)) return false;
      }
      return true;
    default: return false;
  }
}

// An empty record of `type` at `path`, its fields absent, as the profile loader makes them.
value empty_record(const schema_type& type, const std::string& path) {
  value v;
  v.k = value::kind::record;
  v.path = path;
  v.items.resize(type.fields.size());
  for (std::size_t i = 0; i < type.fields.size(); ++i) {
    v.items[i].path = path + "." + type.fields[i].name;
  }
  return v;
}

// The observed facts of one record (a model, an accelerator), by field.
struct observed_record {
  std::string subject;
  std::map<std::string, const derived_fact*> fields;
  std::vector<artifact_position> evidence;

  const derived_fact* get(const std::string& f) const {
    auto it = fields.find(f);
    return it == fields.end() ? nullptr : it->second;
  }
  // The value people know it by: the model's name, else its operator.
  value label() const {
    for (const char* f : {"name", "model", "operator", "provider"}) {
      if (const auto* d = get(f)) return d->observed;
    }
    value v;
    v.k = value::kind::string;
    v.text = "a model behind an API";
    return v;
  }
};

std::vector<observed_record> records_under(const std::vector<derived_fact>& facts,
                                           std::string_view prefix) {
  std::vector<observed_record> out;
  for (const auto& f : facts) {
    if (!f.subject.starts_with(prefix)) continue;
    if (out.empty() || out.back().subject != f.subject) out.push_back({f.subject, {}, {}});
    out.back().fields[f.field] = &f;
    for (const auto& e : f.evidence) {
      const bool seen = std::any_of(out.back().evidence.begin(), out.back().evidence.end(),
                                    [&](const artifact_position& p) {
                                      return p.file == e.file && p.where.line == e.where.line &&
                                             p.where.column == e.where.column;
                                    });
      if (!seen) out.back().evidence.push_back(e);
    }
  }
  return out;
}

class drift_builder {
 public:
  drift_builder(profile& deployed, const library& rules, std::vector<drift_item>& drift)
      : deployed_(deployed), rules_(rules), schema_(rules.profile_schema()), drift_(drift) {}

  void models(const std::vector<derived_fact>& facts) {
    const schema_type* product_t = field_type(schema_.root, "product");
    const schema_type* list_t = field_type(product_t, "models");
    if (product_t == nullptr || list_t == nullptr || list_t->element == nullptr) return;
    const schema_type& model_t = *list_t->element;
    value* product = field(deployed_.root, *schema_.root, "product");
    if (product == nullptr || product->k != value::kind::record) return;
    value* list = field(*product, *product_t, "models");
    if (list == nullptr) return;
    if (list->k != value::kind::list) {
      list->k = value::kind::list;
      list->path = "product.models";
    }
    const std::size_t declared_count = list->items.size();
    std::vector<bool> seen(declared_count, false);
    for (const auto& r : records_under(facts, "product.models[")) {
      const std::size_t match = find_model(*list, model_t, r, declared_count);
      if (match < declared_count) {
        seen[match] = true;
        compare(list->items[match], model_t, r);
        continue;
      }
      // Not declared: appended, with every fact that is more than a guess.
      const std::string path = "product.models[" + std::to_string(list->items.size()) + "]";
      value added = empty_record(model_t, path);
      for (const auto& [name, f] : r.fields) {
        if (f->confidence == fact_confidence::name_guess) continue;
        if (!fits(schema_, field_type(&model_t, name), f->observed)) continue;
        if (value* slot = field(added, model_t, name)) set(*slot, f->observed, slot->path);
      }
      list->items.push_back(std::move(added));
      drift_item d;
      d.kind = drift_kind::undeclared;
      d.path = path;
      d.observed = r.label();
      d.evidence = r.evidence;
      d.message = "the artifacts deploy " + describe(r) + ", which the profile does not list";
      drift_.push_back(std::move(d));
    }
    for (std::size_t i = 0; i < declared_count; ++i) {
      if (seen[i]) continue;
      drift_item d;
      d.kind = drift_kind::unobserved;
      d.path = list->items[i].path;
      const value* name = field(list->items[i], model_t, "name");
      d.declared = name && name->present() ? *name : list->items[i];
      d.profile_at = list->items[i].where;
      d.message = "the profile lists " + render_value(d.declared) +
                  ", which no artifact read deploys or calls";
      drift_.push_back(std::move(d));
    }
  }

  void accelerators(const std::vector<derived_fact>& facts) {
    const schema_type* infra_t = field_type(schema_.root, "infrastructure");
    const schema_type* list_t = field_type(infra_t, "accelerators");
    if (infra_t == nullptr || list_t == nullptr || list_t->element == nullptr) return;
    const auto observed = records_under(facts, "infrastructure.accelerators[");
    if (observed.empty()) return;
    value* infra = field(deployed_.root, *schema_.root, "infrastructure");
    if (infra == nullptr) return;
    if (infra->k != value::kind::record) *infra = empty_record(*infra_t, "infrastructure");
    value* list = field(*infra, *infra_t, "accelerators");
    if (list == nullptr) return;
    if (list->k != value::kind::list) {
      list->k = value::kind::list;
      list->path = "infrastructure.accelerators";
    }
    const std::size_t declared = list->items.size();
    for (const auto& r : observed) {
      const derived_fact* model = r.get("model");
      bool matched = false;
      for (std::size_t i = 0; i < declared && !matched; ++i) {
        const value* m = field(list->items[i], *list_t->element, "model");
        matched = model == nullptr || (m != nullptr && m->present() &&
                                       (lower(model->observed.text).find(lower(m->text)) !=
                                            std::string::npos ||
                                        lower(m->text).find(lower(model->observed.text)) !=
                                            std::string::npos));
      }
      if (matched) continue;
      const std::string path =
          "infrastructure.accelerators[" + std::to_string(list->items.size()) + "]";
      value added = empty_record(*list_t->element, path);
      for (const auto& [name, f] : r.fields) {
        if (!fits(schema_, field_type(list_t->element, name), f->observed)) continue;
        if (value* slot = field(added, *list_t->element, name)) set(*slot, f->observed, slot->path);
      }
      list->items.push_back(std::move(added));
      drift_item d;
      d.kind = drift_kind::undeclared;
      d.path = path;
      d.observed = r.label();
      if (!d.observed.present() || d.observed.text == "a model behind an API") {
        d.observed = value{};
        d.observed.k = value::kind::string;
        d.observed.text = "accelerators";
      }
      d.evidence = r.evidence;
      d.message = "the artifacts request " + render_value(d.observed) +
                  ", which the profile's infrastructure does not list";
      drift_.push_back(std::move(d));
    }
  }

  void storage(const std::vector<derived_fact>& facts) {
    const derived_fact* f = nullptr;
    for (const auto& x : facts) {
      if (x.path == "data.storage.default") f = &x;
    }
    if (f == nullptr) return;
    const schema_type* data_t = field_type(schema_.root, "data");
    const schema_type* storage_t = field_type(data_t, "storage");
    if (data_t == nullptr || storage_t == nullptr || storage_t->kind != type_kind::map) return;
    value* data = field(deployed_.root, *schema_.root, "data");
    if (data == nullptr) return;
    if (data->k != value::kind::record) *data = empty_record(*data_t, "data");
    value* storage = field(*data, *data_t, "storage");
    if (storage == nullptr) return;
    const bool declared = storage->present();
    if (!declared) {
      storage->k = value::kind::map;
      storage->path = "data.storage";
    }
    std::vector<std::string> stated;
    for (const auto& list : storage->items) {
      for (const auto& c : list.items) stated.push_back(c.text);
    }
    value missing;
    missing.k = value::kind::list;
    for (const auto& c : f->observed.items) {
      if (std::find(stated.begin(), stated.end(), c.text) == stated.end() &&
          schema_.jurisdictions.known(c.text)) {
        missing.items.push_back(c);
      }
    }
    if (missing.items.empty()) return;
    // Observed locations join `default`, so every market's lookup sees them.
    auto it = std::find(storage->keys.begin(), storage->keys.end(), "default");
    if (it == storage->keys.end()) {
      storage->keys.push_back("default");
      value list;
      list.k = value::kind::list;
      list.path = "data.storage.default";
      storage->items.push_back(std::move(list));
      it = storage->keys.end() - 1;
    }
    value& target = storage->items[static_cast<std::size_t>(it - storage->keys.begin())];
    for (const auto& c : missing.items) target.items.push_back(c);
    drift_item d;
    d.kind = declared ? drift_kind::contradicts : drift_kind::undeclared;
    d.path = "data.storage";
    if (declared) d.declared = storage_copy_;
    d.observed = missing;
    d.profile_at = storage->where;
    d.evidence = f->evidence;
    d.message = "the artifacts place data in " + render_value(missing) +
                (declared ? ", which the profile's data.storage does not list"
                          : "; the profile does not say where data is stored");
    drift_.push_back(std::move(d));
  }

  void keep_declared_storage(const value& v) { storage_copy_ = v; }

 private:
  static std::string describe(const observed_record& r) {
    std::string s = render_value(r.label());
    if (const auto* h = r.get("hosting")) s += " (" + h->observed.text + ")";
    if (const auto* o = r.get("operator"); o && !r.get("name")) {
      s = "a model API run by " + o->observed.text;
    }
    return s;
  }

  static void set(value& slot, const value& observed, const std::string& path) {
    slot = observed;
    slot.where = {};  // not stated in the profile
    slot.path = path;
  }

  std::size_t find_model(const value& list, const schema_type& model_t, const observed_record& r,
                         std::size_t declared) const {
    const derived_fact* name = r.get("name");
    for (std::size_t i = 0; i < declared; ++i) {
      const value& m = list.items[i];
      const value* n = field(m, model_t, "name");
      if (name != nullptr && n != nullptr && n->present() &&
          model_key(n->text) == model_key(name->observed.text)) {
        return i;
      }
    }
    // A model API of unknown model: the declared model that API serves, by its operator.
    const derived_fact* op = r.get("operator");
    if (name == nullptr && op != nullptr) {
      for (std::size_t i = 0; i < declared; ++i) {
        const value& m = list.items[i];
        const value* o = field(m, model_t, "operator");
        const value* p = field(m, model_t, "provider");
        const value* h = field(m, model_t, "hosting");
        const bool api = h == nullptr || !h->present() || h->text == "provider-api";
        if ((o && o->present() && same_value(rules_, "operator", *o, op->observed)) ||
            (api && p && p->present() && same_value(rules_, "provider", *p, op->observed))) {
          return i;
        }
      }
    }
    return declared;
  }

  void compare(value& model, const schema_type& model_t, const observed_record& r) {
    for (const auto& [name, f] : r.fields) {
      if (name == "name" || f->confidence == fact_confidence::name_guess) continue;
      value* slot = field(model, model_t, name);
      if (slot == nullptr || !fits(schema_, field_type(&model_t, name), f->observed)) continue;
      if (!slot->present()) {
        // The registry fills countries at load; a field the profile leaves out is filled in.
        set(*slot, f->observed, slot->path);
        continue;
      }
      if (same_value(rules_, name, *slot, f->observed)) continue;
      drift_item d;
      d.kind = drift_kind::contradicts;
      d.path = slot->path;
      d.declared = *slot;
      d.observed = f->observed;
      d.profile_at = slot->where;
      d.evidence = f->evidence;
      d.message = "the profile declares " + render_value(*slot) + " but the artifacts show " +
                  render_value(f->observed);
      drift_.push_back(std::move(d));
      set(*slot, f->observed, slot->path);
    }
  }

  profile& deployed_;
  const library& rules_;
  const schema& schema_;
  std::vector<drift_item>& drift_;
  value storage_copy_;
};

}  // namespace

observed_deployment apply_artifacts(const profile& declared, const library& rules,
                                    const derivation& observed) {
  observed_deployment out{declared, {}};
  const schema& schema = rules.profile_schema();
  if (schema.root == nullptr) return out;
  drift_builder b(out.deployed, rules, out.drift);
  b.models(observed.facts);
  b.accelerators(observed.facts);
  if (const schema_type* data_t = field_type(schema.root, "data")) {
    const int d = schema.root->field_index("data");
    const value& data = declared.root.items[static_cast<std::size_t>(d)];
    if (data.k == value::kind::record) {
      const int s = data_t->field_index("storage");
      if (s >= 0) b.keep_declared_storage(data.items[static_cast<std::size_t>(s)]);
    }
  }
  b.storage(observed.facts);
  for (const auto& u : observed.unresolved) {
    drift_item d;
    d.kind = drift_kind::unresolved;
    d.observed.k = value::kind::string;
    d.observed.text = u.at.text;
    d.evidence.push_back(u.at);
    d.message = u.why;
    out.drift.push_back(std::move(d));
  }
  return out;
}

}  // namespace lexgate
