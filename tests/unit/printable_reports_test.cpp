// The text and Markdown writers show a report as it is when every string in it is printable, and
// a printable copy otherwise (report/printable_report.hpp): a control character anywhere the copy
// would clean it, however deep in the report, must be found, or it would reach the terminal.
#include <functional>
#include <string>
#include <vector>

#include "report/printable_report.hpp"
#include "support/catch.hpp"

using namespace lexgate;

namespace {

// A report with a string in every place a report holds one, all printable.
report full_report() {
  static const std::vector<std::string_view> sources{"https://example.org/a"};
  report r;
  r.library_name = "standard";
  r.library_digest = "0123";
  r.profile_id = "p";
  r.profile_path = "p.yaml";
  r.conflicts_not_analysed = "not analysed";
  market_report& m = r.markets.emplace_back();
  m.market = "AU";
  m.covered = true;
  m.coverage.push_back("au.gov");
  m.member_states.push_back("AU");
  finding& f = m.findings.emplace_back();
  f.rule = "au.gov.rule";
  f.regime = "au.gov";
  f.jurisdiction = "AU";
  f.cite = "para 1";
  f.remedy = "replace it";
  f.member_state = "AU";
  f.message = "no";
  f.sources = sources;
  f.missing.push_back("product.id");
  f.unstated_exceptions.push_back("compliance.exemption");
  evidence_item& e = f.evidence.emplace_back();
  e.path = "product.models[0].provider";
  e.value = "\"DeepSeek\"";
  e.data.k = value::kind::list;
  e.data.text = "t";
  e.data.path = "x";
  e.data.keys.push_back("k");
  e.data.items.emplace_back().text = "item";
  f.waiver.emplace();
  f.waiver->justification = "because";
  f.waiver->approver = "someone";
  conflict& c = r.conflicts.emplace_back();
  c.markets.push_back("AU");
  c.rules.push_back("au.gov.rule");
  c.invariants.push_back("t.inv");
  c.attributes.push_back("product.id");
  c.explanation = "why";
  name_resolution& n = r.names.emplace_back();
  n.path = "product.vendor.name";
  n.written = "Acme";
  n.entity = "Acme Corp";
  n.country = "US";
  n.matched = "Acme";
  n.from = "name";
  drift_item& d = r.drift.emplace().emplace_back();
  d.path = "deployment.markets";
  d.declared.text = "AU";
  d.observed.items.emplace_back().text = "CN";
  d.message = "drift";
  artifact_position& a = d.evidence.emplace_back();
  a.file = "chart.yaml";
  a.resource = "Deployment/x";
  a.origin = "templates/x.yaml";
  a.text = "CN";
  return r;
}

// Each place, made unprintable.
const std::vector<std::function<void(report&)>>& spoilers() {
  static const std::string bad = "a\x1b]0;t\x07";
  static const std::vector<std::string_view> bad_sources{"ok", bad};
  static const std::vector<std::function<void(report&)>> all{
      [](report& r) { r.library_name = bad; },
      [](report& r) { r.library_digest = bad; },
      [](report& r) { r.profile_id = bad; },
      [](report& r) { r.profile_path = bad; },
      [](report& r) { r.conflicts_not_analysed = bad; },
      [](report& r) { r.markets[0].market = bad; },
      [](report& r) { r.markets[0].coverage[0] = bad; },
      [](report& r) { r.markets[0].member_states[0] = bad; },
      [](report& r) { r.markets[0].findings[0].rule = bad; },
      [](report& r) { r.markets[0].findings[0].regime = bad; },
      [](report& r) { r.markets[0].findings[0].jurisdiction = bad; },
      [](report& r) { r.markets[0].findings[0].cite = bad; },
      [](report& r) { r.markets[0].findings[0].remedy = bad; },
      [](report& r) { r.markets[0].findings[0].member_state = bad; },
      [](report& r) { r.markets[0].findings[0].message = bad; },
      [](report& r) { r.markets[0].findings[0].sources = bad_sources; },
      [](report& r) { r.markets[0].findings[0].missing[0] = bad; },
      [](report& r) { r.markets[0].findings[0].unstated_exceptions[0] = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].path = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].value = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].data.text = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].data.path = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].data.keys[0] = bad; },
      [](report& r) { r.markets[0].findings[0].evidence[0].data.items[0].text = bad; },
      [](report& r) { r.markets[0].findings[0].waiver->justification = bad; },
      [](report& r) { r.markets[0].findings[0].waiver->approver = bad; },
      [](report& r) { r.conflicts[0].markets[0] = bad; },
      [](report& r) { r.conflicts[0].rules[0] = bad; },
      [](report& r) { r.conflicts[0].invariants[0] = bad; },
      [](report& r) { r.conflicts[0].attributes[0] = bad; },
      [](report& r) { r.conflicts[0].explanation = bad; },
      [](report& r) { r.names[0].path = bad; },
      [](report& r) { r.names[0].written = bad; },
      [](report& r) { r.names[0].entity = bad; },
      [](report& r) { r.names[0].country = bad; },
      [](report& r) { r.names[0].matched = bad; },
      [](report& r) { r.names[0].from = bad; },
      [](report& r) { (*r.drift)[0].path = bad; },
      [](report& r) { (*r.drift)[0].declared.text = bad; },
      [](report& r) { (*r.drift)[0].observed.items[0].text = bad; },
      [](report& r) { (*r.drift)[0].message = bad; },
      [](report& r) { (*r.drift)[0].evidence[0].file = bad; },
      [](report& r) { (*r.drift)[0].evidence[0].resource = bad; },
      [](report& r) { (*r.drift)[0].evidence[0].origin = bad; },
      [](report& r) { (*r.drift)[0].evidence[0].text = bad; },
  };
  return all;
}

}  // namespace

TEST_CASE("reports that are printable already are shown as they are, not copied", "[report]") {
  const std::vector<report> reports{full_report(), full_report()};
  std::vector<report> copy;
  const std::vector<report>& shown = report_writers::printable_reports(reports, copy);
  CHECK(&shown == &reports);
  CHECK(copy.empty());
}

TEST_CASE("a control character anywhere in a report gets the printable copy", "[report]") {
  for (std::size_t i = 0; i < spoilers().size(); ++i) {
    CAPTURE(i);
    std::vector<report> reports{full_report(), full_report()};
    spoilers()[i](reports[1]);
    std::vector<report> copy;
    const std::vector<report>& shown = report_writers::printable_reports(reports, copy);
    CHECK(&shown == &copy);
    CHECK(copy.size() == reports.size());
  }
}
