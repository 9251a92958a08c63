// Which reports one `lexgate check` run writes, and rendering each format.
#include "commands/report_targets.hpp"

#include <algorithm>
#include <iostream>

#include "report/reports.hpp"

namespace lexgate::cli {

const std::vector<std::string>& check_formats() {
  static const std::vector<std::string> formats = {"text",  "json",     "sarif",
                                                   "junit", "markdown", "oscal"};
  return formats;
}

std::optional<report_target> parse_report_target(const std::string& text) {
  const auto eq = text.find('=');
  const auto& formats = check_formats();
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size() ||
      std::find(formats.begin(), formats.end(), text.substr(0, eq)) == formats.end()) {
    std::string list;
    for (const auto& f : formats) list += (list.empty() ? "" : ", ") + f;
    std::cerr << "error[usage]: `--report " << printable(text)
              << "` is not FORMAT=FILE\n  = help: FORMAT is one of " << list
              << "; for example --report sarif=lexgate.sarif\n";
    return std::nullopt;
  }
  return report_target{text.substr(0, eq), text.substr(eq + 1)};
}

std::string render_check_report(const std::string& format, const std::vector<report>& reports,
                                const library& rules, bool explain) {
  if (format == "json") return report_writers::render_json(reports);
  if (format == "sarif") return report_writers::render_sarif(reports, rules);
  if (format == "markdown") return report_writers::render_markdown(reports);
  if (format == "junit") return report_writers::render_junit(reports);
  if (format == "oscal") return report_writers::render_oscal(reports, rules);
  return report_writers::render_text(reports, {explain});
}

}  // namespace lexgate::cli
