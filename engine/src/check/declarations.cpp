// The library's declarations: enums, jurisdictions and the profile schema (layer: check).
#include "check/declarations.hpp"

#include <map>
#include <set>

namespace lexgate::detail {

namespace {

const std::set<std::string> kScalarNames = {"boolean", "integer", "string", "date", "jurisdiction"};

type_kind scalar_kind(const std::string& name) {
  if (name == "boolean") return type_kind::boolean;
  if (name == "integer") return type_kind::integer;
  if (name == "string") return type_kind::string;
  if (name == "date") return type_kind::date;
  return type_kind::jurisdiction;
}

class schema_builder {
 public:
  schema_builder(schema& out, const std::map<std::string, const schema_type*>& enums,
                 diagnostic_bag& bag, const source_file* file)
      : out_(out), enums_(enums), bag_(bag), file_(file) {}

  const schema_type* build(const ast::type_expr& t, const std::string& path) {
    switch (t.form) {
      case ast::type_expr::kind::named:
        return named(t);
      case ast::type_expr::kind::list_of:
      case ast::type_expr::kind::map_of: {
        const schema_type* element = build(*t.element, path);
        if (element == nullptr) return nullptr;
        schema_type made;
        made.kind = t.form == ast::type_expr::kind::list_of ? type_kind::list : type_kind::map;
        made.name = (made.kind == type_kind::list ? "list of " : "map of ") + element->name;
        made.element = element;
        return out_.add(std::move(made));
      }
      case ast::type_expr::kind::record:
        return record(t.fields, path);
    }
    return nullptr;
  }

  const schema_type* record(const std::vector<ast::field_decl>& fields, const std::string& path) {
    schema_type made;
    made.kind = type_kind::record;
    made.name = path.empty() ? "profile" : path;
    std::map<std::string, std::uint32_t> seen;
    bool ok = true;
    for (const auto& f : fields) {
      const std::string field_path = path.empty() ? f.name.value : path + "." + f.name.value;
      if (auto [it, inserted] = seen.emplace(f.name.value, file_->locate(f.name.where.begin).line);
          !inserted) {
        bag_.report(diagnostic_severity::error, "check.duplicate",
                    "attribute `" + field_path + "` is declared twice", file_, f.name.where,
                    "first declared at line " + std::to_string(it->second));
        ok = false;
        continue;
      }
      schema_field field;
      field.name = f.name.value;
      field.type = build(f.type, field_path);
      if (field.type == nullptr) {
        ok = false;
        continue;
      }
      for (const auto& flag : f.flags) {
        if (flag.value == "required") {
          field.required = true;
        } else if (flag.value == "changeable") {
          field.changeable = true;
        } else {
          bag_.report(diagnostic_severity::error, "check.unknown_flag",
                      "unknown attribute flag `" + flag.value + "`", file_, flag.where,
                      "the flags are `required` and `changeable`");
          ok = false;
        }
      }
      made.fields.push_back(std::move(field));
    }
    if (!ok) return nullptr;
    return out_.add(std::move(made));
  }

 private:
  const schema_type* named(const ast::type_expr& t) {
    if (kScalarNames.count(t.name) != 0) return out_.scalar(scalar_kind(t.name));
    if (t.name == "company") return out_.company();
    if (auto it = enums_.find(t.name); it != enums_.end()) return it->second;
    std::vector<std::string> candidates(kScalarNames.begin(), kScalarNames.end());
    candidates.push_back("company");
    for (const auto& [name, type] : enums_) candidates.push_back(name);
    auto near = nearest_name(t.name, candidates);
    bag_.report(diagnostic_severity::error, "check.unknown_type", "unknown type `" + t.name + "`",
                file_, t.where,
                near ? "did you mean `" + *near + "`?"
                     : "a type is boolean, integer, string, date, jurisdiction, company, an enum, "
                       "`list of T`, `map of T` or `{ ... }`");
    return nullptr;
  }

  schema& out_;
  const std::map<std::string, const schema_type*>& enums_;
  diagnostic_bag& bag_;
  const source_file* file_;
};

std::string where_text(const source_file& file, span where) {
  const auto at = file.locate(where.begin);
  return file.name() + ":" + std::to_string(at.line);
}

}  // namespace

bool build_declarations(const std::vector<ast::rule_file>& files, schema& out,
                        diagnostic_bag& bag) {
  const std::size_t errors_before = bag.error_count();

  // Enums first: the schema refers to them by name, in any file order.
  std::map<std::string, const schema_type*> enums;
  std::map<std::string, std::string> enum_places;
  for (const auto& file : files) {
    for (const auto& e : file.enums) {
      if (auto it = enum_places.find(e.name.value); it != enum_places.end()) {
        bag.report(diagnostic_severity::error, "check.duplicate",
                   "enum `" + e.name.value + "` is declared twice", file.source.get(), e.name.where,
                   "first declared at " + it->second);
        continue;
      }
      enum_places.emplace(e.name.value, where_text(*file.source, e.name.where));
      schema_type t;
      t.kind = type_kind::enumeration;
      t.name = e.name.value;
      for (const auto& v : e.values) {
        if (t.has_enum_value(v.value)) {
          bag.report(diagnostic_severity::error, "check.duplicate",
                     "value `" + v.value + "` appears twice in enum `" + e.name.value + "`",
                     file.source.get(), v.where);
          continue;
        }
        t.enum_values.push_back(v.value);
      }
      enums.emplace(e.name.value, out.add(std::move(t)));
    }
  }

  // Jurisdictions: `in` declares the parent too; containment is closed transitively.
  for (const auto& file : files) {
    for (const auto& decl : file.jurisdictions) {
      for (const auto& entry : decl.entries) {
        for (const auto& code : entry.codes) {
          out.jurisdictions.declare(code.value);
          if (entry.parent) out.jurisdictions.add_containment(code.value, entry.parent->value);
        }
      }
    }
  }
  if (!out.jurisdictions.close()) {
    bag.error("check.jurisdiction_cycle", "jurisdiction containment has a cycle", {},
              "a jurisdiction cannot lie inside itself, directly or through others");
  }

  // Exactly one schema.
  const ast::schema_decl* decl = nullptr;
  const ast::rule_file* decl_file = nullptr;
  for (const auto& file : files) {
    for (const auto& s : file.schemas) {
      if (decl != nullptr) {
        bag.report(diagnostic_severity::error, "check.duplicate", "a second `schema` is declared",
                   file.source.get(), s.where,
                   "first declared at " + where_text(*decl_file->source, decl->where));
        continue;
      }
      decl = &s;
      decl_file = &file;
    }
  }
  if (decl == nullptr) {
    bag.error("check.no_schema", "the rule library declares no `schema`", {},
              "add a `schema { ... }` declaring the profile's attributes (see docs/profile.md)");
    return false;
  }
  schema_builder builder(out, enums, bag, decl_file->source.get());
  out.root = builder.record(decl->fields, "");
  if (out.root == nullptr) return false;

  // The evaluator walks `deployment.markets`: the schema must declare it as it expects.
  const int deployment = out.root->field_index("deployment");
  const schema_type* markets = nullptr;
  if (deployment >= 0) {
    const auto* d = out.root->fields[deployment].type;
    if (d->kind == type_kind::record) {
      const int m = d->field_index("markets");
      if (m >= 0) markets = d->fields[m].type;
    }
  }
  if (markets == nullptr || markets->kind != type_kind::list ||
      markets->element->kind != type_kind::jurisdiction) {
    bag.report(diagnostic_severity::error, "check.schema",
               "the schema must declare `deployment.markets` as a `list of jurisdiction`",
               decl_file->source.get(), decl->where);
  }
  return bag.error_count() == errors_before;
}

}  // namespace lexgate::detail
