// Diagnostics: errors and warnings about input, returned as data (layer: source).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexgate/source.hpp"

namespace lexgate {

enum class diagnostic_severity { error, warning, note };

/// One problem in the input. `code` is stable and prefixed by its layer, for example
/// `parse.expected`, `check.unknown_attribute`, `profile.unknown_key`, `io.read`.
struct diagnostic {
  diagnostic_severity severity = diagnostic_severity::error;
  std::string code;
  std::string message;
  std::string file;       ///< Empty when the problem has no file.
  location where;         ///< Line 0 when the problem has no position.
  location end;           ///< End of the underlined text (exclusive); may equal `where`.
  std::string line_text;  ///< The source line, for the caret rendering.
  std::string help;       ///< A second sentence: what to do, or "did you mean ...".
  std::string pointer;    ///< For JSON input: the JSON pointer of the value (`/product/id`).
};

/// Collects diagnostics from every stage. Stages stop the pipeline when it holds an error.
/// It keeps the first `max_errors` errors and counts the rest: `error_count()` grows with every
/// error reported, kept or not, so a stage that compares counts before and after its work sees
/// its own errors even when the bag is full.
class diagnostic_bag {
 public:
  explicit diagnostic_bag(std::size_t max_errors = 50) : max_errors_(max_errors) {}

  /// Adds a diagnostic located at `where` in `file`.
  void report(diagnostic_severity severity, std::string code, std::string message,
              const source_file* file, span where, std::string help = {});
  /// Adds an error with no position (I/O, usage).
  void error(std::string code, std::string message, std::string file = {}, std::string help = {});
  void add(diagnostic d);

  bool has_errors() const { return error_count_ > 0; }
  /// Every error reported, including those past the cap that were not kept.
  std::size_t error_count() const { return error_count_; }
  /// Errors reported past the cap: counted, not kept.
  std::size_t dropped_errors() const { return dropped_errors_; }
  bool full() const { return error_count_ >= max_errors_; }
  const std::vector<diagnostic>& items() const { return items_; }

  /// Items sorted by file, line, column and code, so output is deterministic.
  std::vector<diagnostic> sorted() const;

 private:
  std::vector<diagnostic> items_;
  std::size_t error_count_ = 0;
  std::size_t dropped_errors_ = 0;
  std::size_t max_errors_;
};

/// `text` with every character a terminal or a CI log acts on — C0 controls but tab (line breaks
/// included), DEL, C1 controls such as NEL, U+2028/U+2029 — and every byte that is not UTF-8
/// replaced by one U+FFFD. For anything lexgate prints to people that came from a file or its
/// name: a name can then forge no terminal title, CI annotation or log line.
std::string printable(std::string_view text);

/// Whether `printable(text)` is `text` itself: nothing in it to replace.
bool is_printable(std::string_view text);

/// Renders a diagnostic the way a compiler does:
///   file:line:col: error[code]: message
///      12 |   the source line
///         |   ^~~~
///      = help: ...
std::string render_diagnostic(const diagnostic& d);

/// Renders every diagnostic of the bag in order, then "and N more errors" for those past the cap.
std::string render_diagnostics(const diagnostic_bag& bag);

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string> nearest_name(const std::string& word,
                                        const std::vector<std::string>& candidates);

}  // namespace lexgate
