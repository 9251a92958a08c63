// Checking regimes and rules: required clauses, dates, ids, conditions, messages (layer: check).
//
// Stages run in a fixed order, each on the previous one's product:
//   1. declarations: enums, jurisdictions, the one schema, then the entities;
//   2. definitions: unique names, each body resolved and typed once;
//   3. regimes: metadata, dates, jurisdiction, reach, then every rule's clauses and conditions;
//   4. invariants: ids (unique, and distinct from every regime and rule id), metadata, dates,
//      conditions.
#include "check/check.hpp"

#include <map>
#include <optional>
#include <string_view>

#include "check/declarations.hpp"
#include "check/entities.hpp"
#include "check/expressions.hpp"
#include "lexgate/date.hpp"

namespace lexgate::detail {

namespace {

std::string place(const source_file& file, span where) {
  return file.name() + ":" + std::to_string(file.locate(where.begin).line);
}

// Where an id is declared, made into text (`place`) only when an error names it.
struct declared_at {
  const source_file* file = nullptr;
  span where;
  std::string text() const { return place(*file, where); }
};

// Where the first rule whose full id (`regime.rule`) is `id` is declared, in file order.
std::optional<declared_at> rule_declared(const std::vector<ast::rule_file>& files,
                                         std::string_view id) {
  for (const auto& file : files) {
    for (const auto& r : file.regimes) {
      const std::string& regime = r.id.value;
      if (id.size() <= regime.size() || id.compare(0, regime.size(), regime) != 0 ||
          id[regime.size()] != '.') {
        continue;
      }
      const std::string_view local = id.substr(regime.size() + 1);
      for (const auto& rule : r.rules) {
        if (rule.id.value == local) return declared_at{file.source.get(), rule.id.where};
      }
    }
  }
  return std::nullopt;
}

// Checks regimes with their rules, and invariants: the items that carry clauses.
class regime_checker {
 public:
  regime_checker(schema& types, expression_checker& expressions, diagnostic_bag& bag)
      : types_(types), expressions_(expressions), bag_(bag) {}

  std::optional<checked_regime> check(const ast::regime& r, const source_file& file) {
    file_ = &file;
    const std::size_t errors_before = bag_.error_count();
    checked_regime out;
    regime_info& info = out.info;
    info.id = r.id.value;
    info.file = file.name();
    info.where = file.locate(r.where.begin);

    const std::string what = "regime `" + r.id.value + "`";
    info.title = required_text(r.title, "title", what, r.id.where);
    info.authority = required_text(r.authority, "authority", what, r.id.where);
    info.instrument = required_text(r.instrument, "instrument", what, r.id.where);
    if (r.sources.empty()) {
      missing("source", what, r.id.where, "every regime names at least one source");
    }
    for (const auto& s : r.sources) {
      if (s.value.empty()) error("check.empty", "a `source` must not be empty", s.where);
      info.sources.push_back(s.value);
    }
    if (!r.jurisdiction) {
      missing("jurisdiction", what, r.id.where);
    } else if (auto index = types_.jurisdictions.index_of(r.jurisdiction->value)) {
      out.jurisdiction = *index;
      info.jurisdiction = r.jurisdiction->value;
    } else {
      auto near = nearest_name(r.jurisdiction->value, types_.jurisdictions.codes());
      error(
          "check.unknown_jurisdiction",
          "`" + r.jurisdiction->value + "` is not a declared jurisdiction", r.jurisdiction->where,
          near ? "did you mean `" + *near + "`?" : "declare it in a `jurisdictions { ... }` block");
    }
    if (r.reach) {
      if (r.reach->value == "territory") {
        info.reach = regime_reach::territory;
      } else if (r.reach->value == "government") {
        info.reach = regime_reach::government;
      } else if (r.reach->value == "extraterritorial") {
        info.reach = regime_reach::extraterritorial;
      } else {
        error("check.unknown_value", "unknown reach `" + r.reach->value + "`", r.reach->where,
              "reach is `territory`, `government` or `extraterritorial`");
      }
    }
    auto dates = check_dates(r.effective, r.until, what, r.id.where, true);
    if (dates.effective) info.effective = *dates.effective;
    info.until = dates.until;

    if (r.applies_when) out.applies_when = expressions_.condition(*r.applies_when, file);

    if (r.rules.empty()) {
      error("check.empty", what + " has no rules", r.id.where,
            "a regime holds at least one `rule`");
    }
    // Rule id → where it is declared; its line is worked out only for a duplicate.
    std::map<std::string_view, std::uint32_t> seen;
    out.rules.reserve(r.rules.size());
    for (const auto& rule : r.rules) {
      if (auto [it, inserted] = seen.emplace(rule.id.value, rule.id.where.begin); !inserted) {
        error("check.duplicate", "rule `" + rule.id.value + "` is declared twice in " + what,
              rule.id.where,
              "first declared at line " + std::to_string(file.locate(it->second).line));
        continue;
      }
      if (auto checked = check_rule(rule, info)) out.rules.push_back(std::move(*checked));
    }
    if (bag_.error_count() != errors_before) return std::nullopt;
    return out;
  }

  std::optional<checked_invariant> check(const ast::invariant& v, const source_file& file) {
    file_ = &file;
    const std::size_t errors_before = bag_.error_count();
    checked_invariant out;
    invariant_info& info = out.info;
    info.id = v.id.value;
    info.file = file.name();
    info.where = file.locate(v.where.begin);

    const std::string what = "invariant `" + v.id.value + "`";
    info.title = required_text(v.title, "title", what, v.id.where);
    info.cite = required_text(v.cite, "cite", what, v.id.where,
                              "every invariant cites what establishes the fact");
    if (v.sources.empty()) {
      missing("source", what, v.id.where, "every invariant names at least one source");
    }
    for (const auto& s : v.sources) {
      if (s.value.empty()) error("check.empty", "a `source` must not be empty", s.where);
      info.sources.push_back(s.value);
    }
    info.message =
        required_text(v.message, "message", what, v.id.where, "say what a plan must not propose");
    if (v.message && v.message->value.find_first_of("{}") != std::string::npos) {
      error("check.bad_message", "an invariant's message has no placeholders", v.message->where,
            "it is shown as written; `{...}` is for rule messages");
    }
    if (!v.requirement) {
      missing("require", what, v.id.where, "an invariant states what holds (`require E`)");
    } else if (auto n = expressions_.condition(v.requirement->condition, file)) {
      out.requirement = std::move(*n);
    }
    if (v.when) out.when = expressions_.condition(v.when->condition, file);

    auto dates = check_dates(v.effective, v.until, what, v.id.where, false);
    info.effective = dates.effective;
    info.until = dates.until;

    if (bag_.error_count() != errors_before) return std::nullopt;
    return out;
  }

 private:
  struct date_pair {
    std::optional<date> effective;
    std::optional<date> until;
  };

  std::optional<checked_rule> check_rule(const ast::rule& r, const regime_info& regime) {
    const std::size_t errors_before = bag_.error_count();
    checked_rule out;
    rule_info& info = out.info;
    info.local_id = r.id.value;
    info.regime = regime.id;
    info.id = regime.id + "." + r.id.value;
    info.file = file_->name();
    info.where = file_->locate(r.where.begin);
    const std::string what = "rule `" + r.id.value + "`";

    info.cite = required_text(r.cite, "cite", what, r.id.where,
                              "every rule cites the article or section it encodes");
    info.remedy = required_text(r.remedy, "remedy", what, r.id.where,
                                "say what a deployment can change to comply");
    info.message = required_text(r.message, "message", what, r.id.where);
    if (!r.severity_level) {
      missing("severity", what, r.id.where, "severity is `block`, `warn` or `info`");
    } else {
      switch (r.severity_level->value) {
        case ast::severity::block:
          info.severity = rule_severity::block;
          break;
        case ast::severity::warn:
          info.severity = rule_severity::warn;
          break;
        case ast::severity::info:
          info.severity = rule_severity::info;
          break;
      }
    }
    if (!r.assertion || !r.assertion_keyword) {
      missing("require` or `forbid", what, r.id.where,
              "a rule states what it requires (`require E`) or forbids (`forbid E`)");
    } else {
      out.forbids = r.assertion_keyword->value == ast::assertion_kind::forbid;
      info.forbids = out.forbids;
      if (auto n = expressions_.condition(*r.assertion, *file_)) out.assertion = std::move(*n);
    }
    if (r.when) out.when = expressions_.condition(*r.when, *file_);
    if (r.unless) out.unless = expressions_.condition(*r.unless, *file_);

    auto dates = check_dates(r.effective, r.until, what, r.id.where, false);
    info.effective = dates.effective;
    info.until = dates.until;
    if (dates.effective && *dates.effective < regime.effective) {
      error("check.bad_dates",
            what + " takes effect on " + dates.effective->to_string() + ", before its regime (" +
                regime.effective.to_string() + ")",
            r.effective->where, "a rule cannot be in force before the regime it belongs to");
    }
    if (r.message) out.message = parse_message(r.message->value, r.message->where);

    if (bag_.error_count() != errors_before) return std::nullopt;
    return out;
  }

  // A message's `{path}` placeholders become compiled paths; `{{` and `}}` are literal braces.
  std::vector<checked_message_part> parse_message(const std::string& text, span where) {
    std::vector<checked_message_part> parts;
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
        literal += c;
        ++i;
        continue;
      }
      if (c == '}') {
        error("check.bad_message", "unmatched `}` in message", where, "write `}}` for a brace");
        return parts;
      }
      if (c != '{') {
        // Plain text up to the next brace, at once.
        std::size_t next = i + 1;
        while (next < text.size() && text[next] != '{' && text[next] != '}') ++next;
        literal.append(text, i, next - i);
        i = next - 1;
        continue;
      }
      const auto close = text.find('}', i);
      if (close == std::string::npos) {
        error("check.bad_message", "unclosed `{` in message", where,
              "a placeholder is `{path}`; write `{{` for a brace");
        return parts;
      }
      if (!literal.empty()) parts.push_back({std::move(literal), std::nullopt});
      literal.clear();
      if (auto path = expressions_.placeholder(text.substr(i + 1, close - i - 1), *file_, where)) {
        parts.push_back({{}, std::move(*path)});
      }
      i = close;
    }
    if (!literal.empty()) parts.push_back({std::move(literal), std::nullopt});
    return parts;
  }

  date_pair check_dates(const std::optional<ast::located<ast::date_literal>>& effective,
                        const std::optional<ast::located<ast::date_literal>>& until,
                        const std::string& what, span owner, bool effective_required) {
    date_pair out;
    if (effective) {
      out.effective = to_date(*effective);
    } else if (effective_required) {
      missing("effective", what, owner, "the day it came into force, as YYYY-MM-DD");
    }
    if (until) out.until = to_date(*until);
    if (out.effective && out.until && !(*out.effective < *out.until)) {
      error("check.bad_dates",
            "`until` " + out.until->to_string() + " is not after `effective` " +
                out.effective->to_string(),
            until->where,
            "a regime or rule is in force from `effective` up to, not including, `until`");
    }
    return out;
  }

  std::optional<date> to_date(const ast::located<ast::date_literal>& d) {
    auto parsed = date::from_ymd(d.value.year, d.value.month, d.value.day);
    if (!parsed) {
      error("check.bad_date", "no such date", d.where,
            "a date is YYYY-MM-DD and names a day that exists");
    }
    return parsed;
  }

  std::string required_text(const std::optional<ast::located<std::string>>& field,
                            const char* clause, const std::string& what, span owner,
                            std::string help = {}) {
    if (!field) {
      missing(clause, what, owner, std::move(help));
      return {};
    }
    if (field->value.empty()) {
      error("check.empty", "`" + std::string(clause) + "` must not be empty", field->where);
    }
    return field->value;
  }

  void missing(const char* clause, const std::string& what, span owner, std::string help = {}) {
    error("check.missing_clause", what + " has no `" + clause + "`", owner, std::move(help));
  }

  void error(const char* code, std::string message, span where, std::string help = {}) {
    bag_.report(diagnostic_severity::error, code, std::move(message), file_, where,
                std::move(help));
  }

  schema& types_;
  expression_checker& expressions_;
  diagnostic_bag& bag_;
  const source_file* file_ = nullptr;
};

}  // namespace

std::optional<checked_library> check_library(const std::vector<ast::rule_file>& files,
                                             diagnostic_bag& bag) {
  checked_library out;
  if (!build_declarations(files, out.schema, bag)) return std::nullopt;
  // Before any expression: a rule's company literal is checked against the registry.
  if (!build_entities(files, out.schema, bag)) return std::nullopt;

  std::map<std::string, definition_ref> definitions;
  for (const auto& file : files) {
    for (const auto& d : file.definitions) {
      auto [it, inserted] =
          definitions.emplace(d.name.value, definition_ref{&d, file.source.get()});
      if (!inserted) {
        bag.report(
            diagnostic_severity::error, "check.duplicate",
            "definition `" + d.name.value + "` is declared twice", file.source.get(), d.name.where,
            "first declared at " + place(*it->second.file, it->second.definition->name.where));
      }
    }
  }
  expression_checker expressions(out.schema, definitions, bag);
  expressions.check_definitions();

  regime_checker regimes(out.schema, expressions, bag);
  std::map<std::string_view, declared_at> seen;  // regime id → where it is declared
  for (const auto& file : files) {
    for (const auto& r : file.regimes) {
      if (auto [it, inserted] =
              seen.emplace(r.id.value, declared_at{file.source.get(), r.id.where});
          !inserted) {
        bag.report(diagnostic_severity::error, "check.duplicate",
                   "regime `" + r.id.value + "` is declared twice", file.source.get(), r.id.where,
                   "first declared at " + it->second.text());
        continue;
      }
      if (auto checked = regimes.check(r, *file.source)) {
        checked->slots = expressions.max_slots();
        out.regimes.push_back(std::move(*checked));
      }
    }
  }
  // Invariants share the namespace of regime and rule ids, so `explain ID` is never ambiguous.
  std::map<std::string_view, declared_at> invariant_places;
  for (const auto& file : files) {
    for (const auto& v : file.invariants) {
      std::string clash;
      std::string help;
      if (auto it = invariant_places.find(v.id.value); it != invariant_places.end()) {
        clash = "is declared twice";
        help = "first declared at " + it->second.text();
      } else if (auto r = seen.find(v.id.value); r != seen.end()) {
        clash = "has the id of a regime";
        help = "the regime is declared at " + r->second.text();
      } else if (auto rule = rule_declared(files, v.id.value)) {
        clash = "has the id of a rule";
        help = "the rule is declared at " + rule->text();
      }
      if (!clash.empty()) {
        bag.report(diagnostic_severity::error, "check.duplicate",
                   "invariant `" + v.id.value + "` " + clash, file.source.get(), v.id.where, help);
        continue;
      }
      invariant_places.emplace(v.id.value, declared_at{file.source.get(), v.id.where});
      if (auto checked = regimes.check(v, *file.source)) {
        checked->slots = expressions.max_slots();
        out.invariants.push_back(std::move(*checked));
      }
    }
  }
  if (bag.has_errors()) return std::nullopt;
  return out;
}

}  // namespace lexgate::detail
