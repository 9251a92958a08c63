// Building a library: parse every file, check them together, compile the program (layer: compile).
#include "lexgate/library.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "check/check.hpp"
#include "compile/program.hpp"
#include "embedded_rules.hpp"
#include "lexgate/parse.hpp"
#include "source/path_inside.hpp"

namespace lexgate {

namespace {

// SHA-256 over each file's path and text, length-prefixed so no two libraries hash alike.
std::string digest_of(const std::vector<source_ptr>& files) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_sha256(), nullptr);
  for (const auto& f : files) {
    for (const std::string* part : {&f->name(), &f->text()}) {
      const std::string length = std::to_string(part->size()) + ":";
      EVP_DigestUpdate(context, length.data(), length.size());
      EVP_DigestUpdate(context, part->data(), part->size());
    }
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context, hash, &size);
  EVP_MD_CTX_free(context);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 15];
  }
  return out;
}

// A condition's text as written, each line after the first without its indentation.
std::string stated_text(const source_file& file, span where) {
  const std::string text = file.text().substr(where.begin, where.end - where.begin);
  std::string out;
  bool line_start = false;
  for (const char c : text) {
    if (line_start && (c == ' ' || c == '\t' || c == '\r')) continue;
    line_start = c == '\n';
    if (c != '\r') out += c;
  }
  return out;
}

// The `when` and `require` text of every invariant, by id (ids are unique once checked).
std::map<std::string, invariant_conditions> invariant_texts(
    const std::vector<ast::rule_file>& files) {
  std::map<std::string, invariant_conditions> out;
  for (const auto& f : files) {
    for (const auto& v : f.invariants) {
      invariant_conditions& c = out[v.id.value];
      if (v.when) c.when = stated_text(*f.source, v.when->text);
      if (v.requirement) c.require = stated_text(*f.source, v.requirement->text);
    }
  }
  return out;
}

}  // namespace

const schema& library::profile_schema() const {
  return program_->schema;
}
const std::vector<regime_info>& library::regimes() const {
  return program_->regime_infos.of(program_->regimes);
}
const std::string& library::name() const {
  return program_->name;
}
const std::string& library::digest() const {
  return program_->digest;
}

const rule_info* library::find_rule(std::string_view id) const {
  for (const auto& r : regimes()) {
    for (const auto& rule : r.rules) {
      if (rule.id == id) return &rule;
    }
  }
  return nullptr;
}

const std::vector<invariant_info>& library::invariants() const {
  return program_->invariant_infos;
}

const invariant_info* library::find_invariant(std::string_view id) const {
  for (const auto& v : program_->invariant_infos) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

const invariant_conditions* library::find_invariant_conditions(std::string_view id) const {
  for (std::size_t i = 0; i < program_->invariant_infos.size(); ++i) {
    if (program_->invariant_infos[i].id == id) return &program_->invariant_texts[i];
  }
  return nullptr;
}

std::size_t library::rule_count() const {
  return program_->rules.size();
}

std::vector<std::string> library::rule_ids() const {
  std::vector<std::string> ids;
  ids.reserve(program_->rules.size());
  for (const auto& rule : program_->rules) ids.emplace_back(rule.info.id);
  return ids;
}

std::optional<library> load_library(const std::vector<source_ptr>& files, diagnostic_bag& bag,
                                    std::string name) {
  std::vector<source_ptr> sorted = files;
  std::sort(sorted.begin(), sorted.end(),
            [](const source_ptr& a, const source_ptr& b) { return a->name() < b->name(); });
  std::vector<ast::rule_file> parsed;
  for (const auto& f : sorted) {
    if (auto file = parse_rules(f, bag)) parsed.push_back(std::move(*file));
  }
  if (bag.has_errors()) return std::nullopt;
  auto checked = detail::check_library(parsed, bag);
  if (!checked) return std::nullopt;

  auto program = std::make_shared<detail::program>();
  program->name = std::move(name);
  program->digest = digest_of(sorted);
  program->schema = std::move(checked->schema);
  detail::compile_program(*program, std::move(checked->regimes), std::move(checked->invariants),
                          invariant_texts(parsed));
  return library(std::move(program));
}

std::vector<source_ptr> standard_library_sources() {
  std::vector<source_ptr> out;
  for (const auto& f : detail::embedded_rule_files()) {
    out.push_back(std::make_shared<const source_file>(std::string(f.path), std::string(f.text)));
  }
  return out;
}

namespace {

// The `.rules` files under one directory, or errors: every entry named `*.rules` must be a
// readable regular file inside the directory. A dangling link, a link loop, a FIFO or a link
// that leaves the folder would otherwise be skipped or followed silently, and a smaller (or
// foreign) library would pass what the full one blocks.
void collect_rule_files(const std::string& dir, std::vector<std::string>& paths,
                        diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec) {
    bag.error("io.rules_dir", "cannot read `" + dir + "`: " + ec.message(), dir);
    return;
  }
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::error_code link_ec;
    const bool link = it->is_symlink(link_ec);
    if (link) {
      std::error_code resolve_ec;
      const fs::path target = fs::canonical(path, resolve_ec);
      const bool relevant = path.extension() == ".rules" || fs::is_directory(target, resolve_ec);
      if (!resolve_ec && relevant && !detail::path_inside(root, target)) {
        bag.error("io.rules_symlink",
                  "`" + path.string() + "` is a symbolic link that leaves `" + dir + "`", dir,
                  "links inside a rule folder are followed only within it; copy the file in");
        continue;
      }
    }
    if (path.extension() != ".rules") continue;
    std::error_code type_ec;
    const auto status = fs::status(path, type_ec);
    if (type_ec || !fs::exists(status)) {
      bag.error("io.read",
                "cannot read rule file: " +
                    (type_ec ? type_ec.message() : std::string("a symbolic link to nothing")),
                path.string());
      continue;
    }
    if (fs::is_directory(status)) continue;
    if (!fs::is_regular_file(status)) {
      bag.error("io.read", "cannot read rule file: not a regular file", path.string(),
                "a rule file is a plain file; FIFOs, devices and sockets are refused");
      continue;
    }
    paths.push_back(path.string());
  }
  if (ec) bag.error("io.rules_dir", "cannot read `" + dir + "`: " + ec.message(), dir);
}

}  // namespace

std::vector<source_ptr> read_rule_directories(const std::vector<std::string>& directories,
                                              diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::vector<source_ptr> out;
  for (const auto& dir : directories) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      bag.error("io.rules_dir", "`" + dir + "` is not a directory", dir,
                "--rules takes a directory of `.rules` files");
      continue;
    }
    std::vector<std::string> paths;
    const std::size_t errors = bag.error_count();
    collect_rule_files(dir, paths, bag);
    if (bag.error_count() != errors) continue;
    if (paths.empty()) {
      bag.error("io.rules_dir", "`" + dir + "` holds no `.rules` file", dir);
      continue;
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::string why;
      if (auto f = read_source_file(p, why)) {
        out.push_back(std::move(f));
      } else {
        bag.error("io.read", "cannot read rule file: " + why, p);
      }
    }
  }
  return out;
}

const char* version() {
  return LEXGATE_VERSION;
}

}  // namespace lexgate
