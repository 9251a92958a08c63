// The abstract syntax tree of rule files (layer: syntax). Every node keeps its byte span in the
// file it came from, so later stages can point at it. Produced by `parse_rules`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lexgate/source.hpp"

namespace lexgate::ast {

/// A value with the span of the text it came from.
template <class T>
struct located {
  T value{};
  span where;
};

/// A date as written; whether the day exists is checked later (`check.bad_date`).
struct date_literal {
  int year = 0;
  int month = 0;
  int day = 0;
};

struct expr;
using expr_ptr = std::unique_ptr<expr>;

/// `true`, `42`, `"text"`, `2025-02-04`.
struct literal {
  std::variant<bool, std::int64_t, std::string, date_literal> value;
};

/// `["CN", "TW"]`
struct list_literal {
  std::vector<expr> items;
};

/// A bare identifier: a schema root field (`product`), a definition, a quantifier variable or
/// a built-in (`market`, `as_of`).
struct name_ref {
  std::string name;
};

/// `object.field`
struct member {
  expr_ptr object;
  located<std::string> field;
};

/// `object[key]` (map lookup, for example `data.storage[market]`).
struct index {
  expr_ptr object;
  expr_ptr key;
};

enum class unary_op { logical_not, exists };

struct unary {
  unary_op op = unary_op::logical_not;
  expr_ptr operand;
};

enum class binary_op {
  logical_and,
  logical_or,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,          ///< `x in list`
  contains,    ///< `list contains x`
  subset_of,   ///< `list subset of list`
  intersects,  ///< `list intersects list`
  within,      ///< `code within code`: jurisdiction containment
};

struct binary {
  binary_op op = binary_op::eq;
  expr_ptr lhs;
  expr_ptr rhs;
};

enum class quantifier_kind { any, all };

/// `any m in product.models: m.provider == "DeepSeek"`
struct quantified {
  quantifier_kind kind = quantifier_kind::any;
  located<std::string> variable;
  expr_ptr list;
  expr_ptr body;
};

struct expr {
  span where;
  std::variant<literal, list_literal, name_ref, member, index, unary, binary, quantified> node;
};

enum class severity { block, warn, info };
enum class assertion_kind { require, forbid };

/// `rule id { cite ... severity ... when ... require|forbid ... unless ... message ... }`
struct rule {
  located<std::string> id;
  span where;  ///< From `rule` to the closing brace.
  std::optional<located<std::string>> cite;
  std::optional<located<severity>> severity_level;
  std::optional<expr> when;
  std::optional<located<assertion_kind>> assertion_keyword;
  std::optional<expr> assertion;  ///< The expression after `require` or `forbid`.
  std::optional<expr> unless;
  std::optional<located<std::string>> message;
  std::optional<located<std::string>> remedy;
  std::optional<located<date_literal>> effective;
  std::optional<located<date_literal>> until;
};

/// `regime cn.genai_interim_measures { title ... jurisdiction CN ... rule ... }`
struct regime {
  located<std::string> id;  ///< Dotted: `au.pspf_direction_001_2025`.
  span where;
  std::optional<located<std::string>> title;
  std::optional<located<std::string>> authority;
  std::optional<located<std::string>> jurisdiction;  ///< A code such as `AU` or `US-TX`.
  std::optional<located<std::string>> instrument;    ///< A kebab-case word: `directive`.
  std::optional<located<std::string>> reach;  ///< `territory`, `government`, `extraterritorial`.
  std::optional<located<date_literal>> effective;
  std::optional<located<date_literal>> until;
  std::vector<located<std::string>> sources;
  std::optional<expr> applies_when;
  std::vector<rule> rules;
};

/// A condition together with the span of its whole text as written. An expression's own span
/// leaves out parentheses around it (`(a or b) and c` starts at `a`); `text` does not.
struct stated_condition {
  expr condition;
  span text;
};

/// `invariant cn.cac_filings_domestic_models { title ... cite ... source ... when ... require
/// ... message ... }`: a cited fact about the world that the remediation planner respects.
struct invariant {
  located<std::string> id;  ///< Dotted, like a regime id.
  span where;               ///< From `invariant` to the closing brace.
  std::optional<located<std::string>> title;
  std::optional<located<std::string>> cite;
  std::vector<located<std::string>> sources;
  std::optional<stated_condition> when;
  std::optional<stated_condition> requirement;  ///< The expression after `require`.
  std::optional<located<std::string>> message;
  std::optional<located<date_literal>> effective;
  std::optional<located<date_literal>> until;
};

/// `define uses_deepseek = <expr>`
struct definition {
  located<std::string> name;
  span where;
  expr body;
};

/// `enum hosting { provider-api, self-hosted }`
struct enum_decl {
  located<std::string> name;
  span where;
  std::vector<located<std::string>> values;
};

struct field_decl;

/// A type in a schema: a named type (`boolean`, `integer`, `string`, `date`, `jurisdiction`, or
/// an enum's name), `list of T`, `map of T`, or a record `{ field: T ... }`.
struct type_expr {
  enum class kind { named, list_of, map_of, record };
  kind form = kind::named;
  span where;
  std::string name;                    ///< For `named`.
  std::unique_ptr<type_expr> element;  ///< For `list_of` and `map_of`.
  std::vector<field_decl> fields;      ///< For `record`.
};

/// `name: type flag...`, where flags are words such as `required` or `changeable`.
struct field_decl {
  located<std::string> name;
  span where;
  type_expr type;
  std::vector<located<std::string>> flags;
};

/// `schema { field... }`: the deployment-profile schema (its root record), or with
/// `extend schema { field... }` attributes added to it (new ones only).
struct schema_decl {
  span where;
  bool extends = false;
  std::vector<field_decl> fields;
};

/// `IT, FR, DE in EU` or `CN, TW` (declares codes; `in` adds containment).
struct jurisdiction_entry {
  std::vector<located<std::string>> codes;
  std::optional<located<std::string>> parent;
};

/// `jurisdictions { entry... }`
struct jurisdictions_decl {
  span where;
  std::vector<jurisdiction_entry> entries;
};

/// One parsed rule file. Items keep their order within each kind.
struct rule_file {
  source_ptr source;
  std::vector<regime> regimes;
  std::vector<invariant> invariants;
  std::vector<definition> definitions;
  std::vector<enum_decl> enums;
  std::vector<schema_decl> schemas;
  std::vector<jurisdictions_decl> jurisdictions;
};

}  // namespace lexgate::ast
