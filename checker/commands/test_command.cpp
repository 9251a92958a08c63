// `lexgate test`: run rule-test cases against the rule library.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "commands/commands.hpp"
#include "commands/shared_options.hpp"
#include "lexgate/cases.hpp"

namespace lexgate::cli {

void add_test_command(CLI::App& app, exit_code& result) {
  struct options {
    std::vector<std::string> cases;
    std::vector<std::string> rule_dirs;
    std::vector<std::string> add_dirs;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("test", "Run rule-test cases (default: fixtures/cases)");
  cmd->add_option("cases", o->cases, "Case files or directories of them");
  cmd->add_option("--rules", o->rule_dirs, "Rule library directory (repeatable)");
  add_overlay_option(*cmd, o->add_dirs);
  cmd->callback([o, &result] {
    auto rules = load_rules(o->rule_dirs, o->add_dirs);
    if (!rules) {
      result = exit_code::error;
      return;
    }
    std::vector<std::string> paths = o->cases;
    if (paths.empty()) paths.push_back("fixtures/cases");
    diagnostic_bag bag;
    const auto files = find_case_files(paths, bag);
    if (files.empty() && !bag.has_errors()) bag.error("io.cases", "no case files found");
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::map<std::string, std::string> names;  // case name → the file that first used it
    for (const auto& path : files) {
      std::string why;
      auto source = read_source_file(path, why);
      if (!source) {
        bag.error("io.read", "cannot read case: " + why, path);
        continue;
      }
      diagnostic_bag case_bag;
      auto r = run_case(*rules, source, case_bag);
      for (const auto& d : case_bag.items()) bag.add(d);
      if (!r) {
        ++failed;
        std::cout << "ERROR " << printable(path) << "\n";
        continue;
      }
      // Two cases of one name make a report where one hides the other's result.
      if (auto [it, fresh] = names.emplace(r->name, path); !fresh) {
        bag.error("case.duplicate_name",
                  "case `" + r->name + "` is also the name of a case in " + it->second, path,
                  "give every case its own name");
      }
      if (r->passed) {
        ++passed;
        std::cout << "ok    " << printable(r->name) << "\n";
      } else {
        ++failed;
        std::cout << "FAIL  " << printable(r->name) << "  (" << printable(r->file) << ")\n";
        for (const auto& f : r->failures) std::cout << "        " << printable(f) << "\n";
      }
    }
    print_diagnostics(bag);
    std::cout << passed << " passed, " << failed << " failed\n";
    if (bag.has_errors()) {
      result = exit_code::error;
    } else {
      result = failed == 0 ? exit_code::clear : exit_code::findings;
    }
  });
}

}  // namespace lexgate::cli
