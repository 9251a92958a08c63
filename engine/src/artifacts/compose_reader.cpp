// docker-compose files: each service's image, command, environment and GPU reservations
// (layer: profile).
#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

// `environment:` as a mapping or as a list of `NAME=value`, its values interpolated by compose
// from the `.env` beside the compose file (`project`). A model or address variable given
// without a value, or whose value needs a variable only the shell at `docker compose up` may
// set, is unknown here, so unresolved.
environment service_env(reader_context& ctx, const yaml_node& service,
                        const compose_project& project) {
  environment env;
  const yaml_node* e = service.find("environment");
  if (e == nullptr) return env;
  auto unknown = [&](const std::string& name, const yaml_node& at, const std::string& why) {
    if (names_model(name) || names_api_address(name)) ctx.unresolved(ctx.at(at.offset, name), why);
  };
  auto from_shell = [&](const std::string& name, const yaml_node& at) {
    unknown(name, at, "`" + name + "` takes its value from the shell at `docker compose up`");
  };
  auto set = [&](const std::string& name, const std::string& text, const yaml_node& at) {
    interpolated v = interpolate_compose(text, project);
    if (v.unresolved) {
      unknown(name, at, "`" + name + "`: " + v.why);
    } else if (v.from != nullptr && v.from->node != nullptr) {
      env[name] = *v.from;  // the value is the `.env`'s: its evidence is there
    } else {
      env[name] = {std::move(v.text), &at};
    }
  };
  if (e->k == yaml_node::kind::mapping) {
    for (std::size_t i = 0; i < e->size(); ++i) {
      if (e->value(i).k == yaml_node::kind::scalar) {
        set(e->key(i).text, e->value(i).text, e->value(i));
      } else if (e->value(i).k == yaml_node::kind::null) {
        from_shell(e->key(i).text, e->key(i));
      }
    }
  } else if (e->k == yaml_node::kind::sequence) {
    for (const auto& item : e->items) {
      if (item.k != yaml_node::kind::scalar) continue;
      const auto eq = item.text.find('=');
      if (eq == std::string::npos) {
        from_shell(item.text, item);
        continue;
      }
      set(item.text.substr(0, eq), item.text.substr(eq + 1), item);
    }
  }
  return env;
}

void read_gpus(reader_context& ctx, const yaml_node& service) {
  const yaml_node* devices = service.find("deploy");
  for (const char* k : {"resources", "reservations", "devices"}) {
    devices = devices ? devices->find(k) : nullptr;
  }
  if (devices != nullptr && devices->k == yaml_node::kind::sequence) {
    for (const auto& d : devices->items) {
      const yaml_node* driver = d.find("driver");
      if (driver == nullptr || driver->k != yaml_node::kind::scalar) continue;
      observation o;
      o.kind = observation_kind::accelerator;
      const yaml_node* count = d.find("count");
      o.count = count && count->text != "all" ? std::atoll(count->text.c_str()) : 0;
      o.at = ctx.at(*driver);
      if (count != nullptr) o.related.push_back(ctx.at(*count));
      ctx.add(std::move(o));
    }
    return;
  }
  if (const yaml_node* runtime = service.find("runtime"); runtime && runtime->text == "nvidia") {
    observation o;
    o.kind = observation_kind::accelerator;
    o.at = ctx.at(*runtime);
    ctx.add(std::move(o));
  }
}

}  // namespace

void read_compose(reader_context& ctx, const yaml_node& doc, artifact_file& file,
                  const artifact_folder& folder) {
  const yaml_node* services = doc.find("services");
  if (services == nullptr || services->k != yaml_node::kind::mapping) return;
  // The files' texts stay alive while the observations that point into them are made.
  std::vector<std::unique_ptr<env_file_text>> env_files;
  const compose_project project = project_environment(ctx, folder, env_files);
  for (std::size_t i = 0; i < services->size(); ++i) {
    const yaml_node& s = services->value(i);
    if (s.k != yaml_node::kind::mapping) continue;
    const std::string resource = "service/" + services->key(i).text;
    file.resources.push_back(resource);
    ctx.enter(resource, {}, services->key(i).offset);
    // `environment:` overrides what the `env_file`s give, as compose merges them.
    environment env = env_file_environment(ctx, s, folder, env_files);
    for (auto& [name, v] : service_env(ctx, s, project)) env[name] = v;
    const interpolated image = interpolate_compose(scalar_text(s.find("image")), project);
    read_workload(ctx, image.unresolved ? scalar_text(s.find("image")) : image.text,
                  s.find("image"), command_tokens({s.find("entrypoint"), s.find("command")}), env, {}, &project);
    read_gpus(ctx, s);
  }
}

}  // namespace lexgate::detail
