// What a container or a compose service runs and calls (layer: profile).
#include <algorithm>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

struct expansion {
  std::string text;
  const env_value* from = nullptr;  ///< The env value that supplied it, if any.
  bool unresolved = false;
  std::string name;
};

// Expands a token that is one variable reference: `$(VAR)` (Kubernetes), `${VAR}` or `$VAR`
// (a shell script, a compose file).
expansion expand(const std::string& token, const environment& env) {
  expansion out{token, nullptr, false, {}};
  std::string name;
  if ((token.starts_with("$(") && token.ends_with(")")) ||
      (token.starts_with("${") && token.ends_with("}"))) {
    name = token.substr(2, token.size() - 3);
    // `${VAR:-default}`: the default applies when VAR is unset.
    if (auto dash = name.find(":-"); dash != std::string::npos) {
      const std::string fallback = name.substr(dash + 2);
      name.resize(dash);
      if (env.find(name) == env.end() && !fallback.empty()) {
        out.text = fallback;
        return out;
      }
    }
  } else if (token.starts_with("$") && token.size() > 1) {
    name = token.substr(1);
  } else {
    return out;
  }
  out.name = name;
  auto it = env.find(name);
  if (it == env.end()) {
    out.unresolved = true;
    return out;
  }
  out.text = it->second.text;
  out.from = it->second.node != nullptr ? &it->second : nullptr;
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

void add_model(reader_context& ctx, const std::string& model, artifact_position at,
               std::vector<artifact_position> related, const std::string& region) {
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

void read_workload(reader_context& ctx, const std::string& image,
                   const std::vector<command_token>& tokens, const environment& env,
                   const std::string& region) {
  // Every value read for a model or an address is refused if no report may carry it, even
  // one that then turns out not to be an address (a line break makes `host_of` fail).
  for (const auto& [name, v] : env) {
    if (names_model(name) || names_api_address(name)) ctx.printable(v);
  }
  std::vector<std::string> used_env;
  // Models on the command line.
  for (std::size_t i : model_arguments(tokens)) {
    std::string token = tokens[i].text;
    if (auto eq = token.find('='); eq != std::string::npos && token.starts_with("-")) {
      token = token.substr(eq + 1);
    }
    const artifact_position token_at = ctx.token_at(*tokens[i].node, token);
    const expansion e = expand(token, env);
    if (e.unresolved) {
      ctx.unresolved(token_at, "`" + e.name + "` is not defined in the environment");
      continue;
    }
    if (e.text.empty()) continue;
    if (e.from != nullptr) {
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
