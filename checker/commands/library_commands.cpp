// `lexgate lint`, `list` and `explain`: look at the rule library itself.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "commands/shared_options.hpp"
#include "commands/entity_views.hpp"
#include "lexgate/entities.hpp"
#include "lexgate/evaluate.hpp"

namespace lexgate::cli {

namespace {

bool in_force(const regime_info& r, date as_of) {
  return r.effective <= as_of && (!r.until || as_of < *r.until);
}

bool in_force(const regime_info& r, const rule_info& rule, date as_of) {
  if (!in_force(r, as_of)) return false;
  if (rule.effective && as_of < *rule.effective) return false;
  return !rule.until || as_of < *rule.until;
}

std::string dates_of(date effective, const std::optional<date>& until) {
  return effective.to_string() + (until ? " – " + until->to_string() : std::string(" –"));
}

// An invariant without `effective` has always held; one without `until` still holds.
bool in_force(const invariant_info& v, date as_of) {
  return (!v.effective || *v.effective <= as_of) && (!v.until || as_of < *v.until);
}

// Empty for an invariant with no dates.
std::string dates_of(const invariant_info& v) {
  if (!v.effective && !v.until) return {};
  return (v.effective ? v.effective->to_string() + " " : std::string()) + "–" +
         (v.until ? " " + v.until->to_string() : std::string());
}

nlohmann::ordered_json optional_date(const std::optional<date>& d) {
  return d ? nlohmann::ordered_json(d->to_string()) : nlohmann::ordered_json(nullptr);
}

// A condition as written; lines after the first line up under the first. Nothing else of it
// reaches the terminal raw.
std::string aligned(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    out += printable(std::string_view(text).substr(start, end - start)) + "\n                ";
  }
  return out + printable(std::string_view(text).substr(start));
}

void explain_invariant(const library& rules, const invariant_info& v) {
  const invariant_conditions* conditions = rules.find_invariant_conditions(v.id);
  std::cout << "invariant " << v.id << "\n  " << printable(v.title)
            << "\n  cite:         " << printable(v.cite);
  if (conditions != nullptr && !conditions->when.empty()) {
    std::cout << "\n  when:         " << aligned(conditions->when);
  }
  if (conditions != nullptr) std::cout << "\n  require:      " << aligned(conditions->require);
  const std::string dates = dates_of(v);
  std::cout << "\n  message:      " << printable(v.message)
            << "\n  in force:     " << (dates.empty() ? std::string("always") : dates)
            << "\n  defined at:   " << printable(v.file) << ":" << v.where.line << "\n";
  for (const auto& s : v.sources) std::cout << "  source:       " << printable(s) << "\n";
  const bool conditional = conditions != nullptr && !conditions->when.empty();
  std::cout
      << "  holds when:   "
      << (conditional ? "`when` is false or `require` is true" : "`require` is true")
      << "\n  used by:      remediation planning only; `lexgate check` does not evaluate it\n";
}

}  // namespace

void add_lint_command(CLI::App& app, exit_code& result) {
  auto dirs = std::make_shared<std::vector<std::string>>();
  auto add_dirs = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("lint", "Parse and type-check a rule library");
  cmd->add_option("--rules", *dirs,
                  "Rule library directory (repeatable); default: the "
                  "built-in standard library");
  add_overlay_option(*cmd, *add_dirs);
  cmd->callback([dirs, add_dirs, &result] {
    auto rules = load_rules(*dirs, *add_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    std::cout << "ok: " << rules->regimes().size() << " regimes, " << rules->rule_count()
              << " rules, " << rules->invariants().size() << " invariants, "
              << rules->profile_schema().jurisdictions.size() << " jurisdictions (sha256 "
              << rules->digest() << ")\n";
    result = exit_code::clear;
  });
}

void add_list_command(CLI::App& app, exit_code& result) {
  struct options {
    std::vector<std::string> rule_dirs;
    std::vector<std::string> add_dirs;
    std::string jurisdiction;
    std::string as_of;
    std::string format = "text";
    bool all = false;
    bool entities = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("list", "List the regimes, rules and invariants in force");
  cmd->add_flag("--entities", o->entities,
                "List the entity registry instead: companies, their names and sources");
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  add_overlay_option(*cmd, o->add_dirs);
  cmd->add_option("--jurisdiction", o->jurisdiction,
                  "Only regimes that reach this jurisdiction: its own, those of places inside it "
                  "(US lists US-TX) and those of places containing it (IT lists the EU's); "
                  "invariants belong to no jurisdiction and are always listed");
  cmd->add_option("--as-of", o->as_of, "List what is in force on this date; default: today")
      ->check(non_empty_date());
  cmd->add_flag("--all", o->all,
                "Also list regimes, rules and invariants not in force on that date");
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([o, &result] {
    date as_of = date::today();
    if (!o->as_of.empty()) {
      auto d = parse_as_of(o->as_of);
      if (!d) {
        result = exit_code::error;
        return;
      }
      as_of = *d;
    }
    auto rules = load_rules(o->rule_dirs, o->add_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    if (o->entities) {
      std::cout << list_entities(*rules, o->format == "json");
      result = exit_code::clear;
      return;
    }
    const auto& table = rules->profile_schema().jurisdictions;
    if (!o->jurisdiction.empty() && !table.valid(o->jurisdiction)) {
      std::cerr << "error[usage]: `" << printable(o->jurisdiction)
                << "` is not a known jurisdiction\n";
      if (auto hint = table.hint_for(o->jurisdiction)) {
        std::cerr << "  = help: " << *hint << "\n";
      }
      result = exit_code::error;
      return;
    }
    nlohmann::ordered_json regimes = nlohmann::ordered_json::array();
    std::string text;
    for (const auto& r : rules->regimes()) {
      // The jurisdiction's own regimes and those of places inside it (US lists US-TX), and the
      // regimes that reach it from a place containing it (IT lists the EU's); a government's
      // own rules bind that government only.
      if (!o->jurisdiction.empty() && !table.covers(o->jurisdiction, r.jurisdiction) &&
          !(r.reach != regime_reach::government && table.covers(r.jurisdiction, o->jurisdiction))) {
        continue;
      }
      if (!o->all && !in_force(r, as_of)) continue;
      nlohmann::ordered_json entry;
      entry["id"] = r.id;
      entry["jurisdiction"] = r.jurisdiction;
      entry["title"] = r.title;
      entry["instrument"] = r.instrument;
      entry["effective"] = r.effective.to_string();
      entry["until"] = r.until ? nlohmann::ordered_json(r.until->to_string()) : nullptr;
      entry["in_force"] = in_force(r, as_of);
      text += r.id + "  [" + r.jurisdiction + "]  " + dates_of(r.effective, r.until) + "  " +
              printable(r.title) + "\n";
      nlohmann::ordered_json rule_list = nlohmann::ordered_json::array();
      for (const auto& rule : r.rules) {
        const bool active = in_force(r, rule, as_of);
        if (!o->all && !active) continue;
        rule_list.push_back({{"id", rule.id},
                             {"severity", to_string(rule.severity)},
                             {"cite", rule.cite},
                             {"in_force", active}});
        text += "    " + rule.id + "  " + to_string(rule.severity) + "  (" + printable(rule.cite) + ")" +
                (active ? "" : "  [not in force]") + "\n";
      }
      entry["rules"] = std::move(rule_list);
      regimes.push_back(std::move(entry));
    }
    if (text.empty()) text = "no regime in force on " + as_of.to_string() + " matches\n";
    nlohmann::ordered_json invariants = nlohmann::ordered_json::array();
    std::string invariant_text;
    for (const auto& v : rules->invariants()) {
      const bool active = in_force(v, as_of);
      if (!o->all && !active) continue;
      invariants.push_back({{"id", v.id},
                            {"title", v.title},
                            {"cite", v.cite},
                            {"sources", v.sources},
                            {"message", v.message},
                            {"effective", optional_date(v.effective)},
                            {"until", optional_date(v.until)},
                            {"in_force", active}});
      const std::string dates = dates_of(v);
      invariant_text += v.id + "  " + (dates.empty() ? "" : dates + "  ") + printable(v.title) +
                        "  (" + printable(v.cite) + ")" + (active ? "" : "  [not in force]") + "\n";
    }
    if (!invariant_text.empty()) text += "\nInvariants\n" + invariant_text;
    if (o->format == "json") {
      nlohmann::ordered_json out;
      out["as_of"] = as_of.to_string();
      out["regimes"] = std::move(regimes);
      out["invariants"] = std::move(invariants);
      text = out.dump(2) + "\n";
    }
    std::cout << text;
    result = exit_code::clear;
  });
}

void add_explain_command(CLI::App& app, exit_code& result) {
  struct options {
    std::string id;
    std::vector<std::string> rule_dirs;
    std::vector<std::string> add_dirs;
  };
  auto o = std::make_shared<options>();
  auto* cmd =
      app.add_subcommand("explain", "Show a rule, regime, invariant or entity: citation, sources");
  cmd->add_option("id", o->id,
                  "A full rule id (regime.rule), a regime id, an invariant id, or an entity's id "
                  "or any name it goes by")
      ->required();
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  add_overlay_option(*cmd, o->add_dirs);
  cmd->callback([o, &result] {
    auto rules = load_rules(o->rule_dirs, o->add_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    if (const invariant_info* v = rules->find_invariant(o->id)) {
      explain_invariant(*rules, *v);
      result = exit_code::clear;
      return;
    }
    std::vector<std::string> ids;
    for (const auto& v : rules->invariants()) ids.push_back(v.id);
    for (const entity_info* e : entities(*rules)) ids.push_back(e->id);
    for (const auto& r : rules->regimes()) {
      ids.push_back(r.id);
      for (const auto& rule : r.rules) ids.push_back(rule.id);
      if (r.id == o->id) {
        std::cout << "regime " << r.id << "\n  " << printable(r.title)
                  << "\n  authority:    " << printable(r.authority)
                  << "\n  jurisdiction: " << r.jurisdiction << "\n  instrument:   " << r.instrument
                  << "\n  in force:     " << dates_of(r.effective, r.until)
                  << "\n  defined at:   " << printable(r.file) << ":" << r.where.line << "\n";
        for (const auto& s : r.sources) std::cout << "  source:       " << printable(s) << "\n";
        for (const auto& rule : r.rules) {
          std::cout << "  rule " << rule.local_id << " (" << to_string(rule.severity)
                    << "): " << printable(rule.cite) << "\n";
        }
        result = exit_code::clear;
        return;
      }
      for (const auto& rule : r.rules) {
        if (rule.id != o->id) continue;
        std::cout << "rule " << rule.id << "\n  regime:       " << printable(r.title)
                  << "\n  jurisdiction: " << r.jurisdiction << " (" << printable(r.authority) << ")"
                  << "\n  cite:         " << printable(rule.cite)
                  << "\n  severity:     " << to_string(rule.severity)
                  << "\n  kind:         " << (rule.forbids ? "forbid" : "require")
                  << "\n  in force:     "
                  << dates_of(rule.effective.value_or(r.effective),
                              rule.until ? rule.until : r.until)
                  << "\n  message:      " << printable(rule.message)
                  << "\n  remedy:       " << printable(rule.remedy)
                  << "\n  defined at:   " << printable(rule.file) << ":" << rule.where.line << "\n";
        for (const auto& s : r.sources) std::cout << "  source:       " << printable(s) << "\n";
        result = exit_code::clear;
        return;
      }
    }
    // Names last: a regime or rule id may hold a company's name as a word
    // (`it.garante_openai_limitation_2023`), and an id is what it names.
    if (const std::string entity = explain_entity(*rules, o->id); !entity.empty()) {
      std::cout << entity;
      result = exit_code::clear;
      return;
    }
    std::cerr << "error[usage]: no rule, regime, invariant or entity `" << printable(o->id)
              << "`\n";
    if (auto near = nearest_name(o->id, ids)) {
      std::cerr << "  = help: did you mean `" << printable(*near) << "`?\n";
    } else {
      std::cerr << "  = help: `lexgate list --all` lists every id\n";
    }
    result = exit_code::error;
  });
}

}  // namespace lexgate::cli
