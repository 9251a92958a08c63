// Options several commands add the same way. Only the files that add options include CLI11:
// each file that does constructs CLI11's validator objects at every start.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace lexgate::cli {

/// Adds `--add-rules DIR` (repeatable) to a command that loads rules.
inline void add_overlay_option(CLI::App& command, std::vector<std::string>& add_dirs) {
  command.add_option("--add-rules", add_dirs,
                     "Rule files (*.rules) in DIR on top of the standard library or --rules "
                     "(repeatable); `extend schema { ... }` may add attributes");
}

/// Checks that `--as-of` was given a value: `--as-of ""` (an unset variable in a CI script)
/// must not silently mean today.
inline CLI::Validator non_empty_date() {
  return CLI::Validator(
      [](std::string& text) {
        return text.empty() ? std::string("an empty date; give a day as YYYY-MM-DD")
                            : std::string();
      },
      "DATE");
}

}  // namespace lexgate::cli
