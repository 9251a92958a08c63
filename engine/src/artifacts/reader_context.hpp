// What every artifact reader shares: the file being read, where its values sit, and the
// observations collected so far (layer: profile).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/yaml_events.hpp"
#include "lexgate/artifacts.hpp"

namespace lexgate::detail {

/// A ConfigMap of the input: its data, and the resource and Helm template it sits in.
struct config_map {
  std::string key;  ///< `namespace/name`.
  const yaml_node* data = nullptr;
  std::string resource;
  std::string origin;
};
using config_maps = std::vector<config_map>;

/// One environment variable of a container or service: its value and the node that writes it
/// (for a compose `- NAME=value` item, the whole item).
struct env_value {
  std::string text;
  const yaml_node* node = nullptr;
  const config_map* from = nullptr;  ///< The ConfigMap that defines it, if any.
};
using environment = std::map<std::string, env_value, std::less<>>;

class reader_context {
 public:
  reader_context(const source_file& file, artifact_set& out) : file_(file), out_(out) {}

  const source_file& file() const { return file_; }
  artifact_set& out() { return out_; }

  /// The resource and Helm template the values read next belong to.
  void enter(std::string resource, std::string origin) {
    resource_ = std::move(resource);
    origin_ = std::move(origin);
  }
  const std::string& resource() const { return resource_; }

  /// The position of a node, with its text.
  artifact_position at(const yaml_node& n) const { return at(n.offset, n.text); }
  artifact_position at(std::uint32_t offset, std::string text) const;
  /// The position of `token`, a part of a scalar's value (an argument inside a folded `sh -c`
  /// script): searched for in the file from the scalar's start, so it points at the token
  /// itself; the scalar's own position when the token is not written verbatim (escaped).
  artifact_position token_at(const yaml_node& scalar, std::string_view token) const;

  /// The position of `token` in an environment value, named by the ConfigMap that defines it.
  artifact_position env_at(const env_value& v, std::string_view token) const;

  observation& add(observation o);
  void unresolved(artifact_position at, std::string why);

 private:
  const source_file& file_;
  artifact_set& out_;
  std::string resource_;
  std::string origin_;
};

/// A scalar's text, or empty for any other node.
inline const std::string& scalar_text(const yaml_node* n) {
  static const std::string empty;
  return n != nullptr && n->k == yaml_node::kind::scalar ? n->text : empty;
}

/// The host of a URL (`https://api.deepseek.com/v1` → `api.deepseek.com`), or of a bare host
/// name; empty when the text is neither.
std::string host_of(std::string_view url);
/// A host inside the deployment (a cluster service, localhost, a private address): a model
/// behind it is run by the deployer.
bool internal_host(std::string_view host);
/// Whether an environment variable of this name holds a model API's address.
bool names_api_address(std::string_view env_name);
/// Whether an environment variable of this name holds a model id.
bool names_model(std::string_view env_name);
/// Whether a model reference is a local path (`/models/x`, `./weights`).
bool is_local_path(std::string_view model);

/// One token of a command line with the node that holds it (for its position).
struct command_token {
  std::string text;
  const yaml_node* node = nullptr;
};

/// Splits `args`/`command` values into tokens: each list item, and each item that is a shell
/// script (`sh -c "…"`, folded block scalars) into its words.
std::vector<command_token> command_tokens(const std::vector<const yaml_node*>& parts);

/// The model references on a command line: `--model X`, `--model=X`, `--model-path X`,
/// `--model-id X`, `--model_name_or_path X`, `vllm serve X`, `ollama run X`, `-m X` after a
/// serving program. Returns the index of each model token.
std::vector<std::size_t> model_arguments(const std::vector<command_token>& tokens);


/// What one container (or compose service) runs and calls: models on its command line (with
/// `$(VAR)`, `${VAR}` and `$VAR` expanded from `env`), a serving runtime's model from its
/// environment, API hosts in its environment and the models named beside them.
void read_workload(reader_context& ctx, const std::string& image,
                   const std::vector<command_token>& tokens, const environment& env,
                   const std::string& region);

/// Readers of each kind; each adds the file's resources to `file` and its observations to the
/// context. `doc` is one YAML document.
void read_kubernetes_document(reader_context& ctx, const yaml_node& doc, artifact_file& file,
                              const config_maps& config);
void read_compose(reader_context& ctx, const yaml_node& doc, artifact_file& file);
void read_litellm(reader_context& ctx, const yaml_node& doc, artifact_file& file);
void read_terraform_plan(reader_context& ctx, const yaml_node& doc, artifact_file& file);
void read_dotenv(reader_context& ctx, artifact_file& file);
/// A LiteLLM config embedded as a string (in a ConfigMap): parsed with the same limits; a
/// string that is not YAML is reported unresolved.
void read_embedded_litellm(reader_context& ctx, const yaml_node& text, const profile_limits& limits);

/// The ISO 3166 code of a cloud region (`australiaeast`, `ap-southeast-2`, `europe-west4`,
/// `cn-beijing`), or empty when it is not one this table places.
std::string region_country(std::string_view region);

}  // namespace lexgate::detail
