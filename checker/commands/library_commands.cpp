// `lexgate lint`, `list` and `explain`: look at the rule library itself.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "commands/commands.hpp"
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

}  // namespace

void add_lint_command(CLI::App& app, exit_code& result) {
  auto dirs = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("lint", "Parse and type-check a rule library");
  cmd->add_option("--rules", *dirs,
                  "Rule library directory (repeatable); default: the "
                  "built-in standard library");
  cmd->callback([dirs, &result] {
    auto rules = load_rules(*dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    std::cout << "ok: " << rules->regimes().size() << " regimes, " << rules->rule_count()
              << " rules, " << rules->profile_schema().jurisdictions.size()
              << " jurisdictions (sha256 " << rules->digest() << ")\n";
    result = exit_code::clear;
  });
}

void add_list_command(CLI::App& app, exit_code& result) {
  struct options {
    std::vector<std::string> rule_dirs;
    std::string jurisdiction;
    std::string as_of;
    std::string format = "text";
    bool all = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("list", "List the regimes and rules in force");
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  cmd->add_option("--jurisdiction", o->jurisdiction,
                  "Only regimes of this jurisdiction and those it contains (e.g. US lists US-TX)");
  cmd->add_option("--as-of", o->as_of, "List what is in force on this date; default: today");
  cmd->add_flag("--all", o->all, "Also list regimes and rules not in force on that date");
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
    auto rules = load_rules(o->rule_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    const auto& table = rules->profile_schema().jurisdictions;
    if (!o->jurisdiction.empty() && !table.known(o->jurisdiction)) {
      std::cerr << "error[usage]: `" << o->jurisdiction << "` is not a known jurisdiction\n";
      if (auto near = nearest_name(o->jurisdiction, table.codes())) {
        std::cerr << "  = help: did you mean `" << *near << "`?\n";
      }
      result = exit_code::error;
      return;
    }
    nlohmann::ordered_json regimes = nlohmann::ordered_json::array();
    std::string text;
    for (const auto& r : rules->regimes()) {
      if (!o->jurisdiction.empty() && !table.covers(o->jurisdiction, r.jurisdiction)) continue;
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
              r.title + "\n";
      nlohmann::ordered_json rule_list = nlohmann::ordered_json::array();
      for (const auto& rule : r.rules) {
        const bool active = in_force(r, rule, as_of);
        if (!o->all && !active) continue;
        rule_list.push_back({{"id", rule.id},
                             {"severity", to_string(rule.severity)},
                             {"cite", rule.cite},
                             {"in_force", active}});
        text += "    " + rule.id + "  " + to_string(rule.severity) + "  (" + rule.cite + ")" +
                (active ? "" : "  [not in force]") + "\n";
      }
      entry["rules"] = std::move(rule_list);
      regimes.push_back(std::move(entry));
    }
    if (o->format == "json") {
      nlohmann::ordered_json out;
      out["as_of"] = as_of.to_string();
      out["regimes"] = std::move(regimes);
      text = out.dump(2) + "\n";
    } else if (text.empty()) {
      text = "no regime in force on " + as_of.to_string() + " matches\n";
    }
    std::cout << text;
    result = exit_code::clear;
  });
}

void add_explain_command(CLI::App& app, exit_code& result) {
  struct options {
    std::string id;
    std::vector<std::string> rule_dirs;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("explain", "Show a rule or regime: citation, sources, dates");
  cmd->add_option("id", o->id, "A full rule id (regime.rule) or a regime id")->required();
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  cmd->callback([o, &result] {
    auto rules = load_rules(o->rule_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    std::vector<std::string> ids;
    for (const auto& r : rules->regimes()) {
      ids.push_back(r.id);
      for (const auto& rule : r.rules) ids.push_back(rule.id);
      if (r.id == o->id) {
        std::cout << "regime " << r.id << "\n  " << r.title << "\n  authority:    " << r.authority
                  << "\n  jurisdiction: " << r.jurisdiction << "\n  instrument:   " << r.instrument
                  << "\n  in force:     " << dates_of(r.effective, r.until)
                  << "\n  defined at:   " << r.file << ":" << r.where.line << "\n";
        for (const auto& s : r.sources) std::cout << "  source:       " << s << "\n";
        for (const auto& rule : r.rules) {
          std::cout << "  rule " << rule.local_id << " (" << to_string(rule.severity)
                    << "): " << rule.cite << "\n";
        }
        result = exit_code::clear;
        return;
      }
      for (const auto& rule : r.rules) {
        if (rule.id != o->id) continue;
        std::cout << "rule " << rule.id << "\n  regime:       " << r.title
                  << "\n  jurisdiction: " << r.jurisdiction << " (" << r.authority << ")"
                  << "\n  cite:         " << rule.cite
                  << "\n  severity:     " << to_string(rule.severity)
                  << "\n  kind:         " << (rule.forbids ? "forbid" : "require")
                  << "\n  in force:     "
                  << dates_of(rule.effective.value_or(r.effective),
                              rule.until ? rule.until : r.until)
                  << "\n  message:      " << rule.message << "\n  remedy:       " << rule.remedy
                  << "\n  defined at:   " << rule.file << ":" << rule.where.line << "\n";
        for (const auto& s : r.sources) std::cout << "  source:       " << s << "\n";
        result = exit_code::clear;
        return;
      }
    }
    std::cerr << "error[usage]: no rule or regime `" << o->id << "`\n";
    if (auto near = nearest_name(o->id, ids)) {
      std::cerr << "  = help: did you mean `" << *near << "`?\n";
    } else {
      std::cerr << "  = help: `lexgate list --all` lists every id\n";
    }
    result = exit_code::error;
  });
}

}  // namespace lexgate::cli
