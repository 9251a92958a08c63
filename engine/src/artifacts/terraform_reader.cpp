// Terraform plan JSON (`terraform show -json`): Azure OpenAI, Amazon Bedrock and Vertex AI
// resources in `planned_values`, with their locations (layer: profile).
#include <functional>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

const yaml_node* first(const yaml_node* n) {
  if (n != nullptr && n->k == yaml_node::kind::sequence) return n->items.empty() ? nullptr : &n->items[0];
  return n;
}

void each_resource(const yaml_node* module, const std::function<void(const yaml_node&)>& f) {
  if (module == nullptr) return;
  if (const yaml_node* rs = module->find("resources"); rs && rs->k == yaml_node::kind::sequence) {
    for (const auto& r : rs->items) f(r);
  }
  if (const yaml_node* cs = module->find("child_modules"); cs && cs->k == yaml_node::kind::sequence) {
    for (const auto& c : cs->items) each_resource(&c, f);
  }
}

struct account {
  std::string address;
  const yaml_node* location = nullptr;
  const yaml_node* subdomain = nullptr;
};

// The plan's AWS region, from the provider's configuration, if it is a constant.
const yaml_node* aws_region(const yaml_node& plan) {
  const yaml_node* n = &plan;
  for (const char* k : {"configuration", "provider_config", "aws", "expressions", "region",
                        "constant_value"}) {
    n = n ? n->find(k) : nullptr;
  }
  return n;
}

// The account a deployment belongs to: the one its configuration references, or the only one.
const account* account_of(const yaml_node& plan, const std::string& address,
                          const std::vector<account>& accounts) {
  if (accounts.size() == 1) return &accounts.front();
  const yaml_node* config = plan.find("configuration");
  const yaml_node* root = config ? config->find("root_module") : nullptr;
  const yaml_node* rs = root ? root->find("resources") : nullptr;
  if (rs == nullptr || rs->k != yaml_node::kind::sequence) return nullptr;
  // Configuration addresses have no instance keys (`x[0]`).
  const std::string bare = address.substr(0, address.find('['));
  for (const auto& r : rs->items) {
    if (scalar_text(r.find("address")) != bare) continue;
    const yaml_node* refs = r.find("expressions");
    for (const char* k : {"cognitive_account_id", "references"}) refs = refs ? refs->find(k) : nullptr;
    if (refs == nullptr || refs->k != yaml_node::kind::sequence) return nullptr;
    for (const auto& ref : refs->items) {
      for (const auto& a : accounts) {
        if (ref.text == a.address || ref.text == a.address + ".id") return &a;
      }
    }
  }
  return nullptr;
}

}  // namespace

void read_terraform_plan(reader_context& ctx, const yaml_node& plan, artifact_file& file) {
  const yaml_node* planned = plan.find("planned_values");
  const yaml_node* root = planned ? planned->find("root_module") : nullptr;
  std::vector<account> accounts;
  each_resource(root, [&](const yaml_node& r) {
    if (scalar_text(r.find("type")) != "azurerm_cognitive_account") return;
    const yaml_node* values = r.find("values");
    if (values == nullptr) return;
    accounts.push_back({scalar_text(r.find("address")), values->find("location"),
                        values->find("custom_subdomain_name")});
  });
  const yaml_node* plan_region = aws_region(plan);
  each_resource(root, [&](const yaml_node& r) {
    const std::string type = scalar_text(r.find("type"));
    const std::string address = scalar_text(r.find("address"));
    const yaml_node* values = r.find("values");
    if (values == nullptr || values->k != yaml_node::kind::mapping) return;
    const bool azure = type.starts_with("azurerm_cognitive_");
    const bool bedrock = type.starts_with("aws_bedrock");
    const bool vertex = type.starts_with("google_vertex_ai");
    if (!azure && !bedrock && !vertex) return;
    file.resources.push_back(address);
    ctx.enter(address, {}, r.offset);
    if (type == "azurerm_cognitive_account") {
      if (const yaml_node* loc = values->find("location"); loc && loc->k == yaml_node::kind::scalar) {
        observation o;
        o.kind = observation_kind::region;
        o.value = loc->text;
        o.at = ctx.at(*loc);
        ctx.add(std::move(o));
      }
      return;
    }
    if (type == "azurerm_cognitive_deployment") {
      const yaml_node* name = first(values->find("model"));
      name = name ? name->find("name") : nullptr;
      if (name == nullptr || name->k != yaml_node::kind::scalar) return;
      observation o;
      o.kind = observation_kind::model;
      o.value = name->text;
      o.hosting = "provider-api";
      o.at = ctx.at(*name);
      const account* a = account_of(plan, address, accounts);
      // The subdomain names the endpoint: refused where it is written if it cannot be shown.
      const std::string subdomain =
          a != nullptr && a->subdomain != nullptr && ctx.printable(*a->subdomain)
              ? scalar_text(a->subdomain)
              : std::string();
      o.api_host = !subdomain.empty() ? subdomain + ".openai.azure.com" : "openai.azure.com";
      const yaml_node* sku = first(values->find("sku"));
      const std::string sku_name = scalar_text(sku ? sku->find("name") : nullptr);
      if (sku_name.starts_with("Global") || sku_name.starts_with("DataZone")) {
        // Global and data-zone deployments may process outside the account's region.
        ctx.unresolved(ctx.at(*sku->find("name")),
                       "sku `" + sku_name + "` may process the data outside the account's region");
      } else if (a != nullptr && a->location != nullptr) {
        o.region = a->location->text;
        o.related.push_back(ctx.at(*a->location));
      } else {
        ctx.unresolved(ctx.at(*name), "the deployment's Azure OpenAI account is not in the plan");
      }
      ctx.add(std::move(o));
      return;
    }
    if (bedrock) {
      const yaml_node* model = nullptr;
      for (const char* k : {"foundation_model", "model_id", "model_arn", "base_model_identifier"}) {
        if (const yaml_node* m = values->find(k); m && m->k == yaml_node::kind::scalar) {
          model = m;
          break;
        }
      }
      if (model == nullptr) return;
      std::string id = model->text;
      std::string region = plan_region ? plan_region->text : std::string();
      // arn:aws:bedrock:<region>::foundation-model/<id>
      if (id.starts_with("arn:aws:bedrock:")) {
        const auto r_end = id.find(':', 16);
        if (r_end != std::string::npos && r_end > 16) region = id.substr(16, r_end - 16);
        if (auto slash = id.rfind('/'); slash != std::string::npos) id = id.substr(slash + 1);
      }
      observation o;
      o.kind = observation_kind::model;
      o.value = id;
      o.hosting = "provider-api";
      o.region = region;
      o.api_host = region.empty() ? "bedrock-runtime.amazonaws.com"
                                  : "bedrock-runtime." + region + ".amazonaws.com";
      o.at = ctx.token_at(*model, id);
      if (plan_region != nullptr && !region.empty()) o.related.push_back(ctx.at(*plan_region));
      ctx.add(std::move(o));
      return;
    }
    // Vertex AI: the endpoint's location, and a Model Garden model where one is named.
    const yaml_node* loc = values->find("location");
    if (loc == nullptr || loc->k != yaml_node::kind::scalar) loc = values->find("region");
    const std::string location = scalar_text(loc);
    if (!location.empty()) {
      observation o;
      o.kind = observation_kind::region;
      o.value = location;
      o.at = ctx.at(*loc);
      ctx.add(std::move(o));
    }
    for (const char* k : {"publisher_model_name", "hugging_face_model_id", "model"}) {
      const yaml_node* m = values->find(k);
      if (m == nullptr || m->k != yaml_node::kind::scalar || m->text.empty()) continue;
      std::string id = m->text;
      // publishers/google/models/gemma3@gemma-3-1b-it
      if (auto at = id.rfind('@'); at != std::string::npos) id = id.substr(at + 1);
      observation o;
      o.kind = observation_kind::model;
      o.value = id;
      o.hosting = "provider-api";
      o.region = location;
      o.api_host = location.empty() ? "aiplatform.googleapis.com"
                                    : location + "-aiplatform.googleapis.com";
      o.at = ctx.token_at(*m, id);
      ctx.add(std::move(o));
      break;
    }
  });
}

}  // namespace lexgate::detail
