// What a container or a compose service runs and calls (layer: profile).
#include <algorithm>
#include <cctype>
#include <optional>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

// One variable reference in a value: `$(VAR)` (Kubernetes), `${VAR}`, `${VAR:-default}` or
// `$VAR` (a shell script, a compose file); `$1` names a script argument, never defined here.
struct reference {
  std::size_t begin = std::string::npos;
  std::size_t end = 0;
  std::string name;
  std::optional<std::string> fallback;
};

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

reference next_reference(const std::string& text, std::size_t from) {
  for (auto i = text.find('$', from); i != std::string::npos && i + 1 < text.size();
       i = text.find('$', i + 1)) {
    const char c = text[i + 1];
    if (c == '$') {  // `$$` is a literal `$`
      ++i;
      continue;
    }
    if (c == '(' || c == '{') {
      const auto close = text.find(c == '(' ? ')' : '}', i + 2);
      if (close == std::string::npos) return {};
      reference r{i, close + 1, text.substr(i + 2, close - i - 2), std::nullopt};
      if (c == '{') {
        if (auto dash = r.name.find(":-"); dash != std::string::npos) {
          r.fallback = r.name.substr(dash + 2);
          r.name.resize(dash);
        }
      }
      if (!r.name.empty() && std::all_of(r.name.begin(), r.name.end(), name_char)) return r;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {  // `$1`: a script's argument
      return {i, i + 2, std::string(1, c), std::nullopt};
    }
    if (name_char(c)) {
      std::size_t j = i + 1;
      while (j < text.size() && name_char(text[j])) ++j;
      return {i, j, text.substr(i + 1, j - i - 1), std::nullopt};
    }
  }
  return {};
}

std::string undefined(const std::string& name) {
  return std::isdigit(static_cast<unsigned char>(name[0])) != 0
             ? "is an argument of the script, not known from the artifacts"
             : "is not defined in the environment";
}

struct expansion {
  std::string text;
  const env_value* from = nullptr;  ///< The env value that supplied it, if any.
  bool unresolved = false;
  std::string name;
  std::string why;  ///< Why `name` could not be followed.
};

// Replaces the references in `e.text` with their values, and the references those values hold
// (Kubernetes expands `$(VAR)` in env values from earlier variables), a few levels deep: what
// is still a reference after that refers back to itself.
void substitute(expansion& e, const environment& env) {
  static constexpr int kDepth = 8;
  static constexpr std::size_t kMaxBytes = 1u << 20;
  for (int round = 0;; ++round) {
    reference r = next_reference(e.text, 0);
    if (r.begin == std::string::npos) return;
    if (round == kDepth) {
      e.unresolved = true;
      e.name = r.name;
      e.why = "refers back to itself through other variables";
      return;
    }
    std::string out;
    std::size_t pos = 0;
    for (; r.begin != std::string::npos; r = next_reference(e.text, r.end)) {
      out.append(e.text, pos, r.begin - pos);
      if (auto it = env.find(r.name); it != env.end()) {
        out += it->second.text;
      } else if (r.fallback) {
        out += *r.fallback;
      } else {
        e.unresolved = true;
        e.name = r.name;
        e.why = undefined(r.name);
        return;
      }
      pos = r.end;
      if (out.size() > kMaxBytes) {
        e.unresolved = true;
        e.name = r.name;
        e.why = "expands to more than 1 MiB";
        return;
      }
    }
    out.append(e.text, pos, std::string::npos);
    e.text = std::move(out);
  }
}

// Expands a token or a value: a token that is one reference takes the value (and the position)
// of that variable; references inside it, or in the value it takes, are replaced too.
expansion expand(const std::string& token, const environment& env) {
  expansion out{token, nullptr, false, {}, {}};
  const reference r = next_reference(token, 0);
  if (r.begin == 0 && r.end == token.size()) {
    out.name = r.name;
    if (auto it = env.find(r.name); it != env.end()) {
      out.text = it->second.text;
      out.from = it->second.node != nullptr ? &it->second : nullptr;
    } else if (r.fallback && !r.fallback->empty()) {
      out.text = *r.fallback;  // `${VAR:-default}`: the default applies when VAR is unset
    } else {
      out.unresolved = true;
      out.why = undefined(r.name);
      return out;
    }
  }
  substitute(out, env);
  return out;
}

bool serving_image(std::string_view image) {
  for (std::string_view runtime : {"vllm", "text-generation-inference", "sglang", "ollama",
                                   "llama.cpp", "llama-cpp", "nvcr.io/nim/", "lmdeploy",
                                   "tensorrt-llm", "tritonserver", "huggingfaceserver"}) {
    if (image.find(runtime) != std::string_view::npos) return true;
  }
  return false;
}

std::string nim_model(std::string_view image) {
  constexpr std::string_view kNim = "nvcr.io/nim/";
  const auto at = image.find(kNim);
  if (at == std::string_view::npos) return {};
  std::string_view model = image.substr(at + kNim.size());
  model = model.substr(0, model.find_first_of(":@"));
  const auto slash = model.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == model.size() ||
      model.find('/', slash + 1) != std::string_view::npos || model.substr(slash + 1) == "llm-nim") {
    return {};
  }
  return std::string(model);
}

void add_model(reader_context& ctx, const std::string& model, artifact_position at,
               std::vector<artifact_position> related, const std::string& region) {
  if (template_expression(model)) {
    // An unrendered chart: what it deploys is decided by values lexgate does not see.
    ctx.refuse(std::move(at), "artifact.template",
               "`" + model + "` is a template expression, not a model: this chart is not rendered",
               "render it (`helm template RELEASE CHART > rendered.yaml`) and give lexgate the "
               "output");
    return;
  }
  observation o;
  o.kind = observation_kind::model;
  o.value = model;
  o.hosting = "self-hosted";
  o.local_path = is_local_path(model);
  o.region = region;
  o.at = std::move(at);
  o.related = std::move(related);
  ctx.add(std::move(o));
}

}  // namespace

void read_workload(reader_context& ctx, const std::string& image, const yaml_node* image_node,
                   const std::vector<command_token>& tokens, const environment& declared,
                   const std::string& region, const compose_project* project) {
  // Every value read for a model or an address is refused if no report may carry it, even
  // one that then turns out not to be an address (a line break makes `host_of` fail).
  bool any_address = false;
  for (const auto& [name, v] : declared) {
    if (names_model(name) || names_api_address(name)) ctx.printable(v);
    any_address = any_address || names_api_address(name);
  }
  // Model and address values with their references replaced; one whose references cannot be
  // followed is unresolved (where it would be read), never taken as written.
  environment env = declared;
  std::size_t models_named = 0;  // found, or named but unresolved
  for (const auto& [name, v] : declared) {
    const bool address = names_api_address(name);
    if (v.node == nullptr || !(address || names_model(name))) continue;
    expansion e{v.text, nullptr, false, {}, {}};
    substitute(e, declared);
    if (!e.unresolved) {
      env[name].text = std::move(e.text);
      continue;
    }
    env.erase(name);
    if (address || any_address || serving_image(image)) {
      ctx.unresolved(ctx.env_at(v, v.text), "`" + e.name + "` in `" + name + "` " + e.why);
      if (!address) ++models_named;
    }
  }
  std::vector<std::string> used_env;
  const bool llama_cpp_image = image.find("llama.cpp") != std::string::npos ||
                               image.find("llama-cpp") != std::string::npos;
  // Models on the command line.
  for (std::size_t i : model_arguments(tokens, llama_cpp_image)) {
    ++models_named;
    std::string token = tokens[i].text;
    if (auto eq = token.find('='); eq != std::string::npos && token.starts_with("-")) {
      token = token.substr(eq + 1);
    }
    const artifact_position token_at = ctx.token_at(*tokens[i].node, token);
    // A compose file's references are compose's, from its `.env`; what `$$` escaped is left
    // for the container's shell, from the service's environment.
    const env_value* from_project = nullptr;
    if (project != nullptr) {
      interpolated first = interpolate_compose(token, *project);
      if (first.unresolved) {
        ctx.unresolved(token_at, first.why);
        continue;
      }
      token = std::move(first.text);
      from_project = first.from;
    }
    const expansion e = expand(token, declared);
    if (e.unresolved) {
      ctx.unresolved(token_at, "`" + e.name + "` " + e.why);
      continue;
    }
    if (e.text.empty()) continue;
    if (e.from == nullptr && from_project != nullptr && from_project->node != nullptr) {
      add_model(ctx, e.text, ctx.env_at(*from_project, e.text), {token_at}, region);
    } else if (e.from != nullptr) {
      used_env.push_back(e.name);
      add_model(ctx, e.text, ctx.env_at(*e.from, e.text), {token_at}, region);
    } else {
      add_model(ctx, e.text, token_at, {}, region);
    }
  }
  // A serving runtime that takes its model from the environment (TGI's MODEL_ID).
  if (serving_image(image)) {
    for (const auto& [name, v] : env) {
      if (!names_model(name) || v.text.empty() || v.node == nullptr) continue;
      if (std::find(used_env.begin(), used_env.end(), name) != used_env.end()) continue;
      used_env.push_back(name);
      add_model(ctx, v.text, ctx.env_at(v, v.text), {}, region);
      ++models_named;
    }
    // An NVIDIA NIM image is built for one model and names it: `nvcr.io/nim/deepseek-ai/
    // deepseek-r1:1.7.3` serves deepseek-ai/deepseek-r1. The multi-model `llm-nim` takes its
    // model from the environment instead.
    if (const std::string model = nim_model(image);
        models_named == 0 && !model.empty() && image_node != nullptr) {
      add_model(ctx, model, ctx.token_at(*image_node, model), {}, region);
      ++models_named;
    }
    // Nothing read names what it serves (pulled at run time, set by a file or a flag lexgate
    // does not know): say so rather than let the deployment look as if it served nothing.
    // A model variable already unresolved for this resource (compose reports those when it
    // interpolates the environment) has said so.
    const bool said = std::any_of(ctx.out().unresolved.begin(), ctx.out().unresolved.end(),
                                  [&](const unresolved_reference& u) {
                                    return u.at.file == ctx.file().name() &&
                                           u.at.resource == ctx.resource();
                                  });
    if (models_named == 0 && !said && image_node != nullptr) {
      ctx.unresolved(ctx.at(*image_node), "`" + image +
                                              "` serves models, but no argument or variable "
                                              "read here names the model it serves");
    }
  }
  // API hosts the workload calls, and the models it names beside them.
  std::vector<std::pair<std::string, const env_value*>> hosts;
  for (const auto& [name, v] : env) {
    if (!names_api_address(name) || v.node == nullptr) continue;
    const std::string host = host_of(v.text);
    if (host.empty() || internal_host(host)) continue;
    hosts.emplace_back(name, &v);
    observation o;
    o.kind = observation_kind::api_host;
    o.value = host;
    o.hosting = "provider-api";
    o.at = ctx.env_at(v, host);
    ctx.add(std::move(o));
  }
  if (hosts.empty()) return;
  for (const auto& [name, v] : env) {
    if (!names_model(name) || v.node == nullptr || v.text.empty() || is_local_path(v.text)) {
      continue;
    }
    if (std::find(used_env.begin(), used_env.end(), name) != used_env.end()) continue;
    // The host whose variable shares the longest prefix with the model's (`DEEPSEEK_MODEL`
    // goes with `DEEPSEEK_BASE_URL`).
    const std::pair<std::string, const env_value*>* best = &hosts.front();
    std::size_t best_len = 0;
    for (const auto& h : hosts) {
      std::size_t n = 0;
      while (n < name.size() && n < h.first.size() && name[n] == h.first[n]) ++n;
      if (n > best_len) {
        best_len = n;
        best = &h;
      }
    }
    observation o;
    o.kind = observation_kind::model;
    o.value = v.text;
    o.hosting = "provider-api";
    o.api_host = host_of(best->second->text);
    o.at = ctx.env_at(v, v.text);
    o.related.push_back(ctx.env_at(*best->second, o.api_host));
    ctx.add(std::move(o));
  }
}

}  // namespace lexgate::detail
