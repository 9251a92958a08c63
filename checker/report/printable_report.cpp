// Every string of a report through `printable`, for the writers people read (layer: report).
#include "report/printable_report.hpp"

#include <algorithm>
#include <memory>
#include <span>
#include <string_view>

#include "lexgate/diagnostic.hpp"

namespace lexgate::report_writers {

namespace {

// Every string of a report, visited in one place: `printable_copy` cleans them, and
// `printable_reports` first asks whether any needs it. `R` is `report` or `const report`; `F`
// takes each kind of text a report holds (a string, a view of library text, a list of either).
template <class R, class F>
void each_value_text(R& v, F& f) {
  f.text(v.text);
  f.text(v.path);
  for (auto& k : v.keys) f.text(k);
  for (auto& item : v.items) each_value_text(item, f);
}

template <class C, class F>
void each_conflict_text(C& c, F& f) {
  for (auto* list : {&c.markets, &c.rules, &c.invariants, &c.attributes}) {
    for (auto& s : *list) f.text(s);
  }
  f.text(c.explanation);
}

template <class R, class F>
void each_text(R& r, F& f) {
  f.library(r.library_name);
  f.library(r.library_digest);
  for (auto* s : {&r.profile_id, &r.profile_path, &r.conflicts_not_analysed}) f.text(*s);
  for (auto& m : r.markets) {
    f.text(m.market);
    for (auto& s : m.coverage) f.library(s);
    for (auto& s : m.member_states) f.library(s);
    for (auto& fi : m.findings) {
      for (auto* s : {&fi.rule, &fi.regime, &fi.jurisdiction, &fi.cite, &fi.remedy,
                      &fi.member_state}) {
        f.library(*s);
      }
      f.text(fi.message);
      f.library_list(fi.sources);
      for (auto& s : fi.missing) f.text(s);
      for (auto& s : fi.unstated_exceptions) f.text(s);
      for (auto& e : fi.evidence) {
        f.text(e.path);
        f.text(e.value);
        each_value_text(e.data, f);
      }
      if (fi.waiver) {
        f.text(fi.waiver->justification);
        f.text(fi.waiver->approver);
      }
    }
  }
  for (auto& c : r.conflicts) each_conflict_text(c, f);
  for (auto& n : r.names) {
    for (auto* s : {&n.path, &n.written, &n.entity, &n.country, &n.matched, &n.from}) f.text(*s);
  }
  if (r.drift) {
    for (auto& d : *r.drift) {
      f.text(d.path);
      each_value_text(d.declared, f);
      each_value_text(d.observed, f);
      f.text(d.message);
      for (auto& e : d.evidence) {
        for (auto* s : {&e.file, &e.resource, &e.origin, &e.text}) f.text(*s);
      }
    }
  }
}

// Whether every text it is shown is printable already.
struct all_printable {
  bool yes = true;
  void text(std::string_view s) { yes = yes && is_printable(s); }
  void library(std::string_view s) { text(s); }
  void library_list(std::span<const std::string_view> items) {
    for (std::string_view s : items) text(s);
  }
};

// Makes every text it is shown printable: a string in place; text of the library a report
// refers to is left as it is when printable (as rule files are), else pointed at a printable
// copy that the report keeps (`report::own_text`).
struct cleaner {
  report& owner;

  void text(std::string& s) {
    if (!is_printable(s)) s = printable(s);
  }
  void library(std::string_view& s) {
    if (is_printable(s)) return;
    auto kept = std::make_shared<const std::string>(printable(s));
    s = *kept;
    owner.own_text.push_back(std::move(kept));
  }
  void library_list(std::span<const std::string_view>& items) {
    if (std::all_of(items.begin(), items.end(), [](std::string_view s) { return is_printable(s); })) {
      return;
    }
    auto texts = std::make_shared<std::vector<std::string>>();
    for (std::string_view s : items) texts->push_back(printable(s));
    auto views =
        std::make_shared<const std::vector<std::string_view>>(texts->begin(), texts->end());
    items = *views;
    owner.own_text.push_back(std::move(texts));
    owner.own_text.push_back(std::move(views));
  }
};

struct plain_cleaner {
  void text(std::string& s) {
    if (!is_printable(s)) s = printable(s);
  }
};

void clean(value& v) {
  plain_cleaner c;
  each_value_text(v, c);
}

void clean(std::string& s) { plain_cleaner{}.text(s); }

void clean(std::vector<std::string>& items) {
  for (auto& s : items) clean(s);
}

void clean(conflict& c) {
  plain_cleaner f;
  each_conflict_text(c, f);
}

}  // namespace

report printable_copy(const report& r) {
  report out = r;
  cleaner c{out};
  each_text(out, c);
  return out;
}

std::vector<report> printable_copy(const std::vector<report>& reports) {
  std::vector<report> out;
  out.reserve(reports.size());
  for (const auto& r : reports) out.push_back(printable_copy(r));
  return out;
}

const std::vector<report>& printable_reports(const std::vector<report>& reports,
                                             std::vector<report>& copy) {
  all_printable check;
  for (const auto& r : reports) each_text(r, check);
  if (check.yes) return reports;
  copy = printable_copy(reports);
  return copy;
}

std::string markdown_code(std::string_view text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  // A span that starts or ends with a backtick needs a space inside its fence (stripped again).
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  const std::string inner = pad ? " " + std::string(text) + " " : std::string(text);
  return fence + inner + fence;
}

plan_report printable_copy(const plan_report& plan) {
  plan_report out = plan;
  for (auto& c : out.conflicts) clean(c);
  for (auto& u : out.unresolvable) {
    clean(u.rule);
    clean(u.market);
    clean(u.attributes);
    clean(u.explanation);
  }
  for (auto& d : out.deployments) {
    clean(d.markets);
    for (auto& c : d.changes) {
      clean(c.path);
      clean(c.from);
      clean(c.to);
      clean(c.satisfies);
    }
    clean(d.remediated);
  }
  clean(out.free_attributes);
  return out;
}

}  // namespace lexgate::report_writers
