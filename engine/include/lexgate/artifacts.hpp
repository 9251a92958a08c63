// Deployment artifacts (layer: profile): Kubernetes manifests (rendered Helm and Kustomize
// output included), docker-compose files, LiteLLM proxy configs, `.env` files and Terraform
// plan JSON, read for what they deploy — models, API hosts, accelerators, regions — each with
// the positions that establish it; the facts those observations give a profile; and the drift
// between a profile and what is deployed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

enum class artifact_kind : std::uint8_t {
  kubernetes,
  compose,
  litellm,
  dotenv,
  terraform_plan,
  ignored,
};
/// `kubernetes`, `compose`, `litellm`, `dotenv`, `terraform-plan`, `ignored`.
const char* to_string(artifact_kind k);

/// Where in an artifact a value is written.
struct artifact_position {
  std::string file;
  location where;
  std::string resource;  ///< `Deployment/default/vllm`, `service/vllm`, `model_list[0]`.
  std::string origin;    ///< The Helm template that rendered it (`# Source:`), if named.
  std::string text;      ///< The value as written there.
};

struct artifact_file {
  std::string file;
  artifact_kind kind = artifact_kind::ignored;
  std::vector<std::string> resources;
};

enum class observation_kind : std::uint8_t {
  model,        ///< A model id or path a workload runs or a gateway routes to.
  api_host,     ///< The host of a model API a workload calls.
  accelerator,  ///< GPUs or other accelerators a workload asks for.
  region,       ///< A cloud region a workload or service is placed in.
};

/// One thing an artifact states.
struct observation {
  observation_kind kind = observation_kind::model;
  std::string value;  ///< Model id, host, accelerator model, region, as written.
  /// For a model: `self-hosted` (the artifact runs it) or `provider-api` (it calls it).
  std::string hosting;
  std::string api_host;         ///< For a model called through an API: its host.
  bool local_path = false;      ///< A model given by a file path: its developer is a guess.
  std::int64_t count = 0;       ///< For accelerators: how many.
  std::string region;           ///< For accelerators and API models: the region they run in.
  artifact_position at;         ///< Where the value itself is written.
  std::vector<artifact_position> related;  ///< Where the host, region or count is written.
};

/// A reference the reader could not follow: `$(VAR)` with no definition, a ConfigMap string
/// that is not YAML, a region it cannot place.
struct unresolved_reference {
  artifact_position at;
  std::string why;
};

struct artifact_set {
  std::vector<artifact_file> files;
  std::vector<observation> observations;
  std::vector<unresolved_reference> unresolved;
};

/// Limits for artifacts: those of profiles, except that a rendered chart or a plan may be
/// 64 MiB and one value (an embedded config, a policy document) 1 MiB.
profile_limits artifact_limits();

/// Reads files and folders (recursively, skipping hidden folders). Files of no known kind are
/// listed as `ignored`; a known kind that is malformed is an error (`artifact.syntax`,
/// `artifact.limit`, `artifact.utf8`, `io.read`) with its position, and yields nothing.
std::optional<artifact_set> read_artifacts(const std::vector<std::string>& paths,
                                           diagnostic_bag& bag,
                                           const profile_limits& limits = artifact_limits());

/// Reads one artifact already in memory into `out`; its kind is chosen by name and content.
/// False, with the error in `bag`, when it is malformed.
bool read_artifact(const source_ptr& source, artifact_set& out, diagnostic_bag& bag,
                   const profile_limits& limits = artifact_limits());

enum class fact_confidence : std::uint8_t {
  exact,       ///< The artifact states it.
  registry,    ///< Resolved from what the artifact states through the entity registry.
  name_guess,  ///< Guessed from a name (a local path, a re-upload): never a fact on its own.
};
/// `exact`, `registry`, `name-guess`.
const char* to_string(fact_confidence c);

/// One profile value that the artifacts establish.
struct derived_fact {
  std::string path;     ///< `product.models[0].provider`.
  std::string subject;  ///< The record it belongs to: `product.models[0]`; `data.storage`.
  std::string field;    ///< Its field there: `provider`; `default`.
  value observed;    ///< A string, an integer or a list of strings.
  fact_confidence confidence = fact_confidence::exact;
  std::string how;  ///< How a registry or guessed value was reached.
  std::vector<artifact_position> evidence;
};

/// The facts of a set of artifacts, and what could not be resolved on the way.
struct derivation {
  /// Models first (one record per distinct model, host and hosting), then accelerators, then
  /// data locations.
  std::vector<derived_fact> facts;
  std::vector<unresolved_reference> unresolved;  ///< The artifacts' own, then the derivation's.
};
/// Company names (developer, operator) resolve through `rules`' entity registry.
derivation derive_facts(const artifact_set& artifacts, const library& rules);

enum class drift_kind : std::uint8_t { undeclared, contradicts, unobserved, unresolved };
/// `undeclared`, `contradicts`, `unobserved`, `unresolved`.
const char* to_string(drift_kind k);

/// A difference between a profile and the artifacts.
struct drift_item {
  drift_kind kind = drift_kind::undeclared;
  std::string path;
  value declared;  ///< Absent when the profile does not state it.
  value observed;  ///< Absent when the artifacts do not show it.
  location profile_at;  ///< Line 0 when the profile does not state it.
  std::vector<artifact_position> evidence;
  std::string message;  ///< One sentence for people.
  /// Whether this item fails the gate under the run's `--drift` mode (set by the caller that
  /// knows the mode; `drift_fails(kind)` under `--drift fail`). Every format reports it so.
  bool fails_gate = false;
};

/// What is deployed: the profile with the observed facts added (an observed model it does not
/// list is appended; an observed value that contradicts a declared one replaces it), and the
/// drift. Name-guessed facts are reported but never replace or add a value.
struct observed_deployment {
  profile deployed;
  std::vector<drift_item> drift;
};
observed_deployment apply_artifacts(const profile& declared, const library& rules,
                                    const derivation& observed);

/// Whether drift of this kind fails a gate that fails on drift (`undeclared`, `contradicts`).
bool drift_fails(drift_kind k);

}  // namespace lexgate
