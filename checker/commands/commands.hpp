// The `lexgate` subcommands. Each adds itself to the CLI11 app and sets `result` when run.
#pragma once

#include <string>

#include "commands/common.hpp"

// Declared only: the files that add options include CLI11 (commands/shared_options.hpp), and
// every file including it constructs CLI11's validator objects at every start.
namespace CLI {
class App;
}  // namespace CLI

namespace lexgate::cli {

void add_check_command(CLI::App& app, exit_code& result);
void add_lint_command(CLI::App& app, exit_code& result);
void add_list_command(CLI::App& app, exit_code& result);
void add_explain_command(CLI::App& app, exit_code& result);
void add_test_command(CLI::App& app, exit_code& result);
void add_scan_command(CLI::App& app, exit_code& result);
void add_plan_command(CLI::App& app, exit_code& result);
void add_derive_command(CLI::App& app, exit_code& result);

/// Every command above, in the order `lexgate --help` lists them; or, when the arguments can
/// only run one of them, that one alone (command_set.cpp): what the user sees is the same.
void add_commands(CLI::App& app, exit_code& result, int argc, const char* const* argv);

/// When the first word after the top-level flags is not a command (`lexgate chek p.yaml`): the
/// usage error to print, naming the command probably meant. Empty otherwise.
std::string unknown_command(int argc, const char* const* argv);

}  // namespace lexgate::cli
