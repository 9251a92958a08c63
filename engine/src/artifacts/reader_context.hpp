// What every artifact reader shares: the file being read, where its values sit, and the
// observations collected so far (layer: profile).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/yaml_events.hpp"
#include "lexgate/artifacts.hpp"

namespace lexgate::detail {

/// A ConfigMap of the input: its data, and the file, resource and Helm template it sits in.
struct config_map {
  std::string key;  ///< `namespace/name`.
  const yaml_node* data = nullptr;
  std::string resource;
  std::string origin;
  const source_file* source = nullptr;  ///< The file `data`'s offsets belong to.
};
using config_maps = std::vector<config_map>;

/// One environment variable of a container or service: its value and the node that writes it
/// (for a compose `- NAME=value` item, the whole item).
struct env_value {
  std::string text;
  const yaml_node* node = nullptr;
  const config_map* from = nullptr;  ///< The ConfigMap that defines it, if any.
  /// The file `node`'s offset belongs to, when it is not the file being read (a ConfigMap
  /// elsewhere in the input, a compose `env_file`).
  const source_file* source = nullptr;
};
using environment = std::map<std::string, env_value, std::less<>>;

/// What compose interpolates a compose file's values from, besides the shell: the variables of
/// the `.env` beside it.
struct compose_project {
  environment variables;
  /// Why a `.env` that is there was not read (unreadable, not a regular file, outside the
  /// artifact folder, over the size limit); empty when it was read or there is none.
  std::string unread;
};

/// Every string the readers report passes through here (positions, observations, unresolved
/// references, resource names): one that holds a control character, a line separator or an
/// encoded surrogate is refused as `artifact.control_character` at its position, as profiles
/// refuse theirs, so no report, annotation or log line can be forged or broken by an artifact.
class reader_context {
 public:
  /// `bag` receives those errors; without one (a config embedded in a string, whose positions
  /// the enclosing context places and checks again) nothing is checked.
  reader_context(const source_file& file, artifact_set& out, diagnostic_bag* bag)
      : file_(file), out_(out), bag_(bag) {}

  const source_file& file() const { return file_; }
  artifact_set& out() { return out_; }
  /// Whether a string of the file was refused: the file's reading has failed.
  bool failed() const { return failed_; }

  /// The resource and Helm template the values read next belong to; `offset` is where the
  /// resource is named.
  void enter(std::string resource, std::string origin, std::uint32_t offset);
  const std::string& resource() const { return resource_; }
  /// Whether a scalar the reader reports by itself (a name in a resource label) is printable;
  /// refused with its position when it is not.
  bool printable(const yaml_node& n);
  /// The same for an environment value a reader examines (an address it may fail to parse).
  bool printable(const env_value& v);

  /// The position of a node, with its text: for a quoted scalar, the first character inside
  /// the quotes, so that a one-line JSON file's column points at the value itself.
  artifact_position at(const yaml_node& n);
  artifact_position at(std::uint32_t offset, std::string text) { return at_in(file_, offset, std::move(text)); }
  /// The position of `token`, a part of a scalar's value (an argument inside a folded `sh -c`
  /// script): searched for in the file from the scalar's start, so it points at the token
  /// itself; the scalar's own position when the token is not written verbatim (escaped).
  artifact_position token_at(const yaml_node& scalar, std::string_view token) {
    return token_in(file_, scalar, token);
  }

  /// The position of `token` in an environment value, in the file and the ConfigMap that
  /// define it.
  artifact_position env_at(const env_value& v, std::string_view token);

  observation& add(observation o);
  void unresolved(artifact_position at, std::string why);
  /// An error at `at` that fails the file's reading: a value lexgate must not judge by (in a
  /// config embedded in a string, with no diagnostics of its own: unresolved instead).
  void refuse(artifact_position at, const char* code, std::string message, std::string help);

 private:
  /// Where a node's value starts: past the opening quote of a quoted scalar.
  static std::uint32_t value_offset(const source_file& f, const yaml_node& n);
  artifact_position at_in(const source_file& f, std::uint32_t offset, std::string text);
  artifact_position token_in(const source_file& f, const yaml_node& scalar, std::string_view token);
  /// False, with the error reported at `offset` of `f` (once per file), when `text` holds a
  /// character no report may carry.
  bool check(const source_file& f, std::uint32_t offset, std::string_view text);
  /// The same for a string derived from a value whose position is `p`.
  bool check(const artifact_position& p, std::string_view text);

  const source_file& file_;
  artifact_set& out_;
  diagnostic_bag* bag_;
  bool failed_ = false;
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
/// Whether a value holds a template expression (`{{ .Values.model }}`): a Helm chart's template
/// not rendered, whose value only `helm template` would give.
bool template_expression(std::string_view text);
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
std::vector<std::size_t> model_arguments(const std::vector<command_token>& tokens,
                                         bool llama_cpp_image = false);


/// What one container (or compose service) runs and calls: models on its command line (with
/// `$(VAR)`, `${VAR}` and `$VAR` expanded from `env`), a serving runtime's model from its
/// environment, API hosts in its environment and the models named beside them. For a compose
/// service, `project` holds the variables of the `.env` beside the compose file: compose
/// interpolates the command's `${VAR}` and `$VAR` from it (and the shell) before the container
/// starts, and only what `$$` escaped reaches the container's shell and `env`. A serving
/// runtime's image (`image_node`, where it is written) whose model none of these names is
/// reported unresolved: lexgate cannot tell what it serves.
void read_workload(reader_context& ctx, const std::string& image, const yaml_node* image_node,
                   const std::vector<command_token>& tokens, const environment& env,
                   const std::string& region, const compose_project* project = nullptr);

/// docker compose's interpolation of one value of a compose file: `${VAR}`, `$VAR`,
/// `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}` and
/// `${VAR+alt}` from `project` (the `.env` beside the compose file), `$$` as a literal `$`.
/// A variable `project` does not set comes from the shell at `docker compose up`: unknown
/// here, so the value is unresolved (`why` says which variable), unless a default applies.
struct interpolated {
  std::string text;
  bool unresolved = false;
  std::string why;
  /// The `.env` value that is the whole of the result, if the value is one reference.
  const env_value* from = nullptr;
};
interpolated interpolate_compose(const std::string& value, const compose_project& project);

/// Applies YAML merge keys (`<<: *defaults`) in a parsed document: a merged mapping's entries
/// are added where the mapping does not set the key itself.
void merge_keys(yaml_node& n);

/// One `NAME=value` line of a `.env` file; the value is a scalar node at its offset.
struct dotenv_line {
  std::string name;
  yaml_node value;
};
std::vector<dotenv_line> parse_dotenv(const std::string& text);

/// The folder an artifact was found in (the folder given on the command line, or the file's
/// own folder): files an artifact refers to (a compose `env_file`) are read only inside it.
/// Empty for an artifact held in memory: such references are then unresolved.
struct artifact_folder {
  std::string root;
  profile_limits limits;
};

/// The `env_file`s of a compose service, read from the folder (later files override earlier
/// ones); what cannot be read is reported unresolved. `files` keeps their text alive for as
/// long as the returned values are used.
struct env_file_text {
  env_file_text(std::string name, std::string text) : source(std::move(name), std::move(text)) {}
  source_file source;
  std::vector<dotenv_line> lines;
};
/// How an `env_file` path of `compose_file` is shown in positions (`gateway/model.env`).
std::string shown_env_file(const std::string& compose_file, const std::string& name);
/// The canonical paths of the `env_file`s a compose document's services read (those inside
/// `root`): such a `.env` artifact is read through its services, not again on its own.
void env_files_used(const yaml_node& doc, const std::string& compose_file, const std::string& root,
                    std::vector<std::string>& out);
/// The variables of the `.env` beside a compose file, which compose interpolates the file's
/// values from; none when there is no `.env` inside the artifact folder, or when it is there
/// but cannot be read (`unread` then says why).
compose_project project_environment(reader_context& ctx, const artifact_folder& folder,
                                    std::vector<std::unique_ptr<env_file_text>>& files);
environment env_file_environment(reader_context& ctx, const yaml_node& service,
                                 const artifact_folder& folder,
                                 std::vector<std::unique_ptr<env_file_text>>& files);

/// Readers of each kind; each adds the file's resources to `file` and its observations to the
/// context. `doc` is one YAML document.
void read_kubernetes_document(reader_context& ctx, const yaml_node& doc, artifact_file& file,
                              const config_maps& config);
void read_compose(reader_context& ctx, const yaml_node& doc, artifact_file& file,
                  const artifact_folder& folder);
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
