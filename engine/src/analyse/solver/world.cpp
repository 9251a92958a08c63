// Building the symbolic profile of a deployment, and reading a solver model back into a profile.
#include "analyse/solver/world.hpp"

#include <algorithm>

namespace lexgate::analyse {

int text_ids::intern(const std::string& text) {
  auto [it, added] = ids_.emplace(text, static_cast<int>(texts_.size()));
  if (added) texts_.push_back(text);
  return it->second;
}

int text_ids::find(const std::string& text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? -1 : it->second;
}

namespace {

bool is_text(type_kind k) {
  return k == type_kind::string || k == type_kind::enumeration || k == type_kind::jurisdiction;
}

bool finite(const schema_type* t) {
  return t->kind == type_kind::enumeration || t->kind == type_kind::jurisdiction;
}

const value* stated(const value* v) {
  return v != nullptr && v->present() ? v : nullptr;
}

}  // namespace

world::world(z3::context& c, const schema& s, text_ids& texts, const value& root,
             const std::vector<std::string>& pinned, const std::vector<std::string>& markets,
             const std::vector<z3::expr>& membership, const std::string& prefix)
    : c_(c),
      schema_(s),
      texts_(texts),
      pinned_(pinned),
      markets_(markets),
      membership_(membership),
      prefix_(prefix),
      root_(c) {
  root_ = build(&root, s.root, "", false);
  collect_free(root_);
  // Where a model comes from is a fact about the world, not a setting: its provider's country
  // changes only when the model is replaced by another provider's (the provider changes too).
  for (const auto& country : free_) {
    const std::string& path = country.attribute->path;
    static const std::string suffix = ".provider_country";
    if (path.size() <= suffix.size() ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string provider = path.substr(0, path.size() - suffix.size()) + ".provider";
    for (const auto& other : free_) {
      if (other.attribute->path == provider) {
        domains_.push_back(z3::implies(country.changed, other.changed));
      }
    }
  }
}

bool world::pinned(const std::string& path) const {
  return std::any_of(pinned_.begin(), pinned_.end(),
                     [&](const std::string& p) { return path_under(path, p); });
}

std::string world::fresh(const std::string& path) {
  return prefix_ + path;
}

std::vector<int> world::domain_of(const schema_type* element) const {
  std::vector<int> out;
  if (element->kind == type_kind::enumeration) {
    for (const auto& v : element->enum_values) out.push_back(texts_.find(v));
  } else {
    for (const auto& code : schema_.jurisdictions.codes()) out.push_back(texts_.find(code));
  }
  return out;
}

z3::expr world::text_domain(const schema_type* type, const z3::expr& v) {
  z3::expr_vector options(c_);
  for (int id : domain_of(type)) options.push_back(v == id);
  return z3::mk_or(options);
}

void world::make_free_scalar(sym& s) {
  s.free = true;
  const std::string name = fresh(s.path);
  const type_kind k = s.type->kind;
  s.scalar = k == type_kind::boolean ? c_.bool_const(name.c_str()) : c_.int_const(name.c_str());
  if (k == type_kind::string) {
    // Free text keeps its value or becomes "any other": the plan never picks a name (a
    // provider, a vendor) on the user's behalf.
    const value* cur = stated(s.current);
    const z3::expr other = s.scalar == texts_.other();
    domains_.push_back(cur != nullptr ? (s.scalar == texts_.find(cur->text) || other) : other);
  } else if (is_text(k)) {
    domains_.push_back(text_domain(s.type, s.scalar));
  }
  // A stated fact stays stated; an unstated one may be stated by the plan.
  s.present = stated(s.current) ? c_.bool_val(true) : c_.bool_const((name + "?").c_str());
}

void world::make_set(sym& s, bool free_set) {
  s.is_set = true;
  s.free = free_set;
  s.domain = domain_of(s.type->element);
  const value* cur = stated(s.current);
  for (int id : s.domain) {
    bool in_current = false;
    if (cur != nullptr) {
      for (const auto& item : cur->items) in_current |= texts_.find(item.text) == id;
    }
    if (free_set) {
      s.member.push_back(c_.bool_const((fresh(s.path) + "#" + texts_.text(id)).c_str()));
    } else {
      s.member.push_back(c_.bool_val(in_current));
    }
  }
  if (free_set && cur != nullptr && !cur->items.empty()) {
    // A list with members keeps at least one: data stored nowhere, or a product on no device,
    // is no deployment.
    z3::expr_vector some(c_);
    for (const auto& m : s.member) some.push_back(m);
    domains_.push_back(z3::mk_or(some));
  }
  if (free_set) {
    s.present = cur != nullptr ? c_.bool_val(true) : c_.bool_const((fresh(s.path) + "?").c_str());
  } else {
    s.present = c_.bool_val(cur != nullptr);
  }
}

sym world::build(const value* v, const schema_type* type, const std::string& path,
                 bool changeable) {
  sym s(c_);
  s.type = type;
  s.path = path;
  s.current = v;
  paths_.push_back(path);
  const value* cur = stated(v);
  const bool free = changeable && !pinned(path);

  if (path == "deployment.markets") {
    // The deployment's markets are those the split assigns to it.
    s.is_set = true;
    s.present = c_.bool_val(true);
    for (std::size_t i = 0; i < markets_.size(); ++i) {
      s.domain.push_back(texts_.find(markets_[i]));
      s.member.push_back(membership_[i]);
    }
    return s;
  }

  switch (type->kind) {
    case type_kind::record: {
      s.present = c_.bool_val(cur != nullptr);
      z3::expr_vector any_field(c_);
      any_field.push_back(s.present);
      for (std::size_t i = 0; i < type->fields.size(); ++i) {
        const auto& f = type->fields[i];
        const value* fv = cur != nullptr ? &cur->items[i] : nullptr;
        s.items.push_back(
            build(fv, f.type, path.empty() ? f.name : path + "." + f.name, f.changeable));
        any_field.push_back(s.items.back().present);
      }
      // A record the plan fills in becomes stated with its first stated field.
      if (cur == nullptr && !path.empty()) s.present = z3::mk_or(any_field).simplify();
      return s;
    }
    case type_kind::list: {
      if (finite(type->element)) {
        make_set(s, free);
        return s;
      }
      s.present = c_.bool_val(cur != nullptr);
      if (cur != nullptr) {
        for (std::size_t i = 0; i < cur->items.size(); ++i) {
          // Items of a changeable list of records keep their own fields' flags.
          s.items.push_back(
              build(&cur->items[i], type->element, path + "[" + std::to_string(i) + "]", false));
        }
      }
      return s;
    }
    case type_kind::map: {
      s.present = c_.bool_val(cur != nullptr);
      const value* fallback = nullptr;
      if (cur != nullptr) {
        for (std::size_t i = 0; i < cur->keys.size(); ++i) {
          if (cur->keys[i] == "default") fallback = &cur->items[i];
        }
      }
      auto add_entry = [&](const std::string& key, const value* current) {
        s.keys.push_back(texts_.intern(key));
        const bool per_market = std::find(markets_.begin(), markets_.end(), key) != markets_.end();
        s.entries.push_back(build(current, type->element, path + "." + key, free && per_market));
      };
      if (cur != nullptr) {
        for (std::size_t i = 0; i < cur->keys.size(); ++i) add_entry(cur->keys[i], &cur->items[i]);
      }
      // Each market gets its own entry, so per-market attributes never conflict.
      for (const auto& m : markets_) {
        if (cur != nullptr && std::find(cur->keys.begin(), cur->keys.end(), m) != cur->keys.end()) {
          continue;
        }
        const value* current = nullptr;
        if (fallback != nullptr) {
          synthesized_.push_back(*fallback);
          synthesized_.back().path = path + "." + m;
          current = &synthesized_.back();
        }
        add_entry(m, current);
      }
      return s;
    }
    default:
      break;
  }

  // Scalars.
  if (free) {
    make_free_scalar(s);
    return s;
  }
  s.present = c_.bool_val(cur != nullptr);
  if (cur == nullptr) {
    s.scalar = type->kind == type_kind::boolean ? c_.bool_val(false) : c_.int_val(0);
  } else if (type->kind == type_kind::boolean) {
    s.scalar = c_.bool_val(cur->boolean);
  } else if (is_text(type->kind)) {
    s.scalar = c_.int_val(texts_.find(cur->text));
  } else {
    s.scalar = c_.int_val(static_cast<int64_t>(cur->integer));
  }
  return s;
}

void world::collect_free(const sym& s) {
  if (s.free) {
    const bool scalar_free = !s.is_set;
    const value* cur = stated(s.current);
    z3::expr changed = c_.bool_val(false);
    if (cur == nullptr) {
      changed = s.present;
    } else if (scalar_free) {
      if (s.type->kind == type_kind::boolean) {
        changed = s.scalar != c_.bool_val(cur->boolean);
      } else if (is_text(s.type->kind)) {
        changed = s.scalar != c_.int_val(texts_.find(cur->text));
      } else {
        changed = s.scalar != c_.int_val(static_cast<int64_t>(cur->integer));
      }
    } else {
      z3::expr_vector differs(c_);
      for (std::size_t i = 0; i < s.domain.size(); ++i) {
        bool in_current = false;
        for (const auto& item : cur->items) in_current |= texts_.find(item.text) == s.domain[i];
        differs.push_back(s.member[i] != c_.bool_val(in_current));
      }
      changed = z3::mk_or(differs);
    }
    free_.push_back({&s, changed});
    return;
  }
  for (const auto& i : s.items) collect_free(i);
  for (const auto& e : s.entries) collect_free(e);
}

value world::decode_scalar(const z3::model& m, const sym& s) const {
  value out;
  out.path = s.path;
  if (!m.eval(s.present, true).is_true()) return out;
  const z3::expr x = m.eval(s.scalar, true);
  switch (s.type->kind) {
    case type_kind::boolean:
      out.k = value::kind::boolean;
      out.boolean = x.is_true();
      break;
    case type_kind::integer:
      out.k = value::kind::integer;
      out.integer = x.get_numeral_int64();
      break;
    case type_kind::date:
      out.k = value::kind::date;
      out.integer = x.get_numeral_int64();
      break;
    default: {
      out.k = value::kind::string;
      const int id = static_cast<int>(x.get_numeral_int64());
      out.text = id >= 0 && id < texts_.other() ? texts_.text(id) : any_other_text;
      break;
    }
  }
  return out;
}

value world::decode_attribute(const z3::model& m, const sym& s) const {
  if (!s.is_set) return decode_scalar(m, s);
  value out;
  out.path = s.path;
  if (!m.eval(s.present, true).is_true()) return out;
  out.k = value::kind::list;
  // Keep the profile's order for members it already lists; new members follow.
  std::vector<int> order;
  if (const value* cur = stated(s.current)) {
    for (const auto& item : cur->items) order.push_back(texts_.find(item.text));
  }
  for (int id : s.domain) {
    if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
  }
  for (int id : order) {
    auto it = std::find(s.domain.begin(), s.domain.end(), id);
    if (it == s.domain.end()) continue;
    if (!m.eval(s.member[static_cast<std::size_t>(it - s.domain.begin())], true).is_true()) {
      continue;
    }
    value item;
    item.k = value::kind::string;
    item.text = texts_.text(id);
    item.path = s.path + "[" + std::to_string(out.items.size()) + "]";
    out.items.push_back(std::move(item));
  }
  return out;
}

value world::decode(const z3::model& m, const sym& s, const std::vector<std::string>& kept,
                    const std::string& undone) const {
  if (s.path == "deployment.markets") {
    value out;
    out.k = value::kind::list;
    out.path = s.path;
    for (const auto& code : kept) {
      value item;
      item.k = value::kind::string;
      item.text = code;
      out.items.push_back(item);
    }
    return out;
  }
  if (s.free && s.path == undone) {
    if (s.current != nullptr) return *s.current;
    value out;
    out.path = s.path;
    return out;
  }
  if (s.free) return decode_attribute(m, s);
  if (s.type->kind == type_kind::record) {
    value out;
    out.path = s.path;
    if (!m.eval(s.present, true).is_true()) return out;
    out.k = value::kind::record;
    for (const auto& f : s.items) out.items.push_back(decode(m, f, kept, undone));
    rename_replaced_model(s, out);
    return out;
  }
  if (s.type->kind == type_kind::map) {
    value out;
    const value* cur = stated(s.current);
    if (cur == nullptr) return out;
    out = *cur;
    // Entries the plan changed for a market it keeps become explicit keys.
    for (std::size_t i = 0; i < s.entries.size(); ++i) {
      const std::string& key = texts_.text(s.keys[i]);
      if (std::find(cur->keys.begin(), cur->keys.end(), key) != cur->keys.end()) {
        for (std::size_t j = 0; j < cur->keys.size(); ++j) {
          if (cur->keys[j] == key) out.items[j] = decode(m, s.entries[i], kept, undone);
        }
        continue;
      }
      if (std::find(kept.begin(), kept.end(), key) == kept.end()) continue;
      value decoded = decode(m, s.entries[i], kept, undone);
      const value* before = s.entries[i].current;
      const bool same = before != nullptr && before->present() && decoded.present() &&
                        render_value(*before) == render_value(decoded);
      if (!same && decoded.present()) {
        out.keys.push_back(key);
        out.items.push_back(std::move(decoded));
      }
    }
    return out;
  }
  if (s.current == nullptr) {
    value out;
    out.path = s.path;
    return out;
  }
  if (s.type->kind == type_kind::list && !s.is_set) {
    value out = *s.current;
    for (std::size_t i = 0; i < s.items.size(); ++i)
      out.items[i] = decode(m, s.items[i], kept, undone);
    return out;
  }
  return *s.current;
}

// A model whose provider the plan changes is another provider's model, and no longer the one
// the profile names: `deepseek-v3` of a TW provider would contradict the entity registry when
// the written profile is checked. The plan never picks a name, so the name becomes "any other".
void world::rename_replaced_model(const sym& s, value& out) const {
  const int provider = s.type->field_index("provider");
  const int name = s.type->field_index("name");
  if (provider < 0 || name < 0) return;
  const auto pi = static_cast<std::size_t>(provider);
  const auto ni = static_cast<std::size_t>(name);
  if (pi >= out.items.size() || ni >= out.items.size() || !s.items[pi].free) return;
  const value* before = s.items[pi].current;
  const value& after = out.items[pi];
  const bool was = before != nullptr && before->present();
  if (was == after.present() && (!was || (before->k == after.k && before->text == after.text))) {
    return;
  }
  value& written = out.items[ni];
  if (!written.present()) return;
  written.k = value::kind::string;
  written.text = any_other_text;
}

value world::decode(const z3::model& m, const std::vector<std::string>& markets_kept) const {
  return decode(m, root_, markets_kept, std::string());
}

value world::decode(const z3::model& m, const std::vector<std::string>& markets_kept,
                    const std::string& undone) const {
  return decode(m, root_, markets_kept, undone);
}

}  // namespace lexgate::analyse
