// The concrete syntax tree that the X3 grammar fills in (layer: syntax). It never leaves
// syntax/: rule_lowering.cpp turns it into the public AST. Recursion uses x3::forward_ast
// because std::variant attributes need trait hacks in X3 (boostorg/spirit #270, #716).
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace lexgate::syntax::cst {

namespace x3 = boost::spirit::x3;

/// Byte offsets [begin, end) of a node, written by the grammar's on_success tagger.
struct tagged {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Tokens keep their text; lowering converts dates, integers and escapes, with positions.
struct name : tagged {
  std::string text;
};
struct string_lit : tagged {
  std::string text;  ///< Raw, escapes not yet decoded.
};
struct date_lit : tagged {
  std::string text;
};
struct int_lit : tagged {
  std::string text;
};
struct bool_lit : tagged {
  std::string text;
};

struct expression;
struct list_lit;
struct exists_expr;
struct paren_expr;

using primary =
    x3::variant<date_lit, int_lit, string_lit, bool_lit, name, x3::forward_ast<list_lit>,
                x3::forward_ast<exists_expr>, x3::forward_ast<paren_expr>>;

// X3 mishandles one-member structs whose member is a variant or a struct, so such nodes
// also keep the text of the token that opens them.
struct accessor : tagged {
  std::string opener;                                   ///< `.` or `[`.
  x3::variant<name, x3::forward_ast<expression>> what;  ///< `.name` or `[expression]`.
};

struct postfix : tagged {
  primary base;
  std::vector<accessor> accessors;
};

struct comparison_tail {
  std::string op;
  postfix rhs;
};

struct comparison : tagged {
  postfix lhs;
  boost::optional<comparison_tail> tail;
};

struct quantified;
struct negation;

using not_level = x3::variant<comparison, x3::forward_ast<quantified>, x3::forward_ast<negation>>;

struct negation : tagged {
  std::string keyword;
  not_level operand;
};

struct quantified : tagged {
  std::string kind;  ///< `any` or `all`.
  name variable;
  postfix list;
  x3::forward_ast<expression> body;
};

struct and_expr : tagged {
  not_level first;
  std::vector<not_level> rest;
};

/// The `or` level: the root of every expression.
struct expression : tagged {
  and_expr first;
  std::vector<and_expr> rest;
};

struct list_lit : tagged {
  std::vector<expression> items;
};

struct exists_expr : tagged {
  std::string keyword;
  postfix operand;
};

struct paren_expr : tagged {
  std::string opener;
  expression inner;
};

// Declarations.

enum class clause_kind {
  title,
  authority,
  jurisdiction,
  instrument,
  reach,
  effective,
  until,
  source,
  applies_when,
  rule,
  cite,
  severity,
  when,
  require,
  forbid,
  unless,
  message,
  remedy,
  // Entities.
  display_name,
  country,
  parent,
  legal,
  brand,
  hugging_face,
  modelscope,
  family,
  api_host
};

struct rule_decl;

struct clause : tagged {
  clause_kind kind = clause_kind::title;
  x3::variant<string_lit, date_lit, name, expression, x3::forward_ast<rule_decl>> value;
};

struct rule_decl : tagged {
  name id;
  std::vector<clause> clauses;
};

struct regime_decl : tagged {
  name id;
  std::vector<clause> clauses;
};

/// `invariant ID { clauses }`: a cited fact about the world for the remediation planner.
struct invariant_decl : tagged {
  name id;
  std::vector<clause> clauses;
};

/// `entity ID { clauses }`: a company and its names.
struct entity_decl : tagged {
  name id;
  std::vector<clause> clauses;
};

struct definition : tagged {
  name id;
  expression body;
};

struct enum_decl : tagged {
  name id;
  std::vector<name> values;
};

struct type_expr;
struct field;

/// `list of T` or `map of T`.
struct container_type : tagged {
  std::string form;
  x3::forward_ast<type_expr> element;
};
struct record_type : tagged {
  std::vector<field> fields;
};

struct type_expr
    : x3::variant<name, x3::forward_ast<container_type>, x3::forward_ast<record_type>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct field : tagged {
  name id;
  type_expr type;
  std::vector<name> flags;
};

struct schema_decl : tagged {
  std::string keyword;
  record_type root;
};

struct jurisdiction_entry {
  std::vector<name> codes;
  boost::optional<name> parent;
};

struct jurisdictions_decl : tagged {
  std::vector<jurisdiction_entry> entries;
};

using item = x3::variant<regime_decl, invariant_decl, definition, enum_decl, schema_decl,
                         jurisdictions_decl, entity_decl>;

struct file {
  std::vector<item> items;
};

}  // namespace lexgate::syntax::cst

BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::name, text)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::string_lit, text)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::date_lit, text)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::int_lit, text)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::bool_lit, text)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::accessor, opener, what)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::postfix, base, accessors)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::comparison_tail, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::comparison, lhs, tail)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::negation, keyword, operand)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::quantified, kind, variable, list, body)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::and_expr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::expression, first, rest)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::list_lit, items)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::exists_expr, keyword, operand)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::paren_expr, opener, inner)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::clause, kind, value)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::rule_decl, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::regime_decl, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::invariant_decl, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::entity_decl, id, clauses)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::definition, id, body)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::enum_decl, id, values)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::container_type, form, element)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::record_type, fields)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::field, id, type, flags)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::schema_decl, keyword, root)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::jurisdiction_entry, codes, parent)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::jurisdictions_decl, entries)
BOOST_FUSION_ADAPT_STRUCT(lexgate::syntax::cst::file, items)
