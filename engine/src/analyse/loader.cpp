// Finding and loading the solver module (layer: analyse). Looked for, in order: the file named
// by LEXGATE_ANALYSE_MODULE; `../lib/` and `../lib/lexgate/` beside the running program.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "analyse/module_abi.hpp"

namespace lexgate {

namespace {

std::vector<std::string> candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("LEXGATE_ANALYSE_MODULE"); env != nullptr && *env != '\0') {
    out.emplace_back(env);
    return out;
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto dir = exe.parent_path();
    out.push_back((dir / ".." / "lib" / analyse::module_file_name).lexically_normal().string());
    out.push_back(
        (dir / ".." / "lib" / "lexgate" / analyse::module_file_name).lexically_normal().string());
  }
  return out;
}

const analyse::module_entry* load_module(diagnostic_bag& bag) {
  std::string tried;
  for (const auto& path : candidates()) {
    // The handle is never closed: the module stays for the life of the process.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      tried += "\n    " + path + ": " + dlerror();
      continue;
    }
    using entry_fn = const analyse::module_entry* (*)();
    auto fn = reinterpret_cast<entry_fn>(dlsym(handle, analyse::module_entry_symbol));
    if (fn == nullptr) {
      tried += "\n    " + path + ": no entry point";
      continue;
    }
    const analyse::module_entry* entry = fn();
    if (std::strcmp(entry->version, version()) != 0 ||
        entry->layout != analyse::layout_fingerprint) {
      tried += "\n    " + path + ": built for another build of lexgate (" + entry->version + ")";
      continue;
    }
    return entry;
  }
  bag.error("plan.module",
            "cannot load the solver module " + std::string(analyse::module_file_name) + ":" + tried,
            {},
            "install lexgate with its lib/ folder, or set LEXGATE_ANALYSE_MODULE to the module");
  return nullptr;
}

}  // namespace

std::optional<plan_report> plan_deployment(const library& rules, const profile& facts,
                                           const plan_options& options, diagnostic_bag& bag) {
  const analyse::module_entry* entry = load_module(bag);
  if (entry == nullptr) return std::nullopt;
  return entry->plan(rules, facts, options, bag);
}

}  // namespace lexgate
