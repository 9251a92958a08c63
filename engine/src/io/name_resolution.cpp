// Company names → entities, once per profile load (layer: profile). See name_resolution.hpp.
//
// Why at load: rules compare `m.provider == "DeepSeek"`, a string comparison the evaluator does
// millions of times in a scan; resolving `deepseek-ai`, `深度求索` or `Hangzhou DeepSeek
// Artificial Intelligence Co., Ltd.` to `DeepSeek` here makes every spelling meet the rules at
// no cost per evaluation. The value keeps the position of what the profile wrote, so evidence
// still points at it.
#include "io/name_resolution.hpp"

#include "io/short_text.hpp"

#include "lexgate/profile_json.hpp"

namespace lexgate::detail {

namespace {

int field(const schema_type* record, const char* name) {
  return record != nullptr && record->kind == type_kind::record ? record->field_index(name) : -1;
}

const schema_type* field_type(const schema_type* record, int index) {
  return index >= 0 ? record->fields[static_cast<std::size_t>(index)].type : nullptr;
}

value* item(value& record, int index) {
  if (index < 0 || !record.present() || static_cast<std::size_t>(index) >= record.items.size()) {
    return nullptr;
  }
  return &record.items[static_cast<std::size_t>(index)];
}

bool stated(const value* v) {
  return v != nullptr && v->present() && v->k == value::kind::string && !v->text.empty();
}

class resolver {
 public:
  resolver(profile& p, const schema& s, diagnostic_bag& bag, bool json,
           resolution_memory* memory)
      : p_(p), registry_(s.entities), bag_(bag), json_(json), memory_(memory) {}

  bool run(const schema& s) {
    resolution_layout local;
    const resolution_layout& l = memory_ != nullptr ? memory_->layout(s) : (local = layout_of(s));
    value* product = item(p_.root, l.product);
    if (product != nullptr && product->present()) {
      value* vendor = item(*product, l.vendor);
      value* vendor_name = nullptr;
      value* vendor_country = nullptr;
      if (vendor != nullptr && vendor->present() && l.vendor_is_company) {
        vendor_name = item(*vendor, l.vendor_name);
        vendor_country = item(*vendor, l.vendor_country);
        vendor_entity_ = company(vendor_name, "stated", s);
        country(vendor_country, vendor_entity_, vendor_name);
      }
      value* models = item(*product, l.models);
      if (models != nullptr && models->k == value::kind::list && l.models_listed) {
        for (auto& model : models->items) {
          if (!l.model_companies || model.k != value::kind::record) continue;
          this->model(model.path, item(model, l.name), item(model, l.provider),
                      item(model, l.provider_country), item(model, l.op),
                      item(model, l.operator_country), item(model, l.hosting), vendor_name,
                      vendor_country, s);
        }
      }
    }
    // The paths of steps the previous profile had beyond this one's wait in memory for a
    // later profile, with their memory.
    while (p_.resolutions.size() > used_) {
      if (memory_ != nullptr) memory_->spare_paths.push_back(std::move(p_.resolutions.back().path));
      p_.resolutions.pop_back();
    }
    return ok_;
  }

 private:
  // One model: its developer (stated, or from its name), the developer's country, then the
  // operator (stated, or by its defaults) and the operator's country.
  void model(const std::string& model_path, value* name, value* provider,
             value* provider_country, value* op, value* operator_country, const value* hosting,
             const value* vendor_name, const value* vendor_country, const schema& s) {
    const entity_info* developer = nullptr;
    if (stated(provider)) {
      const std::size_t written = provider->text.size();
      developer = company(provider, "stated", s);
      if (stated(name)) same_developer(*name, *provider, written, developer, s);
    } else if (provider != nullptr && stated(name)) {
      if (const auto& m = model_of(name->text, s)) {
        developer = m->entity;
        set(*provider, m->entity->name, name->where);
        note(*provider, name->text, m->entity, m->how, m->matched, "model name", name->where);
      }
    }
    country(provider_country, developer, provider);
    if (op == nullptr) return;

    restore_path(*op, model_path, ".operator");
    const entity_info* operator_entity = nullptr;
    const value* source = nullptr;        // what the operator defaulted to
    const value* source_country = nullptr;
    std::string_view from;
    if (stated(op)) {
      operator_entity = company(op, "stated", s);
    } else if (stated(hosting) && hosting->text == "provider-api" && stated(provider)) {
      source = provider;
      source_country = provider_country;
      operator_entity = developer;
      from = "provider";
    } else if (stated(hosting) && hosting->text == "self-hosted" && stated(vendor_name)) {
      source = vendor_name;
      source_country = vendor_country;
      // The vendor resolved above, when the name is still its display name (display names
      // are names, and a name identifies one company); else the registry's search of them.
      operator_entity = vendor_entity_ != nullptr && vendor_entity_->name == vendor_name->text
                            ? vendor_entity_
                            : registry_.find_by_display_name(vendor_name->text);
      from = "vendor";
    }
    if (source != nullptr) {
      set(*op, source->text, source->where);
      note(*op, source->text, operator_entity, how_of(*source), source->text, from,
           source->where);
      // Evidence then names what the profile wrote (the provider or the vendor), which a JSON
      // pointer can locate, rather than an attribute the profile left out.
      op->path = source->path;
    }
    if (operator_country == nullptr) return;
    if ((operator_entity == nullptr || operator_entity->country.empty() ||
         guessed_within(*op)) &&
        !operator_country->present() && source_country != nullptr && source_country->present()) {
      // An operator the registry does not know, defaulted from a party whose country the
      // profile states: that stated country is the operator's.
      operator_country->k = source_country->k;
      operator_country->text = source_country->text;
      operator_country->where = source_country->where;
      return;
    }
    country(operator_country, operator_entity, op);
  }

  // Resolves a stated company name in place; nullptr (and the name as written) when unknown.
  const entity_info* company(value* v, std::string_view from, const schema& s) {
    if (!stated(v)) return nullptr;
    std::optional<entity_match> looked_up;
    const std::optional<entity_match>& m =
        memory_ != nullptr ? memory_->company(s, v->text)
                           : (looked_up = registry_.company(v->text));
    if (!m) {
      note(*v, v->text, nullptr, match_kind::name, {}, from, v->where);
      return nullptr;
    }
    if (m->how == match_kind::name_within) {
      if (const auto other = registry_.also_named(v->text)) two_companies(*v, *m, *other);
    }
    note(*v, v->text, m->entity, m->how, m->matched, from, v->where);
    assign_text(v->text, m->entity->name);
    return m->entity;
  }

  // A company name that holds two companies' names (`Azure AI Foundry (DeepSeek)`) says neither
  // which is meant nor, for a model, which developed it: taking the first would pass every rule
  // on the other's products.
  void two_companies(const value& v, const entity_match& first, const entity_match& other) {
    diagnostic d = located(v, v.text.size());
    d.code = "profile.entity_ambiguous";
    d.message = "`" + v.path + "` `" + v.text + "` names two companies, " + first.entity->name +
                " (`" + first.matched + "`) and " + other.entity->name + " (`" + other.matched +
                "`): lexgate cannot tell which it is";
    d.help = "write one company: for a model, `provider` is the company that developed it, and "
             "the company whose service runs it goes in `operator`";
    bag_.add(std::move(d));
    ok_ = false;
  }

  // An error at a value of the profile, `written` characters long.
  diagnostic located(const value& v, std::size_t written) const {
    diagnostic d;
    d.severity = diagnostic_severity::error;
    d.file = p_.source ? p_.source->name() : std::string();
    d.where = v.where;
    d.end = {v.where.line, v.where.column + static_cast<std::uint32_t>(written)};
    if (json_) {
      d.pointer = json_pointer(v.path);
    } else if (p_.source && v.where.line > 0) {
      d.line_text = std::string(p_.source->line_text(v.where.line));
    }
    return d;
  }

  // A stated provider must be the developer the model's name identifies: `DeepSeek-R1` with
  // `provider: Microsoft` (the cloud that serves it) would otherwise pass every rule on
  // DeepSeek's products as a US company's model. A name that only suggests its developer (a
  // known name inside it) gives a warning, not an error: the guess may be wrong.
  void same_developer(const value& name, const value& provider, std::size_t written,
                      const entity_info* developer, const schema& s) {
    const std::optional<entity_match>& m = model_of(name.text, s);
    if (!m || m->entity == nullptr || m->entity == developer) return;
    const bool guess = m->how == match_kind::name_within || m->how == match_kind::file_name_guess;
    const entity_info& e = *m->entity;
    diagnostic d = located(provider, written);
    if (guess) d.severity = diagnostic_severity::warning;
    d.code = "profile.entity_developer";
    d.message = "`" + provider.path + "` names " +
                (developer != nullptr ? developer->name : "`" + provider.text + "`") + ", but `" +
                name.text + "` " + (guess ? "may be " : "is ") + "a model of " + e.name + " (" +
                (guess ? std::string("the name holds") : to_string(m->how)) + " `" +
                m->matched + "`)";
    d.help = "`provider` is the company that developed the model; the company whose service runs "
             "it goes in `operator` (with `operator_country`). A model derived from " +
             e.name + "'s counts as " + e.name + "'s for rules on its products: write `provider: " +
             e.name + "`" + (guess ? ", or ignore this warning if the name misleads" : "") +
             " (" + e.name + ": " + e.file + ":" + std::to_string(e.where.line) + ")";
    bag_.add(std::move(d));
    if (!guess) ok_ = false;
  }

  // What the registry says of a model's name, from memory when there is one.
  const std::optional<entity_match>& model_of(const std::string& name, const schema& s) {
    if (memory_ != nullptr) return memory_->model(s, name);
    looked_up_ = registry_.model(name);
    return looked_up_;
  }

  // Fills an omitted country from the registry; a stated one must agree with it. A company
  // guessed from a known name inside the written one lends it no country either way: the
  // guess may be wrong, and a country would then turn a missing fact into a false one.
  void country(value* c, const entity_info* e, const value* named_by) {
    if (c == nullptr || e == nullptr || e->country.empty() || named_by == nullptr) return;
    if (guessed_within(*named_by)) return;
    if (!c->present()) {
      set(*c, e->country, named_by->where);
      c->k = value::kind::string;
      note(*c, named_by->text, e, how_of(*named_by), e->country, "registry", named_by->where);
      return;
    }
    if (c->text == e->country) return;
    diagnostic d;
    d.code = "profile.entity_country";
    d.message = "`" + c->path + "` is " + c->text + ", but " + e->name + " is established in " +
                e->country;
    d.file = p_.source ? p_.source->name() : std::string();
    d.where = c->where;
    d.end = {c->where.line, c->where.column + static_cast<std::uint32_t>(c->text.size())};
    if (json_) {
      d.pointer = json_pointer(c->path);
    } else if (p_.source && c->where.line > 0) {
      d.line_text = std::string(p_.source->line_text(c->where.line));
    }
    d.help = "`" + named_by->path + "` (" + std::to_string(named_by->where.line) + ":" +
             std::to_string(named_by->where.column) + ") names " + e->name +
             ", established in " + e->country + " according to " + e->file + ":" +
             std::to_string(e->where.line) + "; correct the country, or the name";
    bag_.add(std::move(d));
    ok_ = false;
  }

  // A profile loaded into reused values (JSON Lines) keeps the paths of the previous line's
  // values: an operator that pointed at its provider there gets its own path back.
  static void restore_path(value& v, const std::string& parent, std::string_view field) {
    if (v.path.size() == parent.size() + field.size() &&
        v.path.compare(0, parent.size(), parent) == 0 &&
        v.path.compare(parent.size(), field.size(), field) == 0) {
      return;
    }
    v.path = parent;
    v.path += field;
  }

  static void set(value& v, const std::string& text, location where) {
    v.k = value::kind::string;
    assign_text(v.text, text);
    v.where = where;
  }

  // How the value a derived one comes from was matched: a country or an operator taken from a
  // developer that only a model's name suggested rests on that name too, and reports say so.
  match_kind how_of(const value& v) const {
    for (std::size_t i = used_; i-- > 0;) {
      if (p_.resolutions[i].path == v.path) return p_.resolutions[i].how;
    }
    return match_kind::name;
  }

  // Whether `v` was resolved by a known name inside an unknown one: `how_of(v)` is
  // `name_within`. Rare, and asked of every country: the steps are searched only when one is.
  bool guessed_within(const value& v) const {
    return any_within_ && how_of(v) == match_kind::name_within;
  }

  // Records a step, reusing the slots (and string memory) of the profile's previous list.
  // `from` is a view of a literal, its length known where it is named: as a `const char*` each
  // step measured it again.
  [[gnu::always_inline]] void note(const value& target, const std::string& written,
                                   const entity_info* e, match_kind how,
                                   const std::string& matched, std::string_view from,
                                   location where) {
    if (how == match_kind::name_within) {
      any_within_ = true;
    } else if (!p_.keep_resolutions) {
      // No one reads the step, and `how_of` looks only for guesses: a step's path is noted
      // once a run, so the guesses alone answer it as the whole list would. Tested in line:
      // the call cost more than the test.
      return;
    }
    record(target, written, e, how, matched, from, where);
  }
  [[gnu::noinline]] void record(const value& target, const std::string& written,
                                const entity_info* e, match_kind how, const std::string& matched,
                                std::string_view from, location where) {
    if (used_ == p_.resolutions.size()) {
      name_resolution& added = p_.resolutions.emplace_back();
      if (memory_ != nullptr && !memory_->spare_paths.empty()) {
        added.path = std::move(memory_->spare_paths.back());
        memory_->spare_paths.pop_back();
      }
    }
    name_resolution& r = p_.resolutions[used_++];
    // Assigned in place or cleared, never replaced by a temporary: the slot's memory is reused,
    // and the short texts copied inline (`std::string`'s own assignment cost several times more
    // than the copy, six times a step).
    assign_text(r.path, target.path);
    assign_text(r.written, written);
    if (e != nullptr) {
      assign_text(r.entity, e->name);
      assign_text(r.country, e->country);
    } else {
      r.entity.clear();
      r.country.clear();
    }
    r.how = how;
    assign_text(r.matched, matched);
    assign_text(r.from, from);
    r.where = where;
  }

  profile& p_;
  const entity_registry& registry_;
  diagnostic_bag& bag_;
  bool json_;
  resolution_memory* memory_;
  bool ok_ = true;
  std::optional<entity_match> looked_up_;  // model_of's answer without memory
  bool any_within_ = false;  // a step recorded so far is a `name_within` guess
  const entity_info* vendor_entity_ = nullptr;  // the vendor's, when the registry knows it
  std::size_t used_ = 0;
};

}  // namespace

resolution_layout layout_of(const schema& s) {
  resolution_layout l;
  const schema_type* root = s.root;
  l.product = field(root, "product");
  const schema_type* product_type = field_type(root, l.product);
  l.vendor = field(product_type, "vendor");
  const schema_type* vendor_type = field_type(product_type, l.vendor);
  l.vendor_name = field(vendor_type, "name");
  l.vendor_country = field(vendor_type, "country");
  l.vendor_is_company = schema::is_company(field_type(vendor_type, l.vendor_name));
  l.models = field(product_type, "models");
  const schema_type* models_type = field_type(product_type, l.models);
  l.models_listed = models_type != nullptr && models_type->element != nullptr;
  if (l.models_listed) {
    const schema_type* m = models_type->element;
    l.name = field(m, "name");
    l.provider = field(m, "provider");
    l.provider_country = field(m, "provider_country");
    l.op = field(m, "operator");
    l.operator_country = field(m, "operator_country");
    l.hosting = field(m, "hosting");
    l.model_companies = schema::is_company(field_type(m, l.provider)) &&
                        (l.op < 0 || schema::is_company(field_type(m, l.op)));
  }
  return l;
}

void resolution_memory::use(const schema& s) {
  if (schema_.same(s)) return;
  layout_ = layout_of(s);
  known_.clear();
  models_.clear();
}

const resolution_layout& resolution_memory::layout(const schema& s) {
  use(s);
  return layout_;
}

const std::optional<entity_match>& resolution_memory::company(const schema& s,
                                                               std::string_view name) {
  use(s);
  if (known_.size() >= capacity) known_.clear();
  if (auto it = known_.find(name); it != known_.end()) return it->second;
  return known_.emplace(std::string(name), s.entities.company(name)).first->second;
}

const std::optional<entity_match>& resolution_memory::model(const schema& s,
                                                             std::string_view name) {
  use(s);
  if (models_.size() >= capacity) models_.clear();
  if (auto it = models_.find(name); it != models_.end()) return it->second;
  return models_.emplace(std::string(name), s.entities.model(name)).first->second;
}

bool resolve_names(profile& p, const schema& s, diagnostic_bag& bag, bool json,
                   resolution_memory* memory) {
  return resolver(p, s, bag, json, memory).run(s);
}

}  // namespace lexgate::detail
