// Reading deployment artifacts: files and folders → kinds → the reader of each kind
// (layer: profile).
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "artifacts/reader_context.hpp"
#include "source/text_check.hpp"

namespace lexgate {

const char* to_string(artifact_kind k) {
  switch (k) {
    case artifact_kind::kubernetes: return "kubernetes";
    case artifact_kind::compose: return "compose";
    case artifact_kind::litellm: return "litellm";
    case artifact_kind::dotenv: return "dotenv";
    case artifact_kind::terraform_plan: return "terraform-plan";
    case artifact_kind::ignored: return "ignored";
  }
  return "ignored";
}

profile_limits artifact_limits() {
  profile_limits limits;
  limits.max_file_bytes = 64u << 20;
  limits.max_string_bytes = 1u << 20;
  return limits;
}

namespace detail {

bool reader_context::check(const source_file& f, std::uint32_t offset, std::string_view text) {
  if (bag_ == nullptr || !detail::unprintable_at(text, false)) return true;
  if (!failed_) {
    // Underline the value on its line (a block scalar's value starts on the next one).
    const std::string& all = f.text();
    const std::size_t eol = std::min(all.find('\n', offset), all.size());
    const auto end = static_cast<std::uint32_t>(
        std::max<std::size_t>(offset + 1, std::min<std::size_t>(offset + text.size(), eol)));
    bag_->report(diagnostic_severity::error, "artifact.control_character",
                 "this value holds a control character, a line separator or an encoded "
                 "surrogate",
                 &f, {offset, end},
                 "write plain text on one line: reports, annotations and logs quote this value");
  }
  failed_ = true;
  return false;
}

bool reader_context::check(const artifact_position& p, std::string_view text) {
  if (bag_ == nullptr || !detail::unprintable_at(text, false)) return true;
  // Strings derived from a value are refused where that value is written.
  if (p.file == file_.name()) return check(file_, file_.offset_of(p.where), text);
  if (!failed_) {
    diagnostic d;
    d.code = "artifact.control_character";
    d.message = "this value holds a control character, a line separator or an encoded surrogate";
    d.file = p.file;
    d.where = d.end = p.where;
    d.help = "write plain text on one line: reports, annotations and logs quote this value";
    bag_->add(std::move(d));
  }
  failed_ = true;
  return false;
}

void reader_context::enter(std::string resource, std::string origin, std::uint32_t offset) {
  check(file_, offset, resource);
  check(file_, offset, origin);
  resource_ = std::move(resource);
  origin_ = std::move(origin);
}

std::uint32_t reader_context::value_offset(const source_file& f, const yaml_node& n) {
  const std::string& text = f.text();
  const bool quoted = n.k == yaml_node::kind::scalar && !n.plain && n.offset < text.size() &&
                      (text[n.offset] == '"' || text[n.offset] == '\'');
  return quoted ? n.offset + 1 : n.offset;
}

bool reader_context::printable(const yaml_node& n) { return check(file_, value_offset(file_, n), n.text); }

bool reader_context::printable(const env_value& v) {
  if (v.node == nullptr) return true;
  const source_file& f = v.source != nullptr                             ? *v.source
                         : v.from != nullptr && v.from->source != nullptr ? *v.from->source
                                                                           : file_;
  return check(f, value_offset(f, *v.node), v.text);
}

artifact_position reader_context::at_in(const source_file& f, std::uint32_t offset,
                                        std::string text) {
  check(f, offset, text);
  artifact_position p;
  p.file = f.name();
  p.where = f.locate(offset);
  p.resource = resource_;
  p.origin = origin_;
  p.text = std::move(text);
  return p;
}

artifact_position reader_context::at(const yaml_node& n) {
  return at_in(file_, value_offset(file_, n), n.text);
}

artifact_position reader_context::token_in(const source_file& f, const yaml_node& scalar,
                                           std::string_view token) {
  const std::string& text = f.text();
  if (scalar.offset >= text.size()) return at_in(f, value_offset(f, scalar), std::string(token));
  // The scalar ends at most a few bytes per character after its value (indentation, folding).
  const std::size_t limit = std::min(text.size(), static_cast<std::size_t>(scalar.offset) +
                                                      scalar.text.size() * 2 + 4096);
  const std::string_view window(text.data() + scalar.offset, limit - scalar.offset);
  const auto found = token.empty() ? std::string_view::npos : window.find(token);
  if (found == std::string_view::npos) return at_in(f, value_offset(f, scalar), std::string(token));
  return at_in(f, static_cast<std::uint32_t>(scalar.offset + found), std::string(token));
}

artifact_position reader_context::env_at(const env_value& v, std::string_view token) {
  const source_file& f = v.source != nullptr                             ? *v.source
                         : v.from != nullptr && v.from->source != nullptr ? *v.from->source
                                                                           : file_;
  artifact_position p = token_in(f, *v.node, token);
  if (v.from != nullptr) {
    p.resource = v.from->resource;
    p.origin = v.from->origin;
  }
  return p;
}

observation& reader_context::add(observation o) {
  for (const std::string* text : {&o.value, &o.hosting, &o.api_host, &o.region}) check(o.at, *text);
  out_.observations.push_back(std::move(o));
  return out_.observations.back();
}

void reader_context::unresolved(artifact_position at, std::string why) {
  check(at, why);
  out_.unresolved.push_back({std::move(at), std::move(why)});
}

void reader_context::refuse(artifact_position at, const char* code, std::string message,
                            std::string help) {
  if (bag_ == nullptr) {
    // A config embedded in a string: its enclosing reader places what is reported.
    unresolved(std::move(at), std::move(message));
    return;
  }
  if (!check(at, message)) return;
  if (at.file == file_.name()) {
    const std::uint32_t offset = file_.offset_of(at.where);
    const std::string& all = file_.text();
    const std::size_t eol = std::min(all.find('\n', offset), all.size());
    const auto end = static_cast<std::uint32_t>(
        std::max<std::size_t>(offset + 1, std::min<std::size_t>(offset + at.text.size(), eol)));
    bag_->report(diagnostic_severity::error, code, std::move(message), &file_, {offset, end},
                 std::move(help));
  } else {
    diagnostic d;
    d.code = code;
    d.message = std::move(message);
    d.file = at.file;
    d.where = d.end = at.where;
    d.help = std::move(help);
    bag_->add(std::move(d));
  }
  failed_ = true;
}

}  // namespace detail

namespace {

using detail::yaml_node;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The `# Source: chart/templates/x.yaml` comment Helm writes before each rendered document,
// by the byte offset where it starts; a document belongs to the last one before it.
std::vector<std::pair<std::uint32_t, std::string>> helm_sources(const std::string& text) {
  std::vector<std::pair<std::uint32_t, std::string>> out;
  static constexpr std::string_view marker = "# Source: ";
  std::size_t pos = 0;
  while ((pos = text.find(marker, pos)) != std::string::npos) {
    if (pos == 0 || text[pos - 1] == '\n') {
      auto end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string name = text.substr(pos + marker.size(), end - pos - marker.size());
      while (!name.empty() && (name.back() == '\r' || name.back() == ' ')) name.pop_back();
      out.emplace_back(static_cast<std::uint32_t>(pos), std::move(name));
    }
    pos += marker.size();
  }
  return out;
}

}  // namespace

// YAML's merge key (`<<: *defaults`, `<<: [*a, *b]`), which compose files (`x-` extension
// fields), LiteLLM configs and some charts use to share settings: the merged mappings' entries
// are added where the mapping does not set the key itself, an earlier merged mapping winning
// over a later one. Entries are moved, not copied: the aliases that brought them were counted
// by the parser.
void detail::merge_keys(yaml_node& n) {
  for (auto& item : n.items) merge_keys(item);
  auto merge_key = [](const yaml_node& key) {
    return key.k == yaml_node::kind::scalar && key.plain && key.text == "<<";
  };
  if (n.k != yaml_node::kind::mapping) return;
  bool any = false;
  for (std::size_t i = 0; i < n.items.size(); i += 2) any = any || merge_key(n.items[i]);
  if (!any) return;
  std::vector<yaml_node> kept;
  std::vector<yaml_node> sources;
  for (std::size_t i = 0; i + 1 < n.items.size(); i += 2) {
    yaml_node& key = n.items[i];
    yaml_node& value = n.items[i + 1];
    if (merge_key(key)) {
      if (value.k == yaml_node::kind::mapping) sources.push_back(std::move(value));
      if (value.k == yaml_node::kind::sequence) {
        for (auto& m : value.items) {
          if (m.k == yaml_node::kind::mapping) sources.push_back(std::move(m));
        }
      }
      continue;
    }
    kept.push_back(std::move(key));
    kept.push_back(std::move(value));
  }
  auto has = [&](const yaml_node& key) {
    for (std::size_t i = 0; i < kept.size(); i += 2) {
      if (kept[i].k == yaml_node::kind::scalar && kept[i].text == key.text) return true;
    }
    return false;
  };
  for (auto& source : sources) {
    for (std::size_t i = 0; i + 1 < source.items.size(); i += 2) {
      if (source.items[i].k != yaml_node::kind::scalar || has(source.items[i])) continue;
      kept.push_back(std::move(source.items[i]));
      kept.push_back(std::move(source.items[i + 1]));
    }
  }
  n.items = std::move(kept);
}

namespace {

struct parsed_file {
  source_ptr source;
  std::string root;  ///< The artifact folder it was found in; empty when read from memory.
  artifact_kind kind = artifact_kind::ignored;
  std::vector<yaml_node> documents;
};

bool is_dotenv(std::string_view name) {
  return name == ".env" || name.starts_with(".env.") || ends_with(name, ".env");
}

// The kind of a parsed YAML or JSON file, by its content.
artifact_kind kind_of(const std::vector<yaml_node>& docs, std::string_view name) {
  bool kubernetes = false;
  for (const auto& d : docs) {
    if (d.k != yaml_node::kind::mapping) continue;
    if (d.find("apiVersion") != nullptr && d.find("kind") != nullptr) kubernetes = true;
    if (d.find("planned_values") != nullptr ||
        (d.find("format_version") != nullptr && d.find("terraform_version") != nullptr)) {
      return artifact_kind::terraform_plan;
    }
    if (d.find("model_list") != nullptr) return artifact_kind::litellm;
    const yaml_node* services = d.find("services");
    if (services != nullptr && services->k == yaml_node::kind::mapping &&
        (name.find("compose") != std::string_view::npos || d.find("version") != nullptr ||
         d.find("volumes") != nullptr || d.find("networks") != nullptr ||
         (services->size() > 0 && services->value(0).find("image") != nullptr))) {
      return artifact_kind::compose;
    }
  }
  return kubernetes ? artifact_kind::kubernetes : artifact_kind::ignored;
}

// Diagnostics of the shared YAML reader say `profile.*`; for an artifact they say `artifact.*`.
void move_diagnostics(diagnostic_bag& from, diagnostic_bag& to) {
  for (auto d : from.items()) {
    if (d.code.starts_with("profile.")) d.code = "artifact." + d.code.substr(8);
    to.add(std::move(d));
  }
}

bool parse(const source_ptr& source, parsed_file& out, diagnostic_bag& bag,
           const profile_limits& limits) {
  out.source = source;
  const std::string name = std::filesystem::path(source->name()).filename().string();
  if (is_dotenv(name)) {
    out.kind = artifact_kind::dotenv;
    return true;
  }
  const std::string ext = lower(std::filesystem::path(name).extension().string());
  if (ext != ".yaml" && ext != ".yml" && ext != ".json") return true;  // ignored
  diagnostic_bag local;
  const bool ok = detail::parse_yaml_documents(
      *source, local, limits, [&](const yaml_node& doc) {
        if (doc.k == yaml_node::kind::null) return;
        out.documents.push_back(doc);
        detail::merge_keys(out.documents.back());
      });
  move_diagnostics(local, bag);
  if (!ok) return false;
  out.kind = kind_of(out.documents, name);
  if (out.kind == artifact_kind::ignored) out.documents.clear();
  return true;
}

std::string text_of(const yaml_node* n) { return detail::scalar_text(n); }

// The `# Source:` comment that names the Helm template of the document at `offset`: the last
// one before it, or null.
const std::pair<std::uint32_t, std::string>* source_comment(
    const std::vector<std::pair<std::uint32_t, std::string>>& sources, std::uint32_t offset) {
  const std::pair<std::uint32_t, std::string>* found = nullptr;
  for (const auto& s : sources) {
    if (s.first > offset) break;
    found = &s;
  }
  return found;
}

std::string origin_of(const std::vector<std::pair<std::uint32_t, std::string>>& sources,
                      std::uint32_t offset) {
  const auto* comment = source_comment(sources, offset);
  return comment != nullptr ? comment->second : std::string();
}

// ConfigMaps of every Kubernetes document, by `namespace/name`, for envFrom and valueFrom.
void collect_config_maps(const parsed_file& f, detail::config_maps& out) {
  const auto sources = helm_sources(f.source->text());
  for (const auto& d : f.documents) {
    if (text_of(d.find("kind")) != "ConfigMap") continue;
    const yaml_node* meta = d.find("metadata");
    const yaml_node* data = d.find("data");
    if (meta == nullptr || data == nullptr || data->k != yaml_node::kind::mapping) continue;
    std::string ns = text_of(meta->find("namespace"));
    if (ns.empty()) ns = "default";
    const std::string name = text_of(meta->find("name"));
    out.push_back({ns + "/" + name, data, "ConfigMap/" + ns + "/" + name,
                   origin_of(sources, d.offset), f.source.get()});
  }
}

// Reads one parsed file into `out`; false when a value it reports was refused (in `bag`).
bool read_parsed(const parsed_file& f, artifact_set& out, const profile_limits& limits,
                 const detail::config_maps& config, const std::vector<std::string>& env_files,
                 diagnostic_bag& bag) {
  artifact_file file;
  file.file = f.source->name();
  file.kind = f.kind;
  detail::reader_context ctx(*f.source, out, &bag);
  switch (f.kind) {
    case artifact_kind::kubernetes: {
      const auto sources = helm_sources(f.source->text());
      for (const auto& d : f.documents) {
        const auto* comment = source_comment(sources, d.offset);
        ctx.enter({}, comment ? comment->second : std::string(),
                  comment ? comment->first + 10 : d.offset);  // past `# Source: `
        detail::read_kubernetes_document(ctx, d, file, config);
        // A LiteLLM config carried as a ConfigMap value.
        if (text_of(d.find("kind")) == "ConfigMap") {
          if (const yaml_node* data = d.find("data"); data && data->k == yaml_node::kind::mapping) {
            for (std::size_t i = 0; i < data->size(); ++i) {
              const yaml_node& v = data->value(i);
              if (v.k == yaml_node::kind::scalar && v.text.find("model_list") != std::string::npos) {
                detail::read_embedded_litellm(ctx, v, limits);
              }
            }
          }
        }
      }
      break;
    }
    case artifact_kind::compose: {
      const detail::artifact_folder folder{f.root, limits};
      for (const auto& d : f.documents) detail::read_compose(ctx, d, file, folder);
      break;
    }
    case artifact_kind::litellm:
      for (const auto& d : f.documents) detail::read_litellm(ctx, d, file);
      break;
    case artifact_kind::terraform_plan:
      for (const auto& d : f.documents) detail::read_terraform_plan(ctx, d, file);
      break;
    case artifact_kind::dotenv: {
      // An `env_file` of a compose service in the input is read through that service, where
      // `environment:` may override it; on its own it would claim what the service overrides.
      std::error_code ec;
      const std::string real = std::filesystem::canonical(f.source->name(), ec).string();
      const bool used = !f.root.empty() && !ec &&
                        std::find(env_files.begin(), env_files.end(), real) != env_files.end();
      if (!used) detail::read_dotenv(ctx, file);
      break;
    }
    case artifact_kind::ignored:
      break;
  }
  out.files.push_back(std::move(file));
  return !ctx.failed();
}

std::optional<artifact_set> read_sources(const std::vector<source_ptr>& sources,
                                         const std::vector<std::string>& roots,
                                         diagnostic_bag& bag, const profile_limits& limits) {
  std::vector<parsed_file> parsed(sources.size());
  bool ok = true;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    ok = parse(sources[i], parsed[i], bag, limits) && ok;
    parsed[i].root = i < roots.size() ? roots[i] : std::string();
  }
  if (!ok) return std::nullopt;
  detail::config_maps config;
  for (const auto& f : parsed) {
    if (f.kind == artifact_kind::kubernetes) collect_config_maps(f, config);
  }
  artifact_set out;
  std::vector<std::string> env_files;
  for (const auto& f : parsed) {
    if (f.kind != artifact_kind::compose) continue;
    for (const auto& d : f.documents) detail::env_files_used(d, f.source->name(), f.root, env_files);
  }
  for (const auto& f : parsed) ok = read_parsed(f, out, limits, config, env_files, bag) && ok;
  if (!ok) return std::nullopt;
  return out;
}

// The files under `path`: itself, or a folder's files in name order, hidden folders skipped;
// with each, the artifact folder it belongs to (`path` itself, or a file's own folder).
// A symbolic link in the folder that leads out of it is listed in `outside`, not read: what a
// repository links to elsewhere on the machine is not part of its deployment.
void list_files(const std::string& path, std::vector<std::string>& out,
                std::vector<std::string>& roots, std::vector<std::string>& outside,
                diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out.push_back(path);
    const std::string parent = fs::path(path).parent_path().string();
    roots.push_back(parent.empty() ? "." : parent);
    return;
  }
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
  if (ec) {
    bag.error("io.read", "cannot read folder: " + ec.message(), path);
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      bag.error("io.read", "cannot read folder: " + ec.message(), path);
      return;
    }
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (name.starts_with(".")) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    // Reports name every artifact: a name no report may carry fails the read, as a value does.
    if (detail::unprintable_at(it->path().string(), false)) {
      bag.error("artifact.control_character",
                "a file name holds a control character, a line separator or invalid UTF-8",
                it->path().string(), "rename the file");
      continue;
    }
    if (it->is_symlink(ec)) {
      const fs::path real = fs::canonical(it->path(), ec);
      const fs::path folder = fs::canonical(path, ec);
      const std::string r = real.string(), f = folder.string();
      if (ec || !(r.size() > f.size() && r.starts_with(f) && r[f.size()] == '/')) {
        outside.push_back(it->path().string());
        continue;
      }
    }
    found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  roots.insert(roots.end(), found.size(), path);
}

}  // namespace

std::optional<artifact_set> read_artifacts(const std::vector<std::string>& paths,
                                           diagnostic_bag& bag, const profile_limits& limits) {
  std::vector<std::string> files;
  std::vector<std::string> roots;
  std::vector<std::string> outside;
  for (const auto& p : paths) list_files(p, files, roots, outside, bag);
  if (bag.has_errors()) return std::nullopt;
  std::vector<source_ptr> sources;
  std::vector<std::string> source_roots;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& f = files[i];
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (!ec && size > limits.max_file_bytes) {
      bag.error("artifact.limit",
                "the file is " + std::to_string(size) + " bytes, more than the limit of " +
                    std::to_string(limits.max_file_bytes),
                f);
      continue;
    }
    std::string why;
    auto source = read_source_file(f, why, limits.max_file_bytes);
    if (!source) {
      bag.error("io.read", "cannot read artifact: " + why, f);
      continue;
    }
    sources.push_back(std::move(source));
    source_roots.push_back(roots[i]);
  }
  if (bag.has_errors()) return std::nullopt;
  auto set = read_sources(sources, source_roots, bag, limits);
  if (set) {
    for (const auto& f : outside) {
      artifact_position at;
      at.file = f;
      set->unresolved.push_back(
          {std::move(at), "a symbolic link that leads out of the folder: not read"});
    }
  }
  return set;
}

bool read_artifact(const source_ptr& source, artifact_set& out, diagnostic_bag& bag,
                   const profile_limits& limits) {
  // Held in memory: no folder, so nothing it refers to is read from disk.
  auto set = read_sources({source}, {}, bag, limits);
  if (!set) return false;
  for (auto& f : set->files) out.files.push_back(std::move(f));
  for (auto& o : set->observations) out.observations.push_back(std::move(o));
  for (auto& u : set->unresolved) out.unresolved.push_back(std::move(u));
  return true;
}

}  // namespace lexgate
