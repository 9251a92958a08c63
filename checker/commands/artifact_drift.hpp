// `--artifacts` and `--drift` for `check` and `scan`: the profile judged with what its
// deployment artifacts show, and the drift between them (design §7).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/artifacts.hpp"
#include "lexgate/evaluate.hpp"

namespace lexgate::cli {

struct artifact_options {
  std::vector<std::string> paths;
  std::string drift = "fail";  ///< strict | fail | warn | ignore
};

/// Whether a drift item fails the gate under `mode`: `fail` fails on undeclared and
/// contradicting drift, `strict` also on what lexgate could not resolve.
bool drift_item_fails(drift_kind kind, const std::string& mode);

/// Adds `--artifacts PATH...` and `--drift strict|fail|warn|ignore` to a command.
void add_artifact_options(CLI::App& cmd, artifact_options& o);

/// The facts of the artifacts, read once for every profile; nothing when no artifacts are
/// given. `ok` is false (and diagnostics printed) when they cannot be read, when none of them
/// is an artifact lexgate reads, or when one of `outputs` would replace one of them.
std::optional<derivation> read_observed(const artifact_options& o, const library& rules,
                                        bool& ok, const std::vector<std::string>& outputs = {});

/// Whether no file of the set is an artifact lexgate reads (every one ignored, or none at all):
/// `read_observed` refuses such a set (`artifacts.empty`), as a gate with nothing to judge.
bool nothing_read(const artifact_set& set);

/// True, with `io.output_is_input` printed, when one of `outputs` is (through any link) a file
/// the artifacts were read from: the report would replace a manifest. A report beside them, as
/// a new file or over one lexgate does not read (an earlier report), is allowed.
bool output_replaces_artifact(const std::vector<std::string>& outputs, const artifact_set& set);

/// Judges `declared` with the observed facts added, into `out`, with the drift attached
/// (left out under `--drift ignore`). Returns the profile judged.
profile evaluate_deployed(const library& rules, const profile& declared, const derivation& observed,
                       const artifact_options& o, const evaluate_options& eval, report& out);

/// Whether the report's drift fails the gate: `undeclared` or `contradicts` under `--drift fail`.
bool drift_fails_gate(const report& r, const artifact_options& o);

}  // namespace lexgate::cli
