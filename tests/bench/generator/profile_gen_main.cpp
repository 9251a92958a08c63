// lexgate_profile_gen: writes generated profiles as YAML files, a JSON array and JSON Lines.
//   lexgate_profile_gen --count N [--seed S] [--yaml-dir DIR] [--jsonl FILE] [--json FILE]
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "generator/profile_generator.hpp"

namespace {

int usage() {
  std::cerr << "usage: lexgate_profile_gen --count N [--seed S] [--yaml-dir DIR] [--jsonl FILE]"
               " [--json FILE]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 0;
  std::uint64_t seed = 42;
  std::string yaml_dir;
  std::string jsonl;
  std::string json;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    if (a == "--count") {
      count = std::strtoull(v.c_str(), nullptr, 10);
    } else if (a == "--seed") {
      seed = std::strtoull(v.c_str(), nullptr, 10);
    } else if (a == "--yaml-dir") {
      yaml_dir = v;
    } else if (a == "--jsonl") {
      jsonl = v;
    } else if (a == "--json") {
      json = v;
    } else {
      return usage();
    }
  }
  if (count == 0 || (yaml_dir.empty() && jsonl.empty() && json.empty())) return usage();

  if (!yaml_dir.empty()) std::filesystem::create_directories(yaml_dir);
  std::ofstream lines;
  if (!jsonl.empty()) lines.open(jsonl, std::ios::binary);
  std::ofstream array;
  if (!json.empty()) {
    array.open(json, std::ios::binary);
    array << "[\n";
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto p = lexgate::bench::generate_profile(seed, i);
    if (!yaml_dir.empty()) {
      char name[32];
      std::snprintf(name, sizeof name, "p%06llu.yaml", static_cast<unsigned long long>(i));
      std::ofstream(std::filesystem::path(yaml_dir) / name, std::ios::binary)
          << lexgate::bench::to_yaml(p);
    }
    if (lines.is_open()) lines << p.dump() << '\n';
    if (array.is_open()) array << (i ? ",\n" : "") << p.dump();
  }
  if (array.is_open()) array << "\n]\n";
  if ((lines.is_open() && !lines) || (array.is_open() && !array)) {
    std::cerr << "lexgate_profile_gen: write failed\n";
    return 2;
  }
  return 0;
}
