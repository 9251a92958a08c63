// The rule-language grammar in Boost.Spirit X3 (layer: syntax). The heaviest translation unit
// of the build: keep everything X3 here. The syntax it accepts is docs/rule-language.md.
//
// Conventions: rules are named with nouns people know, since a failed expectation reports the
// rule's name ("expected expression"); `>` commits right after the token that identifies a
// construct; keywords are whole words; the grammar builds a CST and does no semantic checks.
#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>

#include "syntax/rule_grammar.hpp"

namespace lexgate::syntax {

namespace {

namespace x3 = boost::spirit::x3;
using iterator = std::string::const_iterator;

struct position_tag;

// What lies between tokens: white space (the C locale's: space, tab, line feed, vertical tab,
// form feed, carriage return) and comments, which run from `#` to the end of the line (a line
// feed or a carriage return). Written as one loop rather than as the X3 expression
// `space | lexeme['#' >> *(char_ - eol) >> (eol | eoi)]`, which skips the same text: the
// grammar skips before nearly every token it tries, so this is the parser's innermost loop.
struct blank_parser : x3::parser<blank_parser> {
  using attribute_type = x3::unused_type;
  static constexpr bool has_attribute = false;

  template <class Iterator, class Context, class RContext, class Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context&, RContext&, Attribute&) const {
    const Iterator start = first;
    while (first != last) {
      const char c = *first;
      if (c == ' ' || (c >= '\t' && c <= '\r')) {
        ++first;
      } else if (c == '#') {
        while (first != last && *first != '\n' && *first != '\r') ++first;
      } else {
        break;
      }
    }
    return first != start;
  }
};
const blank_parser skipper{};

// `skipped[p]`: skips what lies before the next token once, then parses `p`. X3 skips before
// every primitive and restores the position when a branch of an alternative fails, so each
// branch would skip the same white space and comments again; in front of an alternative this
// makes that once. It moves only over text every branch would skip first anyway, so what
// matches, the attributes and where an expectation fails are the same.
template <class Subject>
struct skipped_directive : x3::unary_parser<Subject, skipped_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, skipped_directive<Subject>>;
  static constexpr bool is_pass_through_unary = true;
  using base_type::base_type;

  template <class Iterator, class Context, class RContext, class Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext,
             Attribute& attr) const {
    x3::skip_over(first, last, context);
    return this->subject.parse(first, last, context, rcontext, attr);
  }
};

struct skipped_gen {
  template <class Subject>
  auto operator[](const Subject& subject) const {
    return skipped_directive<typename x3::extension::as_parser<Subject>::value_type>{
        x3::as_parser(subject)};
  }
};
constexpr skipped_gen skipped{};

// Writes the node's byte offsets. X3 hands over the position before the rule's leading
// whitespace on some Boost releases (spirit #670, #712), so it is skipped here first.
struct tagger {
  template <class Iterator, class Context, class T>
  void on_success(Iterator first, const Iterator& last, T& node, const Context& context) const {
    if constexpr (std::is_base_of_v<cst::tagged, T>) {
      const iterator begin = x3::get<position_tag>(context);
      x3::skip_over(first, last, context);
      node.begin = static_cast<std::uint32_t>(first - begin);
      node.end = static_cast<std::uint32_t>(last - begin);
    }
  }
};

// Whole-word keyword: `when` does not match the start of `whenever`.
auto kw(const char* word) {
  return x3::lexeme[x3::lit(word) >> !x3::char_("a-zA-Z0-9_")];
}

// Rule ids: the id class carries the tagger; the string is the name shown to people.
#define LEXGATE_RULE(id, attribute, phrase) \
  struct id##_class : tagger {};            \
  const x3::rule<id##_class, attribute> id = phrase;

LEXGATE_RULE(identifier, cst::name, "name")
LEXGATE_RULE(word, cst::name, "word (lowercase letters, digits and `-`)")
LEXGATE_RULE(code, cst::name, "jurisdiction code such as `CN` or `US-TX`")
LEXGATE_RULE(regime_id, cst::name, "regime id such as `cn.genai_interim_measures`")
LEXGATE_RULE(invariant_id, cst::name, "invariant id such as `cn.cac_filings_domestic_models`")
LEXGATE_RULE(string_literal, cst::string_lit, "string")
LEXGATE_RULE(date_literal, cst::date_lit, "date (YYYY-MM-DD)")
LEXGATE_RULE(integer_literal, cst::int_lit, "integer")
LEXGATE_RULE(boolean_literal, cst::bool_lit, "`true` or `false`")
LEXGATE_RULE(expression, cst::expression, "expression")
LEXGATE_RULE(and_level, cst::and_expr, "expression")
LEXGATE_RULE(not_level, cst::not_level, "expression")
LEXGATE_RULE(negation, cst::negation, "expression")
LEXGATE_RULE(quantifier, cst::quantified, "quantifier")
LEXGATE_RULE(comparison, cst::comparison, "expression")
LEXGATE_RULE(comparison_operator, std::string, "comparison operator")
LEXGATE_RULE(postfix, cst::postfix, "expression")
LEXGATE_RULE(accessor, cst::accessor, "attribute or index")
LEXGATE_RULE(primary, cst::primary, "expression")
LEXGATE_RULE(list_literal, cst::list_lit, "list")
LEXGATE_RULE(exists_expression, cst::exists_expr, "attribute path")
LEXGATE_RULE(parenthesized, cst::paren_expr, "expression")
LEXGATE_RULE(string_end, x3::unused_type, "closing `\"` on the same line")
LEXGATE_RULE(list_end, x3::unused_type, "`,` or `]`")
LEXGATE_RULE(paren_end, x3::unused_type, "`)`")
LEXGATE_RULE(quantifier_colon, x3::unused_type, "`:` before the quantifier's condition")
LEXGATE_RULE(rule_clause, cst::clause, "rule clause")
LEXGATE_RULE(rule_end, x3::unused_type,
             "rule clause (cite, severity, when, require, forbid, unless, message, remedy, "
             "effective, until) or `}`")
LEXGATE_RULE(rule_declaration, cst::rule_decl, "rule")
LEXGATE_RULE(regime_clause, cst::clause, "regime clause")
LEXGATE_RULE(regime_end, x3::unused_type,
             "regime clause (title, authority, jurisdiction, instrument, reach, effective, "
             "until, source, applies when, rule) or `}`")
LEXGATE_RULE(regime, cst::regime_decl, "regime")
LEXGATE_RULE(invariant_clause, cst::clause, "invariant clause")
LEXGATE_RULE(invariant_end, x3::unused_type,
             "invariant clause (title, cite, source, when, require, message, effective, until) "
             "or `}`")
LEXGATE_RULE(invariant, cst::invariant_decl, "invariant")
LEXGATE_RULE(entity_clause, cst::clause, "entity clause")
LEXGATE_RULE(entity_end, x3::unused_type,
             "entity clause (name, country, parent, legal, brand, hugging_face, modelscope, "
             "family, api_host, source) or `}`")
LEXGATE_RULE(entity, cst::entity_decl, "entity")
LEXGATE_RULE(definition, cst::definition, "definition")
LEXGATE_RULE(enumeration, cst::enum_decl, "enum")
LEXGATE_RULE(type, cst::type_expr, "type")
LEXGATE_RULE(container_type, cst::container_type, "type")
LEXGATE_RULE(field, cst::field, "attribute")
LEXGATE_RULE(field_end, x3::unused_type, "attribute (`name: type`) or `}`")
LEXGATE_RULE(record, cst::record_type, "record type `{ name: type ... }`")
LEXGATE_RULE(schema, cst::schema_decl, "schema")
LEXGATE_RULE(schema_keyword, x3::unused_type, "`schema`")
// Keywords an expectation requires, named so that a failure reads "expected `of`".
LEXGATE_RULE(in_keyword, x3::unused_type, "`in`")
LEXGATE_RULE(of_keyword, x3::unused_type, "`of`")
LEXGATE_RULE(when_keyword, x3::unused_type, "`when`")
LEXGATE_RULE(enum_words, std::vector<cst::name>, "word (lowercase letters, digits and `-`)")
LEXGATE_RULE(jurisdictions, cst::jurisdictions_decl, "jurisdictions")
LEXGATE_RULE(jurisdictions_end, x3::unused_type, "jurisdiction code or `}`")
LEXGATE_RULE(item, cst::item, "item")
LEXGATE_RULE(end_of_file, x3::unused_type,
             "`regime`, `invariant`, `entity`, `define`, `enum`, `schema`, `jurisdictions` or end "
             "of file")

#undef LEXGATE_RULE

const x3::rule<class file_class, cst::file> file = "rule file";

// Each definition is built the first time the parser uses it. X3 fills its character sets in
// at run time, so definitions at namespace scope would be built at the start of every run of
// every program linking the grammar, most of which never parse a rule file (`lexgate check`
// runs the embedded program). Each `name_def` below stands for the built definition, as
// BOOST_SPIRIT_DEFINE expects; the types, and so the parser and its messages, are unchanged.
#define LEXGATE_DEF(name, ...)             \
  const auto& name##_built() {             \
    static const auto built = __VA_ARGS__; \
    return built;                          \
  }

auto reserved() {
  return x3::lexeme[(x3::lit("and") | "or" | "not" | "any" | "all" | "in" | "contains" | "subset" |
                     "of" | "intersects" | "within" | "exists" | "true" | "false" | "regime" |
                     "rule" | "define" | "enum" | "schema" | "jurisdictions") >>
                    !x3::char_("a-zA-Z0-9_")];
}

LEXGATE_DEF(identifier_def, !reserved() >>
                                x3::lexeme[x3::raw[x3::char_("a-z_") >> *x3::char_("a-z0-9_")]] >>
                                !x3::char_("A-Z-"))
LEXGATE_DEF(word_def, x3::lexeme[x3::raw[x3::char_("a-z0-9") >> *x3::char_("a-z0-9-")]])
LEXGATE_DEF(code_def, x3::lexeme[x3::raw[x3::repeat(2)[x3::char_("A-Z")] >>
                                         -('-' >> x3::repeat(1, 3)[x3::char_("A-Z0-9")])] >>
                                 !x3::char_("a-zA-Z0-9_-")])
LEXGATE_DEF(regime_id_def, x3::lexeme[x3::raw[+x3::char_("a-z0-9_") % '.']])
LEXGATE_DEF(string_end_def, x3::lit('"'))
LEXGATE_DEF(string_literal_def,
            x3::lexeme[('"' >> x3::raw[*(('\\' >> (x3::char_ - x3::eol)) |
                                         (x3::char_ - '"' - '\\' - x3::eol))]) > string_end])
auto digit() {
  return x3::char_("0-9");
}
LEXGATE_DEF(date_literal_def,
            x3::lexeme[x3::raw[x3::repeat(4)[digit()] >> '-' >> x3::repeat(2)[digit()] >> '-' >>
                               x3::repeat(2)[digit()]] >>
                       !x3::char_("a-zA-Z0-9_")])
LEXGATE_DEF(integer_literal_def,
            x3::lexeme[x3::raw[-x3::char_('-') >> +digit()] >> !x3::char_("a-zA-Z0-9_")])
LEXGATE_DEF(boolean_literal_def,
            x3::lexeme[x3::raw[(x3::lit("true") | "false")] >> !x3::char_("a-zA-Z0-9_")])

LEXGATE_DEF(expression_def, and_level >> *(kw("or") > and_level))
LEXGATE_DEF(and_level_def, not_level >> *(kw("and") > not_level))
LEXGATE_DEF(not_level_def, skipped[negation | quantifier | comparison])
LEXGATE_DEF(negation_def, x3::raw[kw("not")] > not_level)
LEXGATE_DEF(quantifier_colon_def, x3::lit(':'))
LEXGATE_DEF(quantifier_def,
            x3::lexeme[x3::raw[x3::lit("any") | "all"] >> !x3::char_("a-zA-Z0-9_")] > identifier >
                in_keyword > postfix > quantifier_colon > expression)
LEXGATE_DEF(comparison_operator_def,
            skipped[x3::string("==") | x3::string("!=") | x3::string("<=") | x3::string(">=") |
                    x3::string("<") | x3::string(">") | (kw("in") >> x3::attr(std::string("in"))) |
                    (kw("contains") >> x3::attr(std::string("contains"))) |
                    ((kw("subset") > of_keyword) >> x3::attr(std::string("subset of"))) |
                    (kw("intersects") >> x3::attr(std::string("intersects"))) |
                    (kw("within") >> x3::attr(std::string("within")))])
LEXGATE_DEF(comparison_def, postfix >> -(comparison_operator > postfix))
LEXGATE_DEF(postfix_def, primary >> *accessor)
LEXGATE_DEF(accessor_def,
            (x3::raw[x3::lit('.')] >> identifier) | (x3::raw[x3::lit('[')] > expression > ']'))
LEXGATE_DEF(primary_def, skipped[date_literal | integer_literal | string_literal | boolean_literal |
                                 list_literal | exists_expression | parenthesized | identifier])
LEXGATE_DEF(list_end_def, x3::lit(']'))
LEXGATE_DEF(list_literal_def, ('[' >> -(expression % ',') >> -x3::lit(',')) > list_end)
LEXGATE_DEF(exists_expression_def, x3::raw[kw("exists")] > postfix)
LEXGATE_DEF(paren_end_def, x3::lit(')'))
LEXGATE_DEF(parenthesized_def, x3::raw[x3::lit('(')] > expression > paren_end)

using kind = cst::clause_kind;
template <class Parser>
auto clause(const char* keyword, kind k, Parser value) {
  return (kw(keyword) >> x3::attr(k)) > value;
}

LEXGATE_DEF(
    rule_clause_def,
    skipped[clause("cite", kind::cite, string_literal) | clause("severity", kind::severity, word) |
            clause("when", kind::when, expression) | clause("require", kind::require, expression) |
            clause("forbid", kind::forbid, expression) |
            clause("unless", kind::unless, expression) |
            clause("message", kind::message, string_literal) |
            clause("remedy", kind::remedy, string_literal) |
            clause("effective", kind::effective, date_literal) |
            clause("until", kind::until, date_literal)])
LEXGATE_DEF(rule_end_def, x3::lit('}'))
LEXGATE_DEF(rule_declaration_def, kw("rule") > identifier > '{' > *rule_clause > rule_end)

LEXGATE_DEF(
    regime_clause_def,
    skipped[clause("title", kind::title, string_literal) |
            clause("authority", kind::authority, string_literal) |
            clause("jurisdiction", kind::jurisdiction, code) |
            clause("instrument", kind::instrument, word) | clause("reach", kind::reach, word) |
            clause("effective", kind::effective, date_literal) |
            clause("until", kind::until, date_literal) |
            clause("source", kind::source, string_literal) |
            ((kw("applies") > when_keyword) >> x3::attr(kind::applies_when) > expression) |
            (&kw("rule") >> x3::attr(kind::rule) >> rule_declaration)])
LEXGATE_DEF(regime_end_def, x3::lit('}'))
LEXGATE_DEF(regime_def, kw("regime") > regime_id > '{' > *regime_clause > regime_end)

// `invariant` is a keyword only where an item starts: elsewhere it is an ordinary name.
LEXGATE_DEF(invariant_id_def, regime_id_def_built())
LEXGATE_DEF(
    invariant_clause_def,
    skipped[clause("title", kind::title, string_literal) |
            clause("cite", kind::cite, string_literal) |
            clause("source", kind::source, string_literal) |
            clause("when", kind::when, expression) | clause("require", kind::require, expression) |
            clause("message", kind::message, string_literal) |
            clause("effective", kind::effective, date_literal) |
            clause("until", kind::until, date_literal)])
LEXGATE_DEF(invariant_end_def, x3::lit('}'))
LEXGATE_DEF(invariant_def, kw("invariant") > invariant_id > '{' > *invariant_clause > invariant_end)

// `entity` is a keyword only where an item starts, like `invariant`.
LEXGATE_DEF(
    entity_clause_def,
    skipped[clause("name", kind::display_name, string_literal) |
            clause("country", kind::country, code) | clause("parent", kind::parent, identifier) |
            clause("legal", kind::legal, string_literal) |
            clause("brand", kind::brand, string_literal) |
            clause("hugging_face", kind::hugging_face, string_literal) |
            clause("modelscope", kind::modelscope, string_literal) |
            clause("family", kind::family, string_literal) |
            clause("api_host", kind::api_host, string_literal) |
            clause("source", kind::source, string_literal)])
LEXGATE_DEF(entity_end_def, x3::lit('}'))
LEXGATE_DEF(entity_def, kw("entity") > identifier > '{' > *entity_clause > entity_end)

LEXGATE_DEF(definition_def, kw("define") > identifier > '=' > expression)
LEXGATE_DEF(enum_words_def, word % ',')
LEXGATE_DEF(enumeration_def, kw("enum") > identifier > '{' > enum_words > -x3::lit(',') > '}')

LEXGATE_DEF(container_type_def,
            x3::lexeme[x3::raw[x3::lit("list") | "map"] >> !x3::char_("a-zA-Z0-9_")] > of_keyword >
                type)
LEXGATE_DEF(type_def, container_type | record | identifier)
LEXGATE_DEF(field_def, (identifier >> ':') > type > *(identifier >> !x3::lit(':')))
LEXGATE_DEF(field_end_def, x3::lit('}'))
LEXGATE_DEF(record_def, '{' > *field > field_end)
// `extend schema { ... }` adds attributes to the schema another file declares.
LEXGATE_DEF(schema_keyword_def, kw("schema"))
LEXGATE_DEF(in_keyword_def, kw("in"))
LEXGATE_DEF(of_keyword_def, kw("of"))
LEXGATE_DEF(when_keyword_def, kw("when"))
LEXGATE_DEF(schema_def, x3::raw[(kw("extend") > schema_keyword) | kw("schema")] > record)
class entry_class;
LEXGATE_DEF(jurisdiction_entry, x3::rule<class entry_class, cst::jurisdiction_entry>{
                                    "jurisdiction code"} = (code % ',') >> -(kw("in") > code))
LEXGATE_DEF(jurisdictions_end_def, x3::lit('}'))
LEXGATE_DEF(jurisdictions_def,
            kw("jurisdictions") > '{' > *jurisdiction_entry_built() > jurisdictions_end)

LEXGATE_DEF(
    item_def,
    skipped[regime | invariant | entity | definition | enumeration | schema | jurisdictions])
LEXGATE_DEF(end_of_file_def, x3::eoi)
LEXGATE_DEF(file_def, *item > end_of_file)

#define identifier_def identifier_def_built()
#define word_def word_def_built()
#define code_def code_def_built()
#define regime_id_def regime_id_def_built()
#define string_end_def string_end_def_built()
#define string_literal_def string_literal_def_built()
#define date_literal_def date_literal_def_built()
#define integer_literal_def integer_literal_def_built()
#define boolean_literal_def boolean_literal_def_built()
#define expression_def expression_def_built()
#define and_level_def and_level_def_built()
#define not_level_def not_level_def_built()
#define negation_def negation_def_built()
#define quantifier_colon_def quantifier_colon_def_built()
#define quantifier_def quantifier_def_built()
#define comparison_operator_def comparison_operator_def_built()
#define comparison_def comparison_def_built()
#define postfix_def postfix_def_built()
#define accessor_def accessor_def_built()
#define primary_def primary_def_built()
#define list_end_def list_end_def_built()
#define list_literal_def list_literal_def_built()
#define exists_expression_def exists_expression_def_built()
#define paren_end_def paren_end_def_built()
#define parenthesized_def parenthesized_def_built()
#define rule_clause_def rule_clause_def_built()
#define rule_end_def rule_end_def_built()
#define rule_declaration_def rule_declaration_def_built()
#define regime_clause_def regime_clause_def_built()
#define regime_end_def regime_end_def_built()
#define regime_def regime_def_built()
#define invariant_id_def invariant_id_def_built()
#define invariant_clause_def invariant_clause_def_built()
#define invariant_end_def invariant_end_def_built()
#define invariant_def invariant_def_built()
#define entity_clause_def entity_clause_def_built()
#define entity_end_def entity_end_def_built()
#define entity_def entity_def_built()
#define definition_def definition_def_built()
#define enumeration_def enumeration_def_built()
#define container_type_def container_type_def_built()
#define type_def type_def_built()
#define field_def field_def_built()
#define field_end_def field_end_def_built()
#define record_def record_def_built()
#define schema_keyword_def schema_keyword_def_built()
#define in_keyword_def in_keyword_def_built()
#define of_keyword_def of_keyword_def_built()
#define when_keyword_def when_keyword_def_built()
#define enum_words_def enum_words_def_built()
#define schema_def schema_def_built()
#define jurisdictions_end_def jurisdictions_end_def_built()
#define jurisdictions_def jurisdictions_def_built()
#define item_def item_def_built()
#define end_of_file_def end_of_file_def_built()
#define file_def file_def_built()

BOOST_SPIRIT_DEFINE(identifier, word, code, regime_id, invariant_id, string_literal, date_literal,
                    integer_literal, boolean_literal, expression, and_level, not_level, negation,
                    quantifier, comparison, comparison_operator, postfix, accessor, primary,
                    list_literal, exists_expression, parenthesized, string_end, list_end, paren_end,
                    quantifier_colon, rule_clause, rule_end, rule_declaration, regime_clause,
                    regime_end, regime, invariant_clause, invariant_end, invariant, entity_clause,
                    entity_end, entity, definition, enumeration, type, container_type, field,
                    field_end, record, schema, jurisdictions, jurisdictions_end, item, end_of_file,
                    file)
BOOST_SPIRIT_DEFINE(schema_keyword, in_keyword, of_keyword, when_keyword, enum_words)

#undef LEXGATE_DEF

// Literal tokens that can fail an expectation, in the words shown to people.
std::string phrase_of(const std::string& which) {
  if (which.size() == 3 && which.front() == '\'' && which.back() == '\'') {
    return "`" + which.substr(1, 1) + "`";
  }
  if (which.size() > 2 && which.front() == '"' && which.back() == '"') {
    return "`" + which.substr(1, which.size() - 2) + "`";
  }
  // Every parser an expectation fails on is a rule with a phrase or a literal; X3 names any
  // other by its C++ type, which must never reach a person.
  if (which.find("spirit") != std::string::npos) return "rule syntax";
  return which;
}

}  // namespace

std::optional<parse_failure> parse_file(const std::string& text, cst::file& out) {
  iterator first = text.begin();
  const iterator begin = text.begin();
  const iterator last = text.end();
  const auto parser = x3::with<position_tag>(begin)[file];
  try {
    if (x3::phrase_parse(first, last, parser, skipper, out)) return std::nullopt;
    return parse_failure{static_cast<std::uint32_t>(first - begin), "a rule file", true, false};
  } catch (const x3::expectation_failure<iterator>& e) {
    iterator where = e.where();
    // Point at the unexpected text itself, not the whitespace or comment before it.
    x3::skip_over(where, last, x3::make_context<x3::skipper_tag>(skipper));
    parse_failure f;
    f.offset = static_cast<std::uint32_t>(where - begin);
    f.expected = phrase_of(e.which());
    f.at_end_of_file_item = e.which() == end_of_file.name;
    f.unterminated_string = e.which() == string_end.name;
    if (f.unterminated_string) f.offset = static_cast<std::uint32_t>(e.where() - begin);
    return f;
  }
}

}  // namespace lexgate::syntax
