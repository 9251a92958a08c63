// docker-compose `env_file`: the variables a service gets from files beside the compose file,
// read only inside the artifact folder, so that an artifact cannot make lexgate read (and
// quote) a file the user did not give it (layer: profile).
#include <filesystem>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

namespace fs = std::filesystem;

struct env_file_ref {
  const yaml_node* node = nullptr;  ///< The entry.
  const yaml_node* path = nullptr;  ///< Its path; null for a long-form entry without one.
  bool required = true;
};

// `env_file: a.env`, `env_file: [a.env, b.env]` and the long form
// `env_file: [{path: a.env, required: false}]` (required unless it says otherwise).
std::vector<env_file_ref> references(const yaml_node& service) {
  std::vector<env_file_ref> out;
  const yaml_node* e = service.find("env_file");
  if (e == nullptr) return out;
  auto item = [&](const yaml_node& n) {
    if (n.k == yaml_node::kind::scalar) {
      out.push_back({&n, &n, true});
      return;
    }
    const yaml_node* p = n.find("path");
    const std::string required = scalar_text(n.find("required"));
    out.push_back({&n, p != nullptr && p->k == yaml_node::kind::scalar ? p : nullptr,
                   !(required == "false" || required == "False" || required == "FALSE")});
  };
  if (e->k == yaml_node::kind::sequence) {
    for (const auto& n : e->items) item(n);
  } else if (e->k != yaml_node::kind::null) {
    item(*e);
  }
  return out;
}

// Whether `p` is `root` or lies under it; both canonical.
bool inside(const fs::path& p, const fs::path& root) {
  auto it = p.begin();
  for (const auto& part : root) {
    if (it == p.end() || *it != part) return false;
    ++it;
  }
  return true;
}

// The file an `env_file` path names, relative to the compose file: its canonical path when it
// exists inside the folder; otherwise nothing, with why.
std::optional<fs::path> locate(const std::string& compose_file, const std::string& name,
                               const std::string& root, std::string& why) {
  if (root.empty()) {
    why = "is not read for a compose file given without its folder";
    return std::nullopt;
  }
  if (name.empty() || name.find('$') != std::string::npos) {
    why = "is named by a variable";
    return std::nullopt;
  }
  std::error_code ec;
  const fs::path real = fs::canonical(shown_env_file(compose_file, name), ec);
  if (ec) {
    why = "is not among the artifacts";
    return std::nullopt;
  }
  // Symbolic links are followed first: one that leads out of the folder is not read.
  const fs::path folder = fs::canonical(root, ec);
  if (ec || !inside(real, folder)) {
    why = "lies outside the artifact folder `" + root + "` and is not read";
    return std::nullopt;
  }
  // A FIFO or a device would block or never end: only a regular file is read.
  if (!fs::is_regular_file(real, ec)) {
    why = "is not a regular file";
    return std::nullopt;
  }
  return real;
}

// Reads the variables of an env file into `env` (later lines override earlier ones, as compose
// reads them); false, with why, when the file cannot be read or is over the limit.
bool read_env_file(const fs::path& real, const std::string& shown, const artifact_folder& folder,
                   std::vector<std::unique_ptr<env_file_text>>& files, environment& env,
                   std::string& why) {
  const source_ptr read = read_source_file(real.string(), why, folder.limits.max_file_bytes);
  if (read == nullptr) {
    why = "cannot be read (" + why + ")";
    return false;
  }
  if (read->text().size() > folder.limits.max_file_bytes) {
    why = "is larger than the limit of " + std::to_string(folder.limits.max_file_bytes) + " bytes";
    return false;
  }
  auto text = std::make_unique<env_file_text>(shown, read->text());
  text->lines = parse_dotenv(text->source.text());
  for (const auto& l : text->lines) env[l.name] = {l.value.text, &l.value, nullptr, &text->source};
  files.push_back(std::move(text));
  return true;
}

}  // namespace

std::string shown_env_file(const std::string& compose_file, const std::string& name) {
  return (fs::path(compose_file).parent_path() / name).lexically_normal().string();
}

void env_files_used(const yaml_node& doc, const std::string& compose_file, const std::string& root,
                    std::vector<std::string>& out) {
  const yaml_node* services = doc.find("services");
  if (services == nullptr || services->k != yaml_node::kind::mapping) return;
  for (std::size_t i = 0; i < services->size(); ++i) {
    for (const auto& ref : references(services->value(i))) {
      std::string why;
      if (ref.path == nullptr) continue;
      if (auto real = locate(compose_file, ref.path->text, root, why)) out.push_back(real->string());
    }
  }
}

environment env_file_environment(reader_context& ctx, const yaml_node& service,
                                 const artifact_folder& folder,
                                 std::vector<std::unique_ptr<env_file_text>>& files) {
  environment env;
  for (const auto& ref : references(service)) {
    if (ref.path == nullptr) {
      ctx.unresolved(ctx.at(ref.node->offset, "env_file"),
                     "an `env_file` entry without a `path`: its variables are unknown");
      continue;
    }
    const std::string& name = ref.path->text;
    auto unresolved = [&](const std::string& why) {
      ctx.unresolved(ctx.at(*ref.path), std::string(ref.required ? "" : "optional ") +
                                            "env_file `" + name + "` " + why +
                                            ": its variables are unknown");
    };
    std::string why;
    const auto real = locate(ctx.file().name(), name, folder.root, why);
    if (!real) {
      unresolved(why);
      continue;
    }
    if (!read_env_file(*real, shown_env_file(ctx.file().name(), name), folder, files, env, why)) {
      unresolved(why);
    }
  }
  return env;
}

compose_project project_environment(reader_context& ctx, const artifact_folder& folder,
                                    std::vector<std::unique_ptr<env_file_text>>& files) {
  compose_project project;
  const std::string shown = shown_env_file(ctx.file().name(), ".env");
  // Without a `.env` every variable compose interpolates comes from the shell: each one a
  // model or an address depends on is reported unresolved where it is used. So it is when the
  // `.env` is there but not read, and the report says why rather than that it sets nothing.
  std::string why;
  if (const auto real = locate(ctx.file().name(), ".env", folder.root, why)) {
    if (!read_env_file(*real, shown, folder, files, project.variables, why)) project.unread = why;
    return project;
  }
  std::error_code ec;
  const bool there = !folder.root.empty() &&
                     fs::symlink_status(shown, ec).type() != fs::file_type::not_found && !ec;
  if (there) project.unread = why;
  return project;
}

}  // namespace lexgate::detail
