// Kubernetes manifests (rendered Helm and Kustomize output included): workloads, their
// containers' models, API hosts and accelerators, and where they are scheduled (layer: profile).
#include <map>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

const yaml_node* path(const yaml_node* n, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    if (n == nullptr) return nullptr;
    n = n->find(k);
  }
  return n;
}

const config_map* find_config_map(const config_maps& config, const std::string& ns,
                                  const std::string& name) {
  const std::string key = ns + "/" + name;
  for (const auto& c : config) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

// The container's environment: `envFrom` ConfigMaps first, then `env` (which overrides them),
// values from ConfigMap keys followed; `$(VAR)` in values expanded from earlier variables.
environment container_env(reader_context& ctx, const yaml_node& container, const std::string& ns,
                          const config_maps& config) {
  environment env;
  if (const yaml_node* from = container.find("envFrom");
      from && from->k == yaml_node::kind::sequence) {
    for (const auto& source : from->items) {
      const std::string name = scalar_text(path(&source, {"configMapRef", "name"}));
      if (name.empty()) continue;
      const config_map* map = find_config_map(config, ns, name);
      if (map == nullptr) {
        if (!scalar_text(path(&source, {"configMapRef", "optional"})).empty()) continue;
        ctx.unresolved(ctx.at(*path(&source, {"configMapRef", "name"})),
                       "ConfigMap `" + name + "` is not in the artifacts read");
        continue;
      }
      const std::string prefix = scalar_text(source.find("prefix"));
      const yaml_node* data = map->data;
      for (std::size_t i = 0; i < data->size(); ++i) {
        if (data->value(i).k != yaml_node::kind::scalar) continue;
        env[prefix + data->key(i).text] = {data->value(i).text, &data->value(i), map};
      }
    }
  }
  if (const yaml_node* list = container.find("env"); list && list->k == yaml_node::kind::sequence) {
    for (const auto& e : list->items) {
      const std::string name = scalar_text(e.find("name"));
      if (name.empty()) continue;
      if (const yaml_node* v = e.find("value"); v && v->k == yaml_node::kind::scalar) {
        env[name] = {v->text, v, nullptr};
        continue;
      }
      const yaml_node* ref = path(&e, {"valueFrom", "configMapKeyRef"});
      if (ref == nullptr) continue;  // secrets and field refs hold no model or host we read
      const std::string map = scalar_text(ref->find("name"));
      const std::string key = scalar_text(ref->find("key"));
      const config_map* found = find_config_map(config, ns, map);
      const yaml_node* v = found ? found->data->find(key) : nullptr;
      if (v != nullptr && v->k == yaml_node::kind::scalar) {
        env[name] = {v->text, v, found};
      } else {
        const yaml_node* named = ref->find("name");
        ctx.unresolved(named != nullptr ? ctx.at(*named) : ctx.at(ref->offset, "configMapKeyRef"),
                       "key `" + key + "` of ConfigMap `" + map + "` is not in the artifacts read");
      }
    }
  }
  return env;
}

struct placement {
  std::string gpu_model;
  artifact_position gpu_at;
  std::string region;
  artifact_position region_at;
};

// GPU product and region labels from a node selector, or from node affinity's expressions.
void read_placement(reader_context& ctx, const yaml_node& pod, placement& out) {
  auto label = [&](const std::string& key, const yaml_node& value) {
    if (value.k != yaml_node::kind::scalar) return;
    if (key == "topology.kubernetes.io/region" ||
        key == "failure-domain.beta.kubernetes.io/region") {
      out.region = value.text;
      out.region_at = ctx.at(value);
    } else if (key == "nvidia.com/gpu.product" || key == "cloud.google.com/gke-accelerator" ||
               key == "karpenter.k8s.aws/instance-gpu-name" ||
               key == "node.kubernetes.io/instance-type" || key == "accelerator") {
      if (key == "node.kubernetes.io/instance-type" && !out.gpu_model.empty()) return;
      out.gpu_model = value.text;
      out.gpu_at = ctx.at(value);
    }
  };
  if (const yaml_node* sel = pod.find("nodeSelector"); sel && sel->k == yaml_node::kind::mapping) {
    for (std::size_t i = 0; i < sel->size(); ++i) label(sel->key(i).text, sel->value(i));
  }
  const yaml_node* terms =
      path(&pod, {"affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                  "nodeSelectorTerms"});
  if (terms == nullptr || terms->k != yaml_node::kind::sequence) return;
  for (const auto& term : terms->items) {
    const yaml_node* exprs = term.find("matchExpressions");
    if (exprs == nullptr || exprs->k != yaml_node::kind::sequence) continue;
    for (const auto& e : exprs->items) {
      const yaml_node* values = e.find("values");
      if (scalar_text(e.find("operator")) != "In" || values == nullptr ||
          values->k != yaml_node::kind::sequence || values->items.size() != 1) {
        continue;  // several allowed values do not say which one runs
      }
      label(scalar_text(e.find("key")), values->items[0]);
    }
  }
}

// Accelerators a container asks for in its resource limits (or requests).
void read_accelerators(reader_context& ctx, const yaml_node& c, const placement& where) {
  for (const char* section : {"limits", "requests"}) {
    const yaml_node* res = path(&c, {"resources", section});
    if (res == nullptr || res->k != yaml_node::kind::mapping) continue;
    bool found = false;
    for (std::size_t i = 0; i < res->size(); ++i) {
      const std::string& key = res->key(i).text;
      if (key != "nvidia.com/gpu" && key != "amd.com/gpu" && !key.starts_with("huawei.com/Ascend") &&
          key != "google.com/tpu" && key != "aws.amazon.com/neuron" &&
          key != "habana.ai/gaudi" && key != "intel.com/gpu") {
        continue;
      }
      found = true;
      observation o;
      o.kind = observation_kind::accelerator;
      o.value = !where.gpu_model.empty() ? where.gpu_model
                : key.starts_with("huawei.com/") ? key.substr(11)
                                                  : std::string();
      o.count = std::atoll(res->value(i).text.c_str());
      o.region = where.region;
      o.at = where.gpu_model.empty() ? ctx.at(res->key(i)) : where.gpu_at;
      o.related.push_back(ctx.at(res->value(i)));
      if (!where.region.empty()) o.related.push_back(where.region_at);
      ctx.add(std::move(o));
    }
    if (found) return;  // requests repeat limits
  }
}

void read_pod(reader_context& ctx, const yaml_node& pod, const std::string& ns,
              const config_maps& config) {
  placement where;
  read_placement(ctx, pod, where);
  if (!where.region.empty()) {
    observation o;
    o.kind = observation_kind::region;
    o.value = where.region;
    o.at = where.region_at;
    ctx.add(std::move(o));
  }
  const yaml_node* containers = pod.find("containers");
  if (containers == nullptr || containers->k != yaml_node::kind::sequence) return;
  for (const auto& c : containers->items) {
    if (c.k != yaml_node::kind::mapping) continue;
    read_workload(ctx, scalar_text(c.find("image")), c.find("image"),
                    command_tokens({c.find("command"), c.find("args")}),
                    container_env(ctx, c, ns, config), where.region);
    read_accelerators(ctx, c, where);
  }
}

// KServe: `storageUri` of the predictor's model (or of a framework section).
void read_inference_service(reader_context& ctx, const yaml_node& spec, const std::string& ns,
                            const config_maps& config) {
  const yaml_node* predictor = spec.find("predictor");
  if (predictor == nullptr || predictor->k != yaml_node::kind::mapping) return;
  placement where;
  read_placement(ctx, *predictor, where);
  for (std::size_t i = 0; i < predictor->size(); ++i) {
    const yaml_node& section = predictor->value(i);
    if (section.k != yaml_node::kind::mapping) continue;
    if (const yaml_node* uri = section.find("storageUri"); uri && uri->k == yaml_node::kind::scalar) {
      std::string model = uri->text;
      if (model.starts_with("hf://")) {
        model = model.substr(5);
        observation o;
        o.kind = observation_kind::model;
        o.value = model;
        o.hosting = "self-hosted";
        o.region = where.region;
        o.at = ctx.token_at(*uri, model);
        ctx.add(std::move(o));
      } else {
        // s3://, gs://, pvc://: weights copied somewhere; only their name tells what they are.
        observation o;
        o.kind = observation_kind::model;
        o.value = model;
        o.hosting = "self-hosted";
        o.local_path = true;
        o.at = ctx.at(*uri);
        ctx.add(std::move(o));
      }
    }
    if (section.find("args") != nullptr || section.find("env") != nullptr) {
      read_workload(ctx, {}, nullptr, command_tokens({section.find("command"), section.find("args")}),
                    container_env(ctx, section, ns, config), where.region);
      read_accelerators(ctx, section, where);
    }
  }
  if (const yaml_node* containers = predictor->find("containers")) {
    if (containers->k == yaml_node::kind::sequence) {
      for (const auto& c : containers->items) {
        read_workload(ctx, scalar_text(c.find("image")), c.find("image"),
                    command_tokens({c.find("command"), c.find("args")}),
                    container_env(ctx, c, ns, config), where.region);
        read_accelerators(ctx, c, where);
      }
    }
  }
}

}  // namespace

void read_kubernetes_document(reader_context& ctx, const yaml_node& doc, artifact_file& file,
                              const config_maps& config) {
  if (doc.k != yaml_node::kind::mapping) return;
  const std::string kind = scalar_text(doc.find("kind"));
  if (kind.empty()) return;
  if (kind == "List") {  // `kubectl get -o yaml` output
    if (const yaml_node* items = doc.find("items"); items && items->k == yaml_node::kind::sequence) {
      for (const auto& item : items->items) read_kubernetes_document(ctx, item, file, config);
    }
    return;
  }
  const yaml_node* meta = doc.find("metadata");
  std::string ns = scalar_text(meta ? meta->find("namespace") : nullptr);
  if (ns.empty()) ns = "default";
  const std::string name = scalar_text(meta ? meta->find("name") : nullptr);
  const std::string resource = kind + "/" + ns + "/" + name;
  file.resources.push_back(resource);
  const yaml_node* named = meta ? meta->find("name") : nullptr;
  ctx.enter(resource, ctx.at(doc).origin, named != nullptr ? named->offset : doc.offset);
  const yaml_node* spec = doc.find("spec");
  if (spec == nullptr) return;
  const yaml_node* pod = nullptr;
  if (kind == "Pod") {
    pod = spec;
  } else if (kind == "CronJob") {
    pod = path(spec, {"jobTemplate", "spec", "template", "spec"});
  } else if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
             kind == "Job" || kind == "ReplicaSet" || kind == "LeaderWorkerSet") {
    pod = path(spec, {"template", "spec"});
    if (pod == nullptr) pod = path(spec, {"leaderWorkerTemplate", "workerTemplate", "spec"});
  } else if (kind == "InferenceService") {
    read_inference_service(ctx, *spec, ns, config);
    return;
  }
  if (pod != nullptr && pod->k == yaml_node::kind::mapping) read_pod(ctx, *pod, ns, config);
}

}  // namespace lexgate::detail
