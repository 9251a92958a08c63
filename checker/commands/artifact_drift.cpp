// `--artifacts` and `--drift` for `check` and `scan` (design §7).
#include "commands/artifact_drift.hpp"

#include <algorithm>

#include "commands/common.hpp"

namespace lexgate::cli {

void add_artifact_options(CLI::App& cmd, artifact_options& o) {
  cmd.add_option("--artifacts", o.paths,
                 "Deployment artifacts (Kubernetes manifests, rendered charts, compose files, "
                 "LiteLLM configs, .env, Terraform plan JSON, or folders): judge what they "
                 "deploy and report the drift from the profile");
  cmd.add_option("--drift", o.drift,
                 "fail: undeclared or contradicting drift fails the gate; strict: so does what "
                 "the artifacts leave unresolved (a model lexgate cannot read); warn: report it "
                 "only; ignore: leave it out of the report")
      ->check(CLI::IsMember({"strict", "fail", "warn", "ignore"}))
      ->capture_default_str();
}

std::optional<derivation> read_observed(const artifact_options& o, const library& rules,
                                        bool& ok, const std::vector<std::string>& outputs) {
  ok = true;
  if (o.paths.empty()) return std::nullopt;
  diagnostic_bag bag;
  auto set = read_artifacts(o.paths, bag);
  const bool empty = set && nothing_read(*set);
  if (empty) {
    // What is deployed cannot be judged from files none of which is an artifact lexgate reads
    // (HCL instead of a plan's JSON, a Dockerfile): a gate with nothing to judge fails.
    std::string ignored;
    std::size_t listed = 0;
    for (const auto& f : set->files) {
      if (listed++ == 5) {
        ignored += ", …";
        break;
      }
      ignored += (ignored.empty() ? " (ignored: " : ", ") + printable(f.file);
    }
    if (!ignored.empty()) ignored += ")";
    std::string given;
    for (const auto& p : o.paths) given += (given.empty() ? "`" : ", `") + printable(p) + "`";
    bag.error("artifacts.empty", "no deployment artifact lexgate reads in " + given + ignored,
              o.paths.front(),
              "--artifacts takes Kubernetes manifests (also rendered Helm and Kustomize output), "
              "compose files, LiteLLM configs, .env files and Terraform plan JSON (`terraform "
              "show -json`); a gate with nothing to judge fails");
  }
  print_diagnostics(bag);
  if (!set || empty || output_replaces_artifact(outputs, *set)) {
    ok = false;
    return std::nullopt;
  }
  return derive_facts(*set, rules);
}

bool nothing_read(const artifact_set& set) {
  return std::none_of(set.files.begin(), set.files.end(),
                      [](const artifact_file& f) { return f.kind != artifact_kind::ignored; });
}

bool output_replaces_artifact(const std::vector<std::string>& outputs, const artifact_set& set) {
  std::vector<std::string> read;
  for (const auto& f : set.files) {
    if (f.kind != artifact_kind::ignored) read.push_back(f.file);
  }
  for (const auto& output : outputs) {
    if (output_is_input(output, read, {})) return true;
  }
  return false;
}

profile evaluate_deployed(const library& rules, const profile& declared, const derivation& observed,
                       const artifact_options& o, const evaluate_options& eval, report& out) {
  observed_deployment d = apply_artifacts(declared, rules, observed);
  evaluate(rules, d.deployed, eval, out);
  // Every format shows the gate's outcome with the drift in it, as the exit code has it.
  for (auto& item : d.drift) {
    item.fails_gate = drift_item_fails(item.kind, o.drift);
    out.drift_fails_gate = out.drift_fails_gate || item.fails_gate;
  }
  out.fails_gate = out.fails_gate || out.drift_fails_gate;
  if (o.drift != "ignore") out.drift = std::move(d.drift);
  return std::move(d.deployed);
}

bool drift_item_fails(drift_kind kind, const std::string& mode) {
  if (mode == "strict") return drift_fails(kind) || kind == drift_kind::unresolved;
  return mode == "fail" && drift_fails(kind);
}

bool drift_fails_gate(const report& r, const artifact_options& o) {
  if (!r.drift) return false;
  return std::any_of(r.drift->begin(), r.drift->end(),
                     [&](const drift_item& d) { return drift_item_fails(d.kind, o.drift); });
}

}  // namespace lexgate::cli
