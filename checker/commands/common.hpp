// What every command shares: exit codes, loading the rule library, printing diagnostics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"

namespace lexgate::cli {

/// The process's exit codes (design §7). Every value is tested.
enum class exit_code : int {
  clear = 0,     ///< Nothing at or above the failure threshold.
  findings = 1,  ///< Findings at or above `--fail-on`.
  error = 2,     ///< Usage, profile, rule-library or I/O error: never a pass.
};

/// Prints each diagnostic to stderr in the compiler style.
void print_diagnostics(const diagnostic_bag& bag);

/// The standard library, or the libraries under `--rules` directories, with the rule files
/// under `--add-rules` directories on top. Prints diagnostics.
std::optional<library> load_rules(const std::vector<std::string>& rule_dirs,
                                  const std::vector<std::string>& add_dirs = {});

/// Parses `--as-of`; prints an error and returns nothing on a bad date.
std::optional<date> parse_as_of(const std::string& text);

/// The gate's threshold: `--fail-on`, `--allow-indeterminate` and `--allow-uncovered`.
struct gate_options {
  std::string fail_on = "block";
  bool allow_indeterminate = false;
  bool allow_uncovered = false;
};

/// The engine's gate policy for these options (reports record it and each market's outcome).
gate_policy policy_of(const gate_options& gate);
/// Whether a finding fails the gate (exit 1).
bool fails(const finding& f, const gate_options& gate);
/// Whether any market of the report fails the gate: a finding that fails it, or no coverage.
bool fails(const report& r, const gate_options& gate);

/// Writes to stdout, or atomically to `output` when it is not empty. False on failure.
bool emit(const std::string& text, const std::string& output);

/// True, with an error printed (`io.output_is_input`), when `output` is one of the `inputs` or
/// lies in one of the rule folders `input_dirs`: the run would destroy what it read.
bool output_is_input(const std::string& output, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& input_dirs);

}  // namespace lexgate::cli
