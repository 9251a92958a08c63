// Which subcommands `lexgate` builds for one run. Every command adds dozens of options, each
// checked against the others by CLI11, and that set-up costs more than the rest of a quick
// `lexgate check`. When the arguments can only run one command, that command alone is built;
// otherwise (help, version, an unknown word, another command's name anywhere) all are, exactly
// as before, so every help screen and every usage error is the one CLI11 gives with all of them.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "commands/commands.hpp"
#include "lexgate/diagnostic.hpp"

namespace lexgate::cli {

namespace {

struct command {
  std::string_view name;  ///< As the command's `add_*_command` names its subcommand.
  void (*add)(CLI::App&, exit_code&);
};

// In the order `lexgate --help` lists them.
constexpr std::array<command, 8> kCommands{{
    {"check", add_check_command},
    {"lint", add_lint_command},
    {"list", add_list_command},
    {"explain", add_explain_command},
    {"test", add_test_command},
    {"scan", add_scan_command},
    {"plan", add_plan_command},
    {"derive", add_derive_command},
}};

const command* named(std::string_view word) {
  for (const auto& c : kCommands) {
    if (c.name == word) return &c;
  }
  return nullptr;
}

// The top-level options that take no value, each spelt as main() declares it.
bool top_level_flag(std::string_view word) {
  return word == "-v" || word == "--verbose" || word == "-q" || word == "--quiet";
}

// The command the arguments run when nothing else can be meant: only top-level flags before a
// command's exact name, and no command's name after it (CLI11 would treat one as a word to
// match against the other commands). Anything else is left to CLI11 with every command built.
const command* sole_command(int argc, const char* const* argv) {
  int i = 1;
  while (i < argc && top_level_flag(argv[i])) ++i;
  if (i >= argc) return nullptr;
  const command* chosen = named(argv[i]);
  if (chosen == nullptr) return nullptr;
  for (int j = i + 1; j < argc; ++j) {
    if (named(argv[j]) != nullptr) return nullptr;
  }
  return chosen;
}

}  // namespace

std::string unknown_command(int argc, const char* const* argv) {
  int i = 1;
  while (i < argc && top_level_flag(argv[i])) ++i;
  if (i >= argc) return {};
  const std::string_view word = argv[i];
  if (word.empty() || word.front() == '-' || named(word) != nullptr) return {};
  std::vector<std::string> names;
  for (const auto& c : kCommands) names.emplace_back(c.name);
  const auto near = nearest_name(std::string(word), names);
  std::string all;
  for (const auto& c : kCommands) all += (all.empty() ? "`" : ", `") + std::string(c.name) + "`";
  return "error[usage]: `" + printable(word) + "` is not a lexgate command\n  = help: " +
         (near ? "did you mean `" + *near + "`?"
               : "the commands are " + all + "; `lexgate --help` describes them") +
         "\n";
}

void add_commands(CLI::App& app, exit_code& result, int argc, const char* const* argv) {
  if (const command* only = sole_command(argc, argv)) {
    only->add(app, result);
    return;
  }
  for (const auto& c : kCommands) c.add(app, result);
}

}  // namespace lexgate::cli
