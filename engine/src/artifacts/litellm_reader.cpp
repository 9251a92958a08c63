// LiteLLM proxy configs: `model_list[].litellm_params` (`model: <provider>/<id>`, `api_base`,
// regions), also when embedded as a string in a ConfigMap (layer: profile).
#include <array>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

// The API host LiteLLM calls for a provider prefix when no `api_base` is given (LiteLLM's
// defaults, litellm/llms/<provider>). Hosts only: who operates them is the entity registry's.
std::string default_host(std::string_view prefix, std::string_view region) {
  struct entry {
    std::string_view prefix, host;
  };
  static constexpr std::array<entry, 12> hosts = {{
      {"openai", "api.openai.com"},
      {"anthropic", "api.anthropic.com"},
      {"deepseek", "api.deepseek.com"},
      {"mistral", "api.mistral.ai"},
      {"gemini", "generativelanguage.googleapis.com"},
      {"dashscope", "dashscope-intl.aliyuncs.com"},
      {"moonshot", "api.moonshot.ai"},
      {"zai", "api.z.ai"},
      {"volcengine", "ark.cn-beijing.volces.com"},
      {"minimax", "api.minimax.io"},
      {"xai", "api.x.ai"},
      {"groq", "api.groq.com"},
  }};
  for (const auto& e : hosts) {
    if (e.prefix == prefix) return std::string(e.host);
  }
  if (prefix == "bedrock" && !region.empty()) {
    return "bedrock-runtime." + std::string(region) + ".amazonaws.com";
  }
  if (prefix == "vertex_ai" && !region.empty()) {
    return std::string(region) + "-aiplatform.googleapis.com";
  }
  return {};
}

// Prefixes that name a provider route rather than part of the model id.
bool provider_prefix(std::string_view p) {
  static constexpr std::array<std::string_view, 26> prefixes = {
      "openai",     "azure",     "azure_ai",   "anthropic", "deepseek",    "mistral",
      "gemini",     "vertex_ai", "bedrock",    "dashscope", "moonshot",    "zai",
      "volcengine", "minimax",   "xai",        "groq",      "hosted_vllm", "ollama",
      "ollama_chat", "together_ai", "openrouter", "fireworks_ai", "huggingface", "sagemaker",
      "text-completion-openai", "litellm_proxy"};
  for (auto x : prefixes) {
    if (x == p) return true;
  }
  return false;
}

}  // namespace

void read_litellm(reader_context& ctx, const yaml_node& doc, artifact_file& file) {
  const yaml_node* list = doc.find("model_list");
  if (list == nullptr || list->k != yaml_node::kind::sequence) return;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const yaml_node& entry = list->items[i];
    const yaml_node* params = entry.find("litellm_params");
    const yaml_node* model = params ? params->find("model") : nullptr;
    if (model == nullptr || model->k != yaml_node::kind::scalar) continue;
    const std::string resource = "model_list[" + std::to_string(i) + "]";
    const yaml_node* name = entry.find("model_name");
    file.resources.push_back(resource + (name != nullptr && ctx.printable(*name)
                                             ? " (" + scalar_text(name) + ")"
                                             : std::string()));
    ctx.enter(resource, {}, entry.offset);
    std::string id = model->text;
    std::string prefix;
    if (auto slash = id.find('/'); slash != std::string::npos && provider_prefix(id.substr(0, slash))) {
      prefix = id.substr(0, slash);
      id = id.substr(slash + 1);
    }
    std::string region = scalar_text(params->find("aws_region_name"));
    if (region.empty()) region = scalar_text(params->find("vertex_location"));
    observation o;
    o.kind = observation_kind::model;
    o.value = id;
    o.at = ctx.token_at(*model, id);
    o.region = region;
    const yaml_node* base = params->find("api_base");
    const std::string base_text = scalar_text(base);
    if (base_text.starts_with("os.environ/")) {
      ctx.unresolved(ctx.at(*base), "the API address comes from the environment variable `" +
                                        base_text.substr(11) + "`");
    } else if (!base_text.empty()) {
      ctx.printable(*base);
      o.api_host = host_of(base_text);
      if (o.api_host.empty()) {
        // Not an address lexgate can read: who operates it is not known, and not guessed.
        ctx.unresolved(ctx.at(*base), "`api_base` is not an address with a host name");
      } else {
        o.related.push_back(ctx.token_at(*base, o.api_host));
      }
    } else {
      o.api_host = default_host(prefix, region);
    }
    if (o.api_host.empty() && base_text.empty() && !prefix.empty()) {
      ctx.unresolved(ctx.at(*model), "no API address for the `" + prefix + "/` route");
    }
    // A route to a server inside the deployment runs the model there: self-hosted.
    o.hosting = !o.api_host.empty() && internal_host(o.api_host) ? "self-hosted" : "provider-api";
    if (o.hosting == "self-hosted") o.api_host.clear();
    if (prefix == "ollama" || prefix == "ollama_chat" || prefix == "hosted_vllm") {
      if (base_text.empty() || internal_host(host_of(base_text))) o.hosting = "self-hosted";
    }
    o.local_path = is_local_path(id);
    if (!region.empty()) {
      if (const yaml_node* r = params->find("aws_region_name")) o.related.push_back(ctx.at(*r));
      if (const yaml_node* r = params->find("vertex_location")) o.related.push_back(ctx.at(*r));
    }
    ctx.add(std::move(o));
  }
}

void read_embedded_litellm(reader_context& ctx, const yaml_node& text,
                           const profile_limits& limits) {
  const source_file inner(ctx.file().name(), text.text);
  artifact_set found;
  reader_context inner_ctx(inner, found, nullptr);
  diagnostic_bag bag;
  artifact_file file;
  const bool ok = parse_yaml_documents(inner, bag, limits, [&](const yaml_node& doc) {
    if (doc.k != yaml_node::kind::mapping) return;
    yaml_node merged = doc;
    merge_keys(merged);
    read_litellm(inner_ctx, merged, file);
  });
  if (!ok) {
    const std::string why = bag.items().empty() ? "" : ": " + bag.items().front().message;
    ctx.unresolved(ctx.at(text.offset, "model_list"),
                   "a ConfigMap value names `model_list` but is not YAML" + why);
    return;
  }
  // Positions inside the string, placed in the file by finding each value in the scalar.
  auto place = [&](artifact_position& p) {
    artifact_position outer = ctx.token_at(text, p.text);
    outer.resource = ctx.resource() + " " + p.resource;
    p = std::move(outer);
  };
  for (auto& o : found.observations) {
    place(o.at);
    for (auto& r : o.related) place(r);
    ctx.add(std::move(o));
  }
  for (auto& u : found.unresolved) {
    place(u.at);
    ctx.unresolved(std::move(u.at), std::move(u.why));
  }
}

}  // namespace lexgate::detail
