// `lexgate plan`: conflicts between markets, the smallest split of the markets, and the fewest
// changes that make each deployment compliant (design §6, docs/plan.md).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "commands/commands.hpp"
#include "commands/shared_options.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/plan.hpp"
#include "lexgate/profile.hpp"
#include "report/reports.hpp"

namespace lexgate::cli {

namespace {

struct plan_command_options {
  std::string profile;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> add_dirs;
  std::string as_of;
  std::string format = "text";
  std::string output;
  std::string emit_profile;
  std::string fail_on = "block";
  bool allow_uncovered = false;
  std::uint32_t max_conflicts = 16;
  std::uint32_t timeout_seconds = 60;
};

std::string lowercase(std::string s) {
  for (auto& ch : s) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return s;
}

// A file name from text a profile chose: letters, digits, `-`, `_` and inner `.` are kept,
// anything else (a `/`, `..`, a control character, a byte of UTF-8) becomes `_`, so the name
// never leaves the folder or hides as a dot file. A long name is cut and told apart by a hash.
std::string safe_file_stem(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const bool kept = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
                      (ch == '.' && !out.empty());
    out += kept ? ch : '_';
  }
  if (out.empty()) out = "profile";
  constexpr std::size_t kMax = 160;  // with the markets and `.yaml`, well under NAME_MAX
  if (out.size() > kMax) {
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(text));
    out = out.substr(0, kMax - 17) + "-" + hash;
  }
  return out;
}

// The value at `path` (`product.models[0].operator`) in a profile tree of schema `s`, or nullptr.
value* value_at(value& root, const schema& s, std::string_view path) {
  value* v = &root;
  const schema_type* type = s.root;
  while (!path.empty() && v != nullptr && type != nullptr) {
    const std::size_t dot = path.find('.');
    std::string_view segment = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    std::optional<std::size_t> index;
    if (const std::size_t open = segment.find('['); open != std::string_view::npos) {
      index = std::stoul(std::string(segment.substr(open + 1)));
      segment = segment.substr(0, open);
    }
    const int field = type->kind == type_kind::record ? type->field_index(std::string(segment)) : -1;
    if (field < 0 || v->k != value::kind::record ||
        static_cast<std::size_t>(field) >= v->items.size()) {
      return nullptr;
    }
    v = &v->items[static_cast<std::size_t>(field)];
    type = type->fields[static_cast<std::size_t>(field)].type;
    if (index) {
      if (v->k != value::kind::list || *index >= v->items.size() || type == nullptr) return nullptr;
      v = &v->items[*index];
      type = type->element;
    }
  }
  return v;
}

// A deployment as written: without the values lexgate filled in when it loaded the profile (an
// operator defaulted from the provider, a country from the entity registry) that the plan left
// alone. Checked again, they are worked out afresh from what the file states, so a replaced
// model does not keep its old operator ("DeepSeek", "CN") beside `hosting: self-hosted`.
value as_written(const planned_deployment& d, const profile& p, const schema& s) {
  value out = d.remediated;
  for (const auto& step : p.resolutions) {
    if (step.from == "stated") continue;
    const bool changed = std::any_of(d.changes.begin(), d.changes.end(),
                                     [&](const attribute_change& c) { return c.path == step.path; });
    if (changed) continue;
    if (value* v = value_at(out, s, step.path)) {
      v->k = value::kind::absent;
      v->text.clear();
    }
  }
  return out;
}

// One file per deployment: `<profile id>.<markets>.yaml` inside `dir` (never outside it),
// written atomically; never over the profile read.
bool emit_profiles(const plan_report& plan, const profile& p, const library& rules,
                   const std::string& dir, const std::vector<std::string>& rules_dirs) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "error[io.write]: cannot create `" << printable(dir) << "`: " << ec.message() << "\n";
    return false;
  }
  for (const auto& d : plan.deployments) {
    std::string markets;
    for (const auto& m : d.markets) markets += (markets.empty() ? "" : "-") + lowercase(m);
    const auto path =
        (std::filesystem::path(dir) / safe_file_stem(p.id + "." + markets)).string() + ".yaml";
    if (output_is_input(path, {p.source->name()}, rules_dirs)) return false;
    std::string text = "# Written by `lexgate plan` from " + printable(p.source->name()) + " for " + markets +
                       ": the profile with the plan's changes applied.\n";
    static const std::string kProvider = ".provider";
    for (const auto& c : d.changes) {
      if (c.any_other) {
        text += "# " + c.path + ": \"" + std::string(c.to.text) +
                "\" stands for any value the rules do not name; put the real one.\n";
      }
      // A model of another provider is another model (the planner renames it "any other").
      if (c.path.size() > kProvider.size() &&
          c.path.compare(c.path.size() - kProvider.size(), kProvider.size(), kProvider) == 0) {
        text += "# " + c.path.substr(0, c.path.size() - kProvider.size()) +
                ".name: the replacement model's; put its real name.\n";
      }
    }
    text += write_profile_yaml(as_written(d, p, rules.profile_schema()), rules.profile_schema());
    if (!emit(text, path)) return false;
    std::cerr << "wrote " << printable(path) << "\n";
  }
  return true;
}

bool compliant_as_is(const plan_report& plan) {
  return plan.conflicts.empty() && plan.unresolvable.empty() && plan.deployments.size() == 1 &&
         plan.deployments[0].changes.empty();
}

exit_code run_plan(const plan_command_options& o) {
  plan_options options;
  if (!o.as_of.empty()) {
    auto d = parse_as_of(o.as_of);
    if (!d) return exit_code::error;
    options.as_of = *d;
  }
  options.threshold = o.fail_on == "warn" ? rule_severity::warn : rule_severity::block;
  options.max_conflicts = o.max_conflicts;
  options.timeout_ms = o.timeout_seconds * 1000;
  std::vector<std::string> rule_folders = o.rule_dirs;
  rule_folders.insert(rule_folders.end(), o.add_dirs.begin(), o.add_dirs.end());
  if (output_is_input(o.output, {o.profile}, rule_folders)) return exit_code::error;
  auto rules = load_rules(o.rule_dirs, o.add_dirs);
  if (!rules) return exit_code::error;

  diagnostic_bag bag;
  std::string why;
  auto source = read_source_file(o.profile, why);
  if (!source) {
    bag.error("io.read", "cannot read profile: " + why, o.profile);
    print_diagnostics(bag);
    return exit_code::error;
  }
  auto p = load_profile(source, rules->profile_schema(), bag);
  if (!p) {
    print_diagnostics(bag);
    return exit_code::error;
  }
  evaluate_options eval;
  eval.as_of = options.as_of;
  eval.gate.fail_on = o.fail_on == "warn" ? fail_threshold::warn : fail_threshold::block;
  eval.gate.allow_uncovered = o.allow_uncovered;
  report r = evaluate(*rules, *p, eval);
  auto plan = plan_deployment(*rules, *p, options, bag);
  print_diagnostics(bag);
  if (!plan) return exit_code::error;
  r.conflicts = plan->conflicts;

  std::string text;
  if (o.format == "json") {
    text = report_writers::render_plan_json(r, *plan);
  } else if (o.format == "markdown") {
    text = report_writers::render_plan_markdown(r, *plan);
  } else {
    text = report_writers::render_plan_text(r, *plan);
  }
  if (!emit(text, o.output)) return exit_code::error;
  if (!o.emit_profile.empty() && !emit_profiles(*plan, *p, *rules, o.emit_profile, o.rule_dirs)) {
    return exit_code::error;
  }
  // Nothing to change is a pass only where the gate passes too: a market no regime covers was
  // not checked (unless --allow-uncovered).
  return compliant_as_is(*plan) && !r.fails_gate ? exit_code::clear : exit_code::findings;
}

}  // namespace

void add_plan_command(CLI::App& app, exit_code& result) {
  auto o = std::make_shared<plan_command_options>();
  auto* cmd = app.add_subcommand(
      "plan", "Find conflicts between markets, split them, and propose the fewest changes");
  cmd->footer(
      "Exit status: 0 when the deployment is compliant as it stands, 1 when the plan has "
      "conflicts, changes or rules no change satisfies, or a market no regime covers (unless "
      "--allow-uncovered), 2 on errors.");
  cmd->add_option("profile", o->profile, "Deployment profile (YAML)")->required();
  add_overlay_option(*cmd, o->add_dirs);
  cmd->add_option("--rules", o->rule_dirs,
                  "Rule library directory (repeatable); replaces the built-in standard library");
  cmd->add_option("--as-of", o->as_of, "Plan for the rules in force on this date; default: today")
      ->check(non_empty_date());
  cmd->add_option("--format", o->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o->output, "Write the report to FILE (atomically)");
  cmd->add_option("--emit-profile", o->emit_profile,
                  "Write each deployment's remediated profile into DIR");
  cmd->add_option("--fail-on", o->fail_on,
                  "Lowest severity the plan must satisfy (block, or warn for block and warn)")
      ->check(CLI::IsMember({"block", "warn"}))
      ->capture_default_str();
  cmd->add_flag("--allow-uncovered", o->allow_uncovered,
                "Do not fail on markets no regime of the library covers");
  cmd->add_option("--max-conflicts", o->max_conflicts, "Report at most this many conflicts")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--timeout", o->timeout_seconds, "Give up a solver call after SECONDS (exit 2)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  cmd->callback([o, &result] { result = run_plan(*o); });
}

}  // namespace lexgate::cli
