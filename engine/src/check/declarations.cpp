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
      if (!make_field(f, field_path, field)) {
        ok = false;
        continue;
      }
      made.fields.push_back(std::move(field));
    }
    if (!ok) return nullptr;
    return out_.add(std::move(made));
  }

  /// The record `base` with the attributes of an `extend schema` record added: a new attribute
  /// is added, an inline record merges into the record of the same name, and anything else
  /// that names a declared attribute is an error citing both positions (`declared_at`: path →
  /// `file:line`). Records are copied, never changed: a type may be shared.
  const schema_type* extend(const schema_type* base, const std::vector<ast::field_decl>& fields,
                            const std::string& path,
                            const std::map<std::string, std::string>& declared_at) {
    schema_type made = *base;
    bool ok = true;
    for (const auto& f : fields) {
      const std::string field_path = path.empty() ? f.name.value : path + "." + f.name.value;
      const int existing = made.field_index(f.name.value);
      if (existing < 0) {
        schema_field field;
        if (make_field(f, field_path, field)) {
          made.fields.push_back(std::move(field));
        } else {
          ok = false;
        }
        continue;
      }
      schema_field& field = made.fields[static_cast<std::size_t>(existing)];
      if (f.type.form == ast::type_expr::kind::record && f.flags.empty() &&
          field.type->kind == type_kind::record) {
        const schema_type* merged = extend(field.type, f.type.fields, field_path, declared_at);
        if (merged == nullptr) {
          ok = false;
        } else {
          field.type = merged;
        }
        continue;
      }
      const auto first = declared_at.find(field_path);
      bag_.report(diagnostic_severity::error, "check.redefined",
                  "attribute `" + field_path + "` is already declared", file_, f.name.where,
                  "first declared at " +
                      (first == declared_at.end() ? std::string("the schema") : first->second) +
                      "; `extend schema` adds new attributes only");
      ok = false;
    }
    if (!ok) return nullptr;
    return out_.add(std::move(made));
  }

 private:
  // One attribute: its type and flags. False (reported) on an error.
  bool make_field(const ast::field_decl& f, const std::string& field_path, schema_field& field) {
    field.name = f.name.value;
    field.type = build(f.type, field_path);
    if (field.type == nullptr) return false;
    bool ok = true;
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
    return ok;
  }

  const schema_type* named(const ast::type_expr& t) {
    if (kScalarNames.count(t.name) != 0) return out_.scalar(scalar_kind(t.name));
    if (auto it = enums_.find(t.name); it != enums_.end()) return it->second;
    std::vector<std::string> candidates(kScalarNames.begin(), kScalarNames.end());
    for (const auto& [name, type] : enums_) candidates.push_back(name);
    auto near = nearest_name(t.name, candidates);
    bag_.report(diagnostic_severity::error, "check.unknown_type", "unknown type `" + t.name + "`",
                file_, t.where,
                near ? "did you mean `" + *near + "`?"
                     : "a type is boolean, integer, string, date, jurisdiction, an enum, "
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

// Where each attribute of a schema record is declared: path → `file:line`.
void note_positions(const std::vector<ast::field_decl>& fields, const std::string& path,
                    const source_file& file, std::map<std::string, std::string>& out) {
  for (const auto& f : fields) {
    const std::string field_path = path.empty() ? f.name.value : path + "." + f.name.value;
    out.emplace(field_path, where_text(file, f.name.where));
    if (f.type.form == ast::type_expr::kind::record) {
      note_positions(f.type.fields, field_path, file, out);
    }
  }
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
      if (s.extends) continue;
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
              "add a `schema { ... }` declaring the profile's attributes (see docs/profile.md), "
              "or load rules that build on the standard library with `--add-rules DIR`");
    return false;
  }
  schema_builder builder(out, enums, bag, decl_file->source.get());
  out.root = builder.record(decl->fields, "");
  if (out.root == nullptr) return false;

  // Then every `extend schema`, in file order, on top.
  std::map<std::string, std::string> declared_at;
  note_positions(decl->fields, "", *decl_file->source, declared_at);
  for (const auto& file : files) {
    for (const auto& s : file.schemas) {
      if (!s.extends) continue;
      schema_builder extension(out, enums, bag, file.source.get());
      const schema_type* extended = extension.extend(out.root, s.fields, "", declared_at);
      if (extended == nullptr) return false;
      out.root = extended;
      note_positions(s.fields, "", *file.source, declared_at);
    }
  }

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
