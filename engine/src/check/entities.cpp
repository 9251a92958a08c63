// Checking `entity` declarations (layer: check). Names must identify one company: two entities
// that claim the same name (after normalisation), organisation, model family or API host would
// make resolution depend on declaration order, so that is an error with both positions.
#include "check/entities.hpp"

#include <algorithm>
#include <map>

namespace lexgate::detail {

namespace {

struct claimant {
  std::string entity;
  std::string place;
};

std::string place_of(const source_file& file, span where) {
  const auto at = file.locate(where.begin);
  return file.name() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

std::string lowercase(const std::string& s) {
  std::string out = s;
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class entity_checker {
 public:
  entity_checker(schema& out, diagnostic_bag& bag) : out_(out), bag_(bag) {}

  void check(const ast::entity_decl& d, const source_file& file) {
    file_ = &file;
    if (auto it = ids_.find(d.id.value); it != ids_.end()) {
      error("check.duplicate", "entity `" + d.id.value + "` is declared twice", d.id.where,
            "first declared at " + it->second);
      return;
    }
    ids_.emplace(d.id.value, place_of(file, d.id.where));
    const std::string what = "entity `" + d.id.value + "`";
    entity_info e;
    e.id = d.id.value;
    e.file = file.name();
    e.where = file.locate(d.where.begin);
    if (!d.name) {
      error("check.missing_clause", what + " has no `name`", d.id.where,
            "the name reports show, such as `name \"DeepSeek\"`");
    } else {
      e.name = d.name->value;
      claim_name(d.name->value, d.name->where, e.id, "name");
    }
    // `country` may be left out where the sources do not establish it: the country of what
    // resolves to the entity is then missing, never assumed.
    if (!d.country) {
    } else if (!out_.jurisdictions.known(d.country->value)) {
      auto near = nearest_name(d.country->value, out_.jurisdictions.codes());
      error("check.unknown_jurisdiction",
            "`" + d.country->value + "` is not a declared jurisdiction", d.country->where,
            near ? "did you mean `" + *near + "`?" : "declare it in a `jurisdictions` block");
    } else {
      e.country = d.country->value;
    }
    if (d.parent) {
      e.parent = d.parent->value;
      parents_.push_back({d.parent->value, d.parent->where, &file, d.id.value});
    }
    if (d.sources.empty()) {
      error("check.missing_clause", what + " has no `source`", d.id.where,
            "every entity names where its names and country are established");
    }
    for (const auto& s : d.sources) {
      if (s.value.empty()) error("check.empty", "a `source` must not be empty", s.where);
      e.sources.push_back(s.value);
    }
    for (const auto& n : d.names) {
      claim_name(n.value, n.where, e.id, "name");
      e.names.push_back(n.value);
    }
    for (const auto& n : d.hugging_face_orgs) {
      claim_name(n.value, n.where, e.id, "organisation");
      e.hugging_face_orgs.push_back(n.value);
    }
    for (const auto& n : d.modelscope_orgs) {
      claim_name(n.value, n.where, e.id, "organisation");
      e.modelscope_orgs.push_back(n.value);
    }
    for (const auto& f : d.model_families) {
      claim(families_, lowercase(f.value), f.where, e.id, "model family", f.value);
      e.model_families.push_back(f.value);
    }
    for (const auto& h : d.api_hosts) {
      if (std::count(h.value.begin(), h.value.end(), '*') > 1 ||
          h.value.find_first_of(" /:") != std::string::npos) {
        error("check.bad_host", "`" + h.value + "` is not a host name", h.where,
              "write a host such as `api.deepseek.com`; one `*` stands for part of one label");
      }
      claim(hosts_, lowercase(h.value), h.where, e.id, "API host", h.value);
      e.api_hosts.push_back(h.value);
    }
    declared_.push_back(std::move(e));
  }

  // Parents can be declared after their children, in any file: checked once all are known.
  void finish() {
    std::vector<std::string> known;
    for (const auto& e : declared_) known.push_back(e.id);
    for (const auto& p : parents_) {
      file_ = p.file;
      if (std::find(known.begin(), known.end(), p.parent) == known.end()) {
        auto near = nearest_name(p.parent, known);
        error("check.unknown_entity", "`" + p.parent + "` is not a declared entity", p.where,
              near ? "did you mean `" + *near + "`?" : "`parent` names another entity's id");
      } else if (cyclic(p.child)) {
        error("check.entity_cycle", "entity `" + p.child + "` is its own parent", p.where,
              "a chain of `parent` clauses must end");
      }
    }
    std::sort(declared_.begin(), declared_.end(),
              [](const entity_info& a, const entity_info& b) { return a.id < b.id; });
    for (auto& e : declared_) out_.entities.add(std::move(e));
    out_.entities.index();
  }

 private:
  struct parent_ref {
    std::string parent;
    span where;
    const source_file* file;
    std::string child;
  };

  bool cyclic(const std::string& start) const {
    std::string at = start;
    for (std::size_t steps = 0; steps <= declared_.size(); ++steps) {
      auto it = std::find_if(declared_.begin(), declared_.end(),
                             [&](const entity_info& e) { return e.id == at; });
      if (it == declared_.end() || it->parent.empty()) return false;
      at = it->parent;
      if (at == start) return true;
    }
    return true;
  }

  void claim_name(const std::string& text, span where, const std::string& entity,
                  const char* kind) {
    const std::string key = normalize_company_name(text);
    if (key.empty()) {
      error("check.empty", "a " + std::string(kind) + " must have letters or digits", where);
      return;
    }
    claim(names_, key, where, entity, kind, text);
  }

  void claim(std::map<std::string, claimant>& table, const std::string& key, span where,
             const std::string& entity, const char* kind, const std::string& text) {
    auto [it, inserted] = table.emplace(key, claimant{entity, place_of(*file_, where)});
    if (inserted || it->second.entity == entity) return;
    error("check.duplicate",
          std::string(kind) + " `" + text + "` of entity `" + entity + "` already names entity `" +
              it->second.entity + "`",
          where,
          "declared for `" + it->second.entity + "` at " + it->second.place +
              "; a name identifies one company (compared ignoring case, punctuation and legal "
              "suffixes)");
  }

  void error(const char* code, std::string message, span where, std::string help = {}) {
    bag_.report(diagnostic_severity::error, code, std::move(message), file_, where,
                std::move(help));
  }

  schema& out_;
  diagnostic_bag& bag_;
  const source_file* file_ = nullptr;
  std::map<std::string, std::string> ids_;
  std::map<std::string, claimant> names_;
  std::map<std::string, claimant> families_;
  std::map<std::string, claimant> hosts_;
  std::vector<parent_ref> parents_;
  std::vector<entity_info> declared_;
};

}  // namespace

bool build_entities(const std::vector<ast::rule_file>& files, schema& out, diagnostic_bag& bag) {
  const std::size_t errors_before = bag.error_count();
  entity_checker checker(out, bag);
  for (const auto& file : files) {
    for (const auto& d : file.entities) checker.check(d, *file.source);
  }
  checker.finish();
  return bag.error_count() == errors_before;
}

}  // namespace lexgate::detail
