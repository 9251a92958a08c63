// Test helpers: build a library and a profile from text, run the `lexgate` binary.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::testing {

/// A small schema and jurisdiction table shared by the engine tests.
extern const char* const kTestSchema;

/// Builds a library from (file name, text) pairs; diagnostics land in `bag`.
std::optional<library> library_from(const std::vector<std::pair<std::string, std::string>>& files,
                                    diagnostic_bag& bag);
/// Builds a library from the test schema plus one rule file; fails the test on errors.
library library_with(const std::string& rules);
/// The diagnostics a library with the test schema plus `rules` produces.
std::vector<diagnostic> library_errors(const std::string& rules);

/// Loads a profile from text against `rules`' schema; fails the test on errors.
profile profile_from(const library& rules, const std::string& yaml);

/// Evaluates `yaml` at `as_of` and returns the report.
report check(const library& rules, const std::string& yaml, const std::string& as_of);

/// The finding for `rule` in `market`, or nullptr.
const finding* find(const report& r, const std::string& market, const std::string& rule);
const market_report* market(const report& r, const std::string& code);

struct run_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs the built `lexgate` with `arguments` (shell-quoted for you) from the source tree, with
/// `environment` added to its environment.
run_result run_lexgate(const std::vector<std::string>& arguments, const std::string& input = "",
                       const std::vector<std::pair<std::string, std::string>>& environment = {});

/// A temporary directory, removed with everything in it when the object goes.
class scratch_dir {
 public:
  scratch_dir();
  ~scratch_dir();
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  /// Writes `text` to `name` inside the directory and returns the file's full path.
  std::string write(const std::string& name, const std::string& text) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The whole content of a file, byte for byte; empty when it cannot be read.
std::string slurp(const std::filesystem::path& p);

/// A file path under the source tree.
std::string source_path(const std::string& relative);

/// A one-regime rule library for command-line tests: CN's `t.gate` (AU is declared too), whose
/// rule `filed` blocks a profile unless `compliance.filing` is `completed`. `message` is the
/// rule's message as written between the quotes of a rule file (escapes such as `\n` included).
std::string gate_rules(std::string_view message = "file it");

/// The gate with a second rule, for the verdict and exit-code tables: in CN's `t.gate`, `filed`
/// (block, `compliance.filing` must be `completed`) and `labeled` (warn, `compliance.labeling`
/// must hold). AU and JP are declared and covered by no regime.
std::string block_and_warn_rules();

}  // namespace lexgate::testing
