// `lexgate check`: evaluate profiles against the rule library and gate on the findings.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "commands/artifact_drift.hpp"
#include "commands/commands.hpp"
#include "commands/shared_options.hpp"
#include "commands/lazy_range.hpp"
#include "commands/report_targets.hpp"
#include "commands/waiver_use.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/plan.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/waivers.hpp"
#include "report/reports.hpp"

namespace lexgate::cli {

namespace {

struct check_options {
  std::vector<std::string> profiles;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> add_dirs;
  std::string as_of;
  std::string format = "text";
  std::string output;
  std::vector<std::string> reports;  ///< `--report FORMAT=FILE`
  gate_options gate;
  bool explain = false;
  std::string waivers;
  int upcoming_days = 90;
  bool no_conflicts = false;
  std::uint32_t conflict_timeout_seconds = 10;
  artifact_options artifacts;
};

// A deployment that is not clear gets the conflict analysis; a clear one never loads the solver.
bool add_conflicts(report& r, const library& rules, const profile& p, const check_options& o,
                   date as_of, diagnostic_bag& bag) {
  if (o.no_conflicts || r.overall == verdict::clear || r.overall == verdict::uncovered) {
    return true;
  }
  // A profile that contradicts an invariant (a finding with no regime) states an impossible
  // world: its finding says so, and conflicts over it would mean nothing.
  for (const auto& m : r.markets) {
    for (const auto& f : m.findings) {
      if (f.regime.empty() && f.status == finding_status::violation) return true;
    }
  }
  plan_options options;
  options.as_of = as_of;
  options.threshold = o.gate.fail_on == "warn" ? rule_severity::warn : rule_severity::block;
  options.conflicts_only = true;
  options.timeout_ms = o.conflict_timeout_seconds * 1000;
  diagnostic_bag analysis;
  auto plan = plan_deployment(rules, p, options, analysis);
  if (!plan) {
    // Out of budget, or a solver that gave up: the findings and the verdict stand, and the
    // report says the conflicts were not analysed. Any other failure is an error.
    for (const auto& d : analysis.items()) {
      if (d.code != "plan.budget" && d.code != "plan.solver") {
        for (const auto& e : analysis.items()) bag.add(e);
        return false;
      }
    }
    r.conflicts_not_analysed =
        analysis.items().empty() ? "the analysis failed" : analysis.items().front().message;
    spdlog::warn("{}: conflicts not analysed: {}", p.source->name(), r.conflicts_not_analysed);
    return true;
  }
  r.conflicts = std::move(plan->conflicts);
  return true;
}

exit_code run_check(const check_options& o) {
  // `--format`/`--output` first, then every `--report`: all from the one evaluation below.
  std::vector<report_target> targets{{o.format, o.output}};
  for (const auto& text : o.reports) {
    auto target = parse_report_target(text);
    if (!target) return exit_code::error;
    targets.push_back(std::move(*target));
  }
  evaluate_options eval;
  if (!o.as_of.empty()) {
    auto d = parse_as_of(o.as_of);
    if (!d) return exit_code::error;
    eval.as_of = *d;
  }
  eval.upcoming_days = o.upcoming_days;
  eval.gate = policy_of(o.gate);
  // No report, from `--output` or any `--report`, may overwrite what the run reads.
  std::vector<std::string> inputs = o.profiles;
  if (!o.waivers.empty()) inputs.push_back(o.waivers);
  // An artifact file named as the output would be replaced by the report; so would a file
  // read from an artifact folder, which `read_observed` checks once it knows them. A report
  // written into a folder of artifacts is allowed: reports are often kept beside the manifests.
  inputs.insert(inputs.end(), o.artifacts.paths.begin(), o.artifacts.paths.end());
  std::vector<std::string> rule_folders = o.rule_dirs;
  rule_folders.insert(rule_folders.end(), o.add_dirs.begin(), o.add_dirs.end());
  for (const auto& t : targets) {
    if (output_is_input(t.file, inputs, rule_folders)) return exit_code::error;
  }
  auto rules = load_rules(o.rule_dirs, o.add_dirs);
  if (!rules) return exit_code::error;

  std::vector<waiver> waivers;
  if (!o.waivers.empty()) {
    diagnostic_bag bag;
    std::string why;
    auto source = read_source_file(o.waivers, why);
    std::optional<std::vector<waiver>> loaded;
    if (!source) {
      bag.error("io.read", "cannot read waivers: " + why, o.waivers);
    } else {
      loaded = load_waivers(source, *rules, bag);
    }
    print_diagnostics(bag);
    if (!loaded) return exit_code::error;
    waivers = std::move(*loaded);
  }

  bool artifacts_ok = true;
  std::vector<std::string> outputs;
  for (const auto& t : targets) outputs.push_back(t.file);
  const auto observed = read_observed(o.artifacts, *rules, artifacts_ok, outputs);
  if (!artifacts_ok) return exit_code::error;

  std::vector<report> reports;
  bool failed_input = false;
  for (const auto& path : o.profiles) {
    diagnostic_bag bag;
    std::string why;
    auto source = read_source_file(path, why);
    if (!source) {
      bag.error("io.read", "cannot read profile: " + why, path);
    } else if (auto p = load_profile(source, rules->profile_schema(), bag)) {
      reports.emplace_back();
      if (observed) {
        *p = evaluate_deployed(*rules, *p, *observed, o.artifacts, eval, reports.back());
      } else {
        evaluate(*rules, *p, eval, reports.back());
      }
      reports.back().names = p->resolutions;
      apply_waivers(reports.back(), waivers);
      add_conflicts(reports.back(), *rules, *p, o, eval.as_of, bag);
      for (const auto& m : reports.back().markets) {
        for (const auto& f : m.findings) {
          if (f.waiver && f.waiver->expired) {
            std::cerr << printable(path) << ": the waiver for " << f.rule << " in " << m.market
                      << " expired on " << f.waiver->expires.to_string()
                      << "; the finding counts again\n";
          }
        }
      }
      spdlog::debug("{}: verdict {}", path, to_string(reports.back().overall));
    }
    print_diagnostics(bag);
    failed_input = failed_input || bag.has_errors();
  }
  // A bad profile fails the run closed, and no partial report is written in its place.
  if (failed_input) return exit_code::error;
  waiver_use use(waivers);
  for (const auto& r : reports) use.note(r);
  use.warn_unused(o.waivers);

  for (const auto& t : targets) {
    if (!emit(render_check_report(t.format, reports, *rules, o.explain), t.file)) {
      return exit_code::error;
    }
  }

  for (const auto& r : reports) {
    if (fails(r, o.gate) || drift_fails_gate(r, o.artifacts)) return exit_code::findings;
  }
  return exit_code::clear;
}

}  // namespace

void add_check_command(CLI::App& app, exit_code& result) {
  auto o = std::make_shared<check_options>();
  auto* cmd = app.add_subcommand("check", "Check deployment profiles against the rule library");
  cmd->add_option("profiles", o->profiles, "Deployment profile files (YAML)")->required();
  cmd->add_option("--rules", o->rule_dirs,
                  "Rule library directory (repeatable); replaces the built-in standard library");
  add_overlay_option(*cmd, o->add_dirs);
  cmd->add_option("--as-of", o->as_of,
                  "Judge the rules in force on this date (YYYY-MM-DD); "
                  "default: today")
      ->check(non_empty_date());
  cmd->add_option("--format", o->format, "Report format")
      ->check(CLI::IsMember(check_formats()))
      ->capture_default_str();
  cmd->add_option("--output,-o", o->output,
                  "Write the report to FILE (atomically) instead of "
                  "standard output");
  cmd->add_option("--report", o->reports,
                  "Also write a report as FORMAT=FILE (repeatable), atomically, from the same "
                  "evaluation; e.g. --report sarif=lexgate.sarif");
  cmd->add_option("--fail-on", o->gate.fail_on, "Lowest severity that fails the gate (exit 1)")
      ->check(CLI::IsMember({"block", "warn", "never"}))
      ->capture_default_str();
  cmd->add_flag("--allow-indeterminate", o->gate.allow_indeterminate,
                "Do not fail on findings left indeterminate by missing facts");
  cmd->add_flag("--allow-uncovered", o->gate.allow_uncovered,
                "Do not fail on markets no regime of the library covers (nothing was checked "
                "there; the verdict still says uncovered)");
  cmd->add_option("--waivers", o->waivers,
                  "YAML list of accepted findings (rule, justification, approver, expires)");
  cmd->add_flag("--explain", o->explain,
                "Show the profile values (with line:column) that decided each finding");
  cmd->add_flag("--no-conflicts", o->no_conflicts,
                "Skip the conflict analysis of deployments that are not clear");
  // The integer defaults are written as capture_default_str() would write them, without the
  // string stream it formats them through.
  cmd->add_option("--timeout", o->conflict_timeout_seconds,
                  "Give up the conflict analysis after SECONDS in all (the verdict stands)")
      ->check(lazy_range(1, 3600))
      ->default_str(std::to_string(o->conflict_timeout_seconds));
  cmd->add_option("--upcoming-days", o->upcoming_days,
                  "Report rules coming into force within this many days as upcoming")
      ->check(lazy_range(0, 3650))
      ->default_str(std::to_string(o->upcoming_days));
  add_artifact_options(*cmd, o->artifacts);
  cmd->callback([o, &result] { result = run_check(*o); });
}

}  // namespace lexgate::cli
