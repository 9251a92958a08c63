// Rule-test cases: a profile, an as-of date and the findings and verdicts expected
// (layer: evaluate). `lexgate test` and the test suite run them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/library.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

struct case_result {
  std::string name;  ///< The case's `case:` name.
  std::string file;
  bool passed = false;
  std::vector<std::string> failures;  ///< One sentence per unmet expectation.
};

/// Loads one case file (YAML; see docs/testing.md), evaluates its profile and compares.
/// A malformed case file or profile is reported to `bag` (`case.*`, `profile.*`) and yields
/// nothing: an unreadable case never passes.
std::optional<case_result> run_case(const library& rules, const source_ptr& case_file,
                                    diagnostic_bag& bag);

/// The `*.yaml` case files named by `paths` (files, or directories searched recursively),
/// sorted. A path that does not exist is an `io.*` error.
std::vector<std::string> find_case_files(const std::vector<std::string>& paths,
                                         diagnostic_bag& bag);

}  // namespace lexgate
