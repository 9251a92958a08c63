// CST → public AST: spans carried over, literals decoded, structural errors reported
// (layer: syntax).
#include "syntax/rule_lowering.hpp"

#include "source/text_check.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace lexgate::syntax {

namespace {

namespace x3 = boost::spirit::x3;

span span_of(const cst::tagged& t) {
  return {t.begin, t.end};
}

class lowerer {
 public:
  lowerer(const source_ptr& source, diagnostic_bag& bag) : source_(source), bag_(bag) {}

  ast::expr expression(const cst::expression& e) {
    ast::expr out = and_level(e.first);
    for (const auto& rhs : e.rest)
      out = binary(ast::binary_op::logical_or, std::move(out), and_level(rhs));
    return out;
  }

  ast::located<std::string> text(const cst::name& n) { return {n.text, span_of(n)}; }

  ast::located<std::string> string(const cst::string_lit& s) { return {decode(s), span_of(s)}; }

  ast::located<ast::date_literal> date(const cst::date_lit& d) {
    ast::date_literal out;
    std::from_chars(d.text.data(), d.text.data() + 4, out.year);
    std::from_chars(d.text.data() + 5, d.text.data() + 7, out.month);
    std::from_chars(d.text.data() + 8, d.text.data() + 10, out.day);
    return {out, span_of(d)};
  }

  void error(const char* code, std::string message, span where, std::string help = {}) {
    bag_.report(diagnostic_severity::error, code, std::move(message), source_.get(), where,
                std::move(help));
  }

  const source_ptr& source() const { return source_; }

 private:
  static ast::expr binary(ast::binary_op op, ast::expr lhs, ast::expr rhs) {
    ast::expr out;
    out.where = {lhs.where.begin, rhs.where.end};
    ast::binary b;
    b.op = op;
    b.lhs = std::make_unique<ast::expr>(std::move(lhs));
    b.rhs = std::make_unique<ast::expr>(std::move(rhs));
    out.node = std::move(b);
    return out;
  }

  ast::expr and_level(const cst::and_expr& e) {
    ast::expr out = not_level(e.first);
    for (const auto& rhs : e.rest)
      out = binary(ast::binary_op::logical_and, std::move(out), not_level(rhs));
    return out;
  }

  ast::expr not_level(const cst::not_level& n) {
    struct visitor {
      lowerer& self;
      ast::expr operator()(const cst::comparison& c) const { return self.comparison(c); }
      ast::expr operator()(const cst::quantified& q) const {
        ast::expr out;
        out.where = span_of(q);
        ast::quantified node;
        node.kind = q.kind == "any" ? ast::quantifier_kind::any : ast::quantifier_kind::all;
        node.variable = self.text(q.variable);
        node.list = std::make_unique<ast::expr>(self.postfix(q.list));
        node.body = std::make_unique<ast::expr>(self.expression(q.body.get()));
        out.node = std::move(node);
        return out;
      }
      ast::expr operator()(const cst::negation& n) const {
        ast::expr out;
        out.where = span_of(n);
        ast::unary u;
        u.op = ast::unary_op::logical_not;
        u.operand = std::make_unique<ast::expr>(self.not_level(n.operand));
        out.node = std::move(u);
        return out;
      }
    };
    return boost::apply_visitor(visitor{*this}, n);
  }

  ast::expr comparison(const cst::comparison& c) {
    ast::expr lhs = postfix(c.lhs);
    if (!c.tail) return lhs;
    static const std::map<std::string, ast::binary_op> ops = {
        {"==", ast::binary_op::eq},
        {"!=", ast::binary_op::ne},
        {"<", ast::binary_op::lt},
        {"<=", ast::binary_op::le},
        {">", ast::binary_op::gt},
        {">=", ast::binary_op::ge},
        {"in", ast::binary_op::in},
        {"contains", ast::binary_op::contains},
        {"subset of", ast::binary_op::subset_of},
        {"intersects", ast::binary_op::intersects},
        {"within", ast::binary_op::within}};
    return binary(ops.at(c.tail->op), std::move(lhs), postfix(c.tail->rhs));
  }

  ast::expr postfix(const cst::postfix& p) {
    ast::expr out = primary(p.base);
    for (const auto& a : p.accessors) {
      ast::expr next;
      next.where = {out.where.begin, a.end};
      if (const auto* field = boost::get<cst::name>(&a.what)) {
        ast::member m;
        m.field = text(*field);
        m.object = std::make_unique<ast::expr>(std::move(out));
        next.node = std::move(m);
      } else {
        ast::index i;
        i.key = std::make_unique<ast::expr>(
            expression(boost::get<x3::forward_ast<cst::expression>>(a.what).get()));
        i.object = std::make_unique<ast::expr>(std::move(out));
        next.node = std::move(i);
      }
      out = std::move(next);
    }
    return out;
  }

  ast::expr primary(const cst::primary& p) {
    struct visitor {
      lowerer& self;
      ast::expr literal(const cst::tagged& t, decltype(ast::literal::value) v) const {
        ast::expr out;
        out.where = span_of(t);
        out.node = ast::literal{std::move(v)};
        return out;
      }
      ast::expr operator()(const cst::date_lit& d) const { return literal(d, self.date(d).value); }
      ast::expr operator()(const cst::int_lit& i) const {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(i.text.data(), i.text.data() + i.text.size(), v);
        if (ec != std::errc() || end != i.text.data() + i.text.size()) {
          self.error("parse.bad_integer", "`" + i.text + "` does not fit a 64-bit integer",
                     span_of(i));
        }
        return literal(i, v);
      }
      ast::expr operator()(const cst::string_lit& s) const { return literal(s, self.decode(s)); }
      ast::expr operator()(const cst::bool_lit& b) const { return literal(b, b.text == "true"); }
      ast::expr operator()(const cst::name& n) const {
        ast::expr out;
        out.where = span_of(n);
        out.node = ast::name_ref{n.text};
        return out;
      }
      ast::expr operator()(const x3::forward_ast<cst::list_lit>& l) const {
        ast::expr out;
        out.where = span_of(l.get());
        ast::list_literal list;
        for (const auto& item : l.get().items) list.items.push_back(self.expression(item));
        out.node = std::move(list);
        return out;
      }
      ast::expr operator()(const x3::forward_ast<cst::exists_expr>& e) const {
        ast::expr out;
        out.where = span_of(e.get());
        ast::unary u;
        u.op = ast::unary_op::exists;
        u.operand = std::make_unique<ast::expr>(self.postfix(e.get().operand));
        out.node = std::move(u);
        return out;
      }
      ast::expr operator()(const x3::forward_ast<cst::paren_expr>& p) const {
        // The parenthesised expression keeps its own span, without the parentheses.
        return self.expression(p.get().inner);
      }
    };
    return boost::apply_visitor(visitor{*this}, p);
  }

 public:
  // Decodes \" \\ \n \t and \u{HEX}; anything else after a backslash is an error at it.
  std::string decode(const cst::string_lit& s) {
    std::string out;
    const std::string& raw = s.text;
    out.reserve(raw.size());  // an escape is never shorter than what it stands for
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\') {
        // The text up to the next escape, at once.
        const std::size_t escape = std::min(raw.find('\\', i), raw.size());
        out.append(raw, i, escape - i);
        i = escape - 1;
        continue;
      }
      const std::uint32_t at = s.begin + 1 + static_cast<std::uint32_t>(i);
      const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
      ++i;
      if (next == '"' || next == '\\') {
        out += next;
      } else if (next == 'n') {
        out += '\n';
      } else if (next == 't') {
        out += '\t';
      } else if (next == 'u' && i + 1 < raw.size() && raw[i + 1] == '{') {
        const auto close = raw.find('}', i + 2);
        std::uint32_t cp = 0;
        const char* first = raw.data() + i + 2;
        const char* last = close == std::string::npos ? first : raw.data() + close;
        auto [end, ec] = std::from_chars(first, last, cp, 16);
        if (close == std::string::npos || close - (i + 2) < 1 || close - (i + 2) > 6 ||
            ec != std::errc() || end != last || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          error("parse.bad_string", "bad unicode escape", {at, at + 2},
                "write `\\u{HEX}` with 1 to 6 hex digits naming a code point");
          return out;
        }
        append_utf8(out, cp);
        i = close;
      } else {
        error("parse.bad_string", "unknown escape `\\" + std::string(1, next) + "`", {at, at + 2},
              "the escapes are \\\" \\\\ \\n \\t and \\u{HEX}");
        return out;
      }
    }
    // Messages, titles and citations reach every report and log: no control character but a
    // line break or tab, no NEL or U+2028 (a `\u{…}` escape could otherwise write one).
    if (detail::unprintable_at(out, true)) {
      error("parse.bad_string", "a string may not hold control characters or line separators",
            {s.begin, s.begin + 1}, "write plain text; `\\n` and `\\t` are the only controls");
    }
    return out;
  }

 private:
  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  const source_ptr& source_;
  diagnostic_bag& bag_;
};

const char* clause_word(cst::clause_kind k) {
  using k_t = cst::clause_kind;
  switch (k) {
    case k_t::title:
      return "title";
    case k_t::authority:
      return "authority";
    case k_t::jurisdiction:
      return "jurisdiction";
    case k_t::instrument:
      return "instrument";
    case k_t::reach:
      return "reach";
    case k_t::effective:
      return "effective";
    case k_t::until:
      return "until";
    case k_t::source:
      return "source";
    case k_t::applies_when:
      return "applies when";
    case k_t::rule:
      return "rule";
    case k_t::cite:
      return "cite";
    case k_t::severity:
      return "severity";
    case k_t::when:
      return "when";
    case k_t::require:
      return "require";
    case k_t::forbid:
      return "forbid";
    case k_t::unless:
      return "unless";
    case k_t::message:
      return "message";
    case k_t::remedy:
      return "remedy";
    case k_t::display_name:
      return "name";
    case k_t::country:
      return "country";
    case k_t::parent:
      return "parent";
    case k_t::legal:
      return "legal";
    case k_t::brand:
      return "brand";
    case k_t::hugging_face:
      return "hugging_face";
    case k_t::modelscope:
      return "modelscope";
    case k_t::family:
      return "family";
    case k_t::api_host:
      return "api_host";
  }
  return "?";
}

// Clauses that may appear once; `require` and `forbid` share one slot.
class once_only {
 public:
  /// `in_rule`: the clauses of a rule, where a second `require` reads as a second assertion.
  explicit once_only(lowerer& l, bool in_rule = false) : lowerer_(l), in_rule_(in_rule) {}

  bool first(const cst::clause& c) {
    cst::clause_kind slot = c.kind == cst::clause_kind::forbid ? cst::clause_kind::require : c.kind;
    auto [it, inserted] = seen_.emplace(slot, &c);
    if (inserted) return true;
    const auto line = lowerer_.source()->locate(it->second->begin).line;
    std::string message = std::string("`") + clause_word(c.kind) + "` is given twice";
    if (slot == cst::clause_kind::require && in_rule_) {
      message = "a rule has exactly one `require` or `forbid`";
    }
    lowerer_.error("parse.duplicate_clause", message, span_of(c),
                   std::string("first `") + clause_word(it->second->kind) + "` at line " +
                       std::to_string(line));
    return false;
  }

 private:
  lowerer& lowerer_;
  bool in_rule_;
  std::map<cst::clause_kind, const cst::clause*> seen_;
};

const cst::string_lit& as_string(const cst::clause& c) {
  return boost::get<cst::string_lit>(c.value);
}
const cst::date_lit& as_date(const cst::clause& c) {
  return boost::get<cst::date_lit>(c.value);
}
const cst::name& as_name(const cst::clause& c) {
  return boost::get<cst::name>(c.value);
}
const cst::expression& as_expression(const cst::clause& c) {
  return boost::get<cst::expression>(c.value);
}

ast::rule lower_rule(lowerer& l, const cst::rule_decl& r) {
  ast::rule out;
  out.id = l.text(r.id);
  out.where = span_of(r);
  once_only once(l, true);
  using k = cst::clause_kind;
  for (const auto& c : r.clauses) {
    if (!once.first(c)) continue;
    switch (c.kind) {
      case k::cite:
        out.cite = l.string(as_string(c));
        break;
      case k::message:
        out.message = l.string(as_string(c));
        break;
      case k::remedy:
        out.remedy = l.string(as_string(c));
        break;
      case k::effective:
        out.effective = l.date(as_date(c));
        break;
      case k::until:
        out.until = l.date(as_date(c));
        break;
      case k::when:
        out.when = l.expression(as_expression(c));
        break;
      case k::unless:
        out.unless = l.expression(as_expression(c));
        break;
      case k::require:
      case k::forbid:
        out.assertion_keyword = ast::located<ast::assertion_kind>{
            c.kind == k::require ? ast::assertion_kind::require : ast::assertion_kind::forbid,
            span_of(c)};
        out.assertion = l.expression(as_expression(c));
        break;
      case k::severity: {
        const auto& w = as_name(c);
        if (w.text == "block") {
          out.severity_level = ast::located<ast::severity>{ast::severity::block, span_of(w)};
        } else if (w.text == "warn") {
          out.severity_level = ast::located<ast::severity>{ast::severity::warn, span_of(w)};
        } else if (w.text == "info") {
          out.severity_level = ast::located<ast::severity>{ast::severity::info, span_of(w)};
        } else {
          l.error("parse.expected", "expected severity `block`, `warn` or `info`", span_of(w));
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

ast::stated_condition stated(lowerer& l, const cst::clause& c) {
  const cst::expression& e = as_expression(c);
  return {l.expression(e), span_of(e)};
}

ast::invariant lower_invariant(lowerer& l, const cst::invariant_decl& d) {
  ast::invariant out;
  out.id = l.text(d.id);
  out.where = span_of(d);
  once_only once(l);
  using k = cst::clause_kind;
  for (const auto& c : d.clauses) {
    if (c.kind == k::source) {
      out.sources.push_back(l.string(as_string(c)));
      continue;
    }
    if (!once.first(c)) continue;
    switch (c.kind) {
      case k::title:
        out.title = l.string(as_string(c));
        break;
      case k::cite:
        out.cite = l.string(as_string(c));
        break;
      case k::message:
        out.message = l.string(as_string(c));
        break;
      case k::when:
        out.when = stated(l, c);
        break;
      case k::require:
        out.requirement = stated(l, c);
        break;
      case k::effective:
        out.effective = l.date(as_date(c));
        break;
      case k::until:
        out.until = l.date(as_date(c));
        break;
      default:
        break;
    }
  }
  return out;
}

ast::entity_decl lower_entity(lowerer& l, const cst::entity_decl& d) {
  ast::entity_decl out;
  out.id = l.text(d.id);
  out.where = span_of(d);
  once_only once(l);
  using k = cst::clause_kind;
  for (const auto& c : d.clauses) {
    switch (c.kind) {  // names and sources repeat; the rest may appear once
      case k::legal:
      case k::brand:
        out.names.push_back(l.string(as_string(c)));
        continue;
      case k::hugging_face:
        out.hugging_face_orgs.push_back(l.string(as_string(c)));
        continue;
      case k::modelscope:
        out.modelscope_orgs.push_back(l.string(as_string(c)));
        continue;
      case k::family:
        out.model_families.push_back(l.string(as_string(c)));
        continue;
      case k::api_host:
        out.api_hosts.push_back(l.string(as_string(c)));
        continue;
      case k::source:
        out.sources.push_back(l.string(as_string(c)));
        continue;
      default:
        break;
    }
    if (!once.first(c)) continue;
    if (c.kind == k::display_name) out.name = l.string(as_string(c));
    if (c.kind == k::country) out.country = l.text(as_name(c));
    if (c.kind == k::parent) out.parent = l.text(as_name(c));
  }
  return out;
}

ast::type_expr lower_type(lowerer& l, const cst::type_expr& t);

std::vector<ast::field_decl> lower_fields(lowerer& l, const std::vector<cst::field>& fields) {
  std::vector<ast::field_decl> out;
  for (const auto& f : fields) {
    ast::field_decl d;
    d.name = l.text(f.id);
    d.where = span_of(f);
    d.type = lower_type(l, f.type);
    for (const auto& flag : f.flags) d.flags.push_back(l.text(flag));
    out.push_back(std::move(d));
  }
  return out;
}

ast::type_expr lower_type(lowerer& l, const cst::type_expr& t) {
  ast::type_expr out;
  if (const auto* n = boost::get<cst::name>(&t)) {
    out.form = ast::type_expr::kind::named;
    out.name = n->text;
    out.where = span_of(*n);
  } else if (const auto* c = boost::get<x3::forward_ast<cst::container_type>>(&t)) {
    out.form =
        c->get().form == "list" ? ast::type_expr::kind::list_of : ast::type_expr::kind::map_of;
    out.where = span_of(c->get());
    out.element = std::make_unique<ast::type_expr>(lower_type(l, c->get().element.get()));
  } else {
    const auto& r = boost::get<x3::forward_ast<cst::record_type>>(t).get();
    out.form = ast::type_expr::kind::record;
    out.where = span_of(r);
    out.fields = lower_fields(l, r.fields);
  }
  return out;
}

}  // namespace

std::optional<ast::rule_file> lower(cst::file&& file, const source_ptr& source,
                                    diagnostic_bag& bag) {
  const std::size_t errors_before = bag.error_count();
  lowerer l(source, bag);
  ast::rule_file out;
  out.source = source;
  for (const auto& item : file.items) {
    if (const auto* r = boost::get<cst::regime_decl>(&item)) {
      ast::regime regime;
      regime.id = l.text(r->id);
      regime.where = span_of(*r);
      once_only once(l);
      using k = cst::clause_kind;
      for (const auto& c : r->clauses) {
        if (c.kind == k::rule) {
          regime.rules.push_back(
              lower_rule(l, boost::get<x3::forward_ast<cst::rule_decl>>(c.value).get()));
          continue;
        }
        if (c.kind == k::source) {
          regime.sources.push_back(l.string(as_string(c)));
          continue;
        }
        if (!once.first(c)) continue;
        switch (c.kind) {
          case k::title:
            regime.title = l.string(as_string(c));
            break;
          case k::authority:
            regime.authority = l.string(as_string(c));
            break;
          case k::jurisdiction:
            regime.jurisdiction = l.text(as_name(c));
            break;
          case k::instrument:
            regime.instrument = l.text(as_name(c));
            break;
          case k::reach:
            regime.reach = l.text(as_name(c));
            break;
          case k::effective:
            regime.effective = l.date(as_date(c));
            break;
          case k::until:
            regime.until = l.date(as_date(c));
            break;
          case k::applies_when:
            regime.applies_when = l.expression(as_expression(c));
            break;
          default:
            break;
        }
      }
      out.regimes.push_back(std::move(regime));
    } else if (const auto* inv = boost::get<cst::invariant_decl>(&item)) {
      out.invariants.push_back(lower_invariant(l, *inv));
    } else if (const auto* ent = boost::get<cst::entity_decl>(&item)) {
      out.entities.push_back(lower_entity(l, *ent));
    } else if (const auto* d = boost::get<cst::definition>(&item)) {
      out.definitions.push_back({l.text(d->id), span_of(*d), l.expression(d->body)});
    } else if (const auto* e = boost::get<cst::enum_decl>(&item)) {
      ast::enum_decl decl;
      decl.name = l.text(e->id);
      decl.where = span_of(*e);
      for (const auto& v : e->values) decl.values.push_back(l.text(v));
      out.enums.push_back(std::move(decl));
    } else if (const auto* s = boost::get<cst::schema_decl>(&item)) {
      ast::schema_decl decl;
      decl.where = span_of(*s);
      decl.extends = s->keyword.rfind("extend", 0) == 0;
      decl.fields = lower_fields(l, s->root.fields);
      out.schemas.push_back(std::move(decl));
    } else if (const auto* j = boost::get<cst::jurisdictions_decl>(&item)) {
      ast::jurisdictions_decl decl;
      decl.where = span_of(*j);
      for (const auto& entry : j->entries) {
        ast::jurisdiction_entry lowered;
        for (const auto& c : entry.codes) lowered.codes.push_back(l.text(c));
        if (entry.parent) lowered.parent = l.text(*entry.parent);
        decl.entries.push_back(std::move(lowered));
      }
      out.jurisdictions.push_back(std::move(decl));
    }
  }
  if (bag.error_count() != errors_before) return std::nullopt;
  return out;
}

}  // namespace lexgate::syntax
