// What every command shares: exit codes, loading the rule library, printing diagnostics.
#include "commands/common.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "report/output_file.hpp"

namespace lexgate::cli {

void print_diagnostics(const diagnostic_bag& bag) {
  std::cerr << render_diagnostics(bag);
}

std::optional<library> load_rules(const std::vector<std::string>& rule_dirs,
                                  const std::vector<std::string>& add_dirs) {
  diagnostic_bag bag;
  std::optional<library> rules;
  if (rule_dirs.empty() && add_dirs.empty()) {
    rules = load_standard_library(bag);
  } else {
    // Overlays compile together with what they extend: the standard library's own files, or
    // the `--rules` directories. The digest then covers every file, overlays included.
    auto files = rule_dirs.empty() ? standard_library_sources()
                                   : read_rule_directories(rule_dirs, bag);
    auto overlays = read_rule_directories(add_dirs, bag);
    files.insert(files.end(), overlays.begin(), overlays.end());
    const bool standard = rule_dirs.empty();
    if (!bag.has_errors()) {
      rules = load_library(files, bag, standard ? "standard+overlay" : "custom");
    }
  }
  print_diagnostics(bag);
  if (rules) {
    // Only when shown: listing the regimes builds their descriptions, which checking never needs.
    if (spdlog::should_log(spdlog::level::debug)) {
      spdlog::debug("rule library `{}`: {} regimes, {} rules, sha256 {}", rules->name(),
                    rules->regimes().size(), rules->rule_count(), rules->digest());
    }
  } else {
    std::cerr << "lexgate: the rule library has errors; nothing was checked\n";
  }
  return rules;
}

std::optional<date> parse_as_of(const std::string& text) {
  auto d = date::parse(text);
  if (!d) {
    std::cerr << "error[usage]: `--as-of " << printable(text)
              << "` is not a date\n  = help: give a day that exists, as YYYY-MM-DD\n";
  }
  return d;
}

gate_policy policy_of(const gate_options& gate) {
  gate_policy p;
  p.fail_on = gate.fail_on == "never"  ? fail_threshold::never
              : gate.fail_on == "warn" ? fail_threshold::warn
                                       : fail_threshold::block;
  p.allow_indeterminate = gate.allow_indeterminate;
  p.allow_uncovered = gate.allow_uncovered;
  return p;
}

bool fails(const finding& f, const gate_options& gate) { return fails_gate(f, policy_of(gate)); }

bool fails(const report& r, const gate_options& gate) {
  const gate_policy policy = policy_of(gate);
  return r.drift_fails_gate || std::any_of(r.markets.begin(), r.markets.end(),
                     [&](const market_report& m) { return fails_gate(m, policy); });
}

bool emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) {
      std::cerr << "error[io.write]: cannot write the report to standard output\n";
      return false;
    }
    return true;
  }
  std::string why;
  if (!report_writers::write_file_atomically(output, text, why)) {
    std::cerr << printable(output) << ": error[io.write]: " << printable(why) << "\n";
    return false;
  }
  spdlog::info("report written to {}", output);
  return true;
}

bool output_is_input(const std::string& output, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& input_dirs) {
  std::string which;
  if (output.empty() ||
      !report_writers::output_overwrites_input(output, inputs, input_dirs, which)) {
    return false;
  }
  std::cerr << printable(output)
            << ": error[io.output_is_input]: the output would overwrite the input `"
            << printable(which) << "`\n  = help: write the report somewhere else\n";
  return true;
}

}  // namespace lexgate::cli
