// Reports for terminals and CI logs (layer: report). The text and Markdown writers print
// strings from files and from file names; a copy of the report whose every string went through
// `printable` cannot forge a terminal title, a CI annotation or a log line, whatever a profile
// path, a waiver, a rule message or an artifact holds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/plan.hpp"

namespace lexgate::report_writers {

/// `r` with every string (and every string inside a value) passed through `printable`.
report printable_copy(const report& r);
std::vector<report> printable_copy(const std::vector<report>& reports);
plan_report printable_copy(const plan_report& plan);

/// `reports` themselves when every string in them is printable already (as is usual), else
/// their printable copy, kept in `copy`: what `printable_copy` gives, without copying reports
/// that need nothing.
const std::vector<report>& printable_reports(const std::vector<report>& reports,
                                             std::vector<report>& copy);

/// `text` as a Markdown code span, fenced by more backticks than it holds in a row (CommonMark),
/// so a profile id or a file name with a backtick cannot end the span and inject Markdown or HTML
/// into a pull-request comment.
std::string markdown_code(std::string_view text);

}  // namespace lexgate::report_writers
