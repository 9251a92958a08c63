// The `lexgate` command line: arguments, logging, and the exit code (design §7).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "commands/commands.hpp"
#include "commands/printable_log.hpp"

int main(int argc, char** argv) {
  using lexgate::cli::exit_code;
  CLI::App app{
      "lexgate — checks an AI product's deployment against the regulations of every "
      "market it ships to"};
  app.set_version_flag("--version", std::string("lexgate ") + lexgate::version());
  app.require_subcommand(1);
  bool verbose = false;
  bool quiet = false;
  app.add_flag("--verbose,-v", verbose, "Log what lexgate does to stderr");
  app.add_flag("--quiet,-q", quiet, "Log only errors");
  exit_code result = exit_code::error;
  // CLI11 takes an unknown first word for an argument and asks for a subcommand; say instead
  // which command was probably meant.
  if (const std::string unknown = lexgate::cli::unknown_command(argc, argv); !unknown.empty()) {
    std::cerr << unknown;
    return static_cast<int>(exit_code::error);
  }
  lexgate::cli::add_commands(app, result, argc, argv);
  app.parse_complete_callback([&] {
    // Logs go to stderr, never into a report on stdout.
    auto logger = spdlog::stderr_color_mt("lexgate");
    logger->set_formatter(std::make_unique<lexgate::cli::printable_formatter>("lexgate: %l: %v"));
    logger->set_level(verbose ? spdlog::level::debug
                      : quiet ? spdlog::level::err
                              : spdlog::level::warn);
    spdlog::set_default_logger(logger);
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors exit 2 (design §7); --help and --version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(exit_code::error);
  } catch (const std::exception& e) {
    std::cerr << "lexgate: internal error: " << e.what() << "\n";
    return static_cast<int>(exit_code::error);
  }
  // Every command's output is checked once it is all written: a report lost to a full disk or
  // a closed pipe is an error, never a pass.
  std::cout.flush();
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout) {
    std::cerr << "error[io.write]: cannot write to standard output\n";
    return static_cast<int>(exit_code::error);
  }
  return static_cast<int>(result);
}
