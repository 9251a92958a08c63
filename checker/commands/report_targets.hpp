// Which reports one `lexgate check` run writes: `--format`/`--output` and every
// `--report FORMAT=FILE`, all rendered from the same evaluation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"

namespace lexgate::cli {

/// The formats `check` renders.
const std::vector<std::string>& check_formats();

/// One report to write: a format and a file (empty: standard output).
struct report_target {
  std::string format;
  std::string file;
};

/// Parses `FORMAT=FILE`; prints a usage error and returns nothing when it is malformed or the
/// format is unknown.
std::optional<report_target> parse_report_target(const std::string& text);

/// The report of `format` for the evaluated profiles.
std::string render_check_report(const std::string& format, const std::vector<report>& reports,
                                const library& rules, bool explain);

}  // namespace lexgate::cli
