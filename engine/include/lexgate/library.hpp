// Rule libraries: parse, check and compile rule files into an immutable, shareable library
// (layer: compile). A library is built once and read by any number of threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/rule_info.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

namespace detail {
struct program;
}

/// A checked and compiled rule library. Cheap to copy; immutable; safe to share across threads.
class library {
 public:
  explicit library(std::shared_ptr<const detail::program> program) : program_(std::move(program)) {}

  const schema& profile_schema() const;
  const std::vector<regime_info>& regimes() const;
  /// The rule with this full id, or nullptr.
  const rule_info* find_rule(std::string_view id) const;
  std::size_t rule_count() const;
  /// The invariants, in id order.
  const std::vector<invariant_info>& invariants() const;
  /// The invariant with this id, or nullptr.
  const invariant_info* find_invariant(std::string_view id) const;
  /// The `when` and `require` text of the invariant with this id, or nullptr.
  const invariant_conditions* find_invariant_conditions(std::string_view id) const;
  /// Every full rule id, for "did you mean" hints.
  std::vector<std::string> rule_ids() const;
  /// `standard` for the built-in library, else `custom`.
  const std::string& name() const;
  /// SHA-256 over the files' paths and texts, in path order: identifies the rules exactly.
  const std::string& digest() const;
  const detail::program& program() const { return *program_; }
  /// The compiled program, shared: what a report keeps alive to refer to the library's text.
  const std::shared_ptr<const detail::program>& shared_program() const { return program_; }

 private:
  std::shared_ptr<const detail::program> program_;
};

/// Parses, checks and compiles rule files into a library. Every problem goes to `bag`
/// (`parse.*`, `check.*`), with its position; on any error the result is empty.
std::optional<library> load_library(const std::vector<source_ptr>& files, diagnostic_bag& bag,
                                    std::string name = "custom");

/// The standard library compiled into this binary (rules/ at build time).
std::vector<source_ptr> standard_library_sources();
std::optional<library> load_standard_library(diagnostic_bag& bag);

/// Every `*.rules` file under each directory (recursively, sorted by path). A directory that
/// does not exist, or holds no rule file, is an `io.*` error.
std::vector<source_ptr> read_rule_directories(const std::vector<std::string>& directories,
                                              diagnostic_bag& bag);

/// The lexgate version, for reports.
const char* version();

}  // namespace lexgate
