// Every string of a report through `printable`, for the writers people read (layer: report).
#include "report/printable_report.hpp"

#include <algorithm>
#include <memory>
#include <span>
#include <string_view>

#include "lexgate/diagnostic.hpp"

namespace lexgate::report_writers {

namespace {

void clean(std::string& s) { s = printable(s); }

// Text of the library a report refers to: left as it is when printable (as rule files are),
// else pointed at a printable copy that the report keeps (`report::own_text`).
void clean(std::string_view& s, report& owner) {
  std::string p = printable(s);
  if (p == s) return;
  auto kept = std::make_shared<const std::string>(std::move(p));
  s = *kept;
  owner.own_text.push_back(std::move(kept));
}

void clean(std::vector<std::string_view>& items, report& owner) {
  for (auto& s : items) clean(s, owner);
}

void clean(std::span<const std::string_view>& items, report& owner) {
  if (std::all_of(items.begin(), items.end(),
                  [](std::string_view s) { return printable(s) == s; })) {
    return;
  }
  auto texts = std::make_shared<std::vector<std::string>>();
  for (std::string_view s : items) texts->push_back(printable(s));
  auto views = std::make_shared<const std::vector<std::string_view>>(texts->begin(), texts->end());
  items = *views;
  owner.own_text.push_back(std::move(texts));
  owner.own_text.push_back(std::move(views));
}

void clean(std::vector<std::string>& items) {
  for (auto& s : items) clean(s);
}

void clean(value& v) {
  clean(v.text);
  clean(v.path);
  clean(v.keys);
  for (auto& item : v.items) clean(item);
}

void clean(conflict& c) {
  clean(c.markets);
  clean(c.rules);
  clean(c.invariants);
  clean(c.attributes);
  clean(c.explanation);
}

void clean(finding& f, report& owner) {
  for (std::string_view* s :
       {&f.rule, &f.regime, &f.jurisdiction, &f.cite, &f.remedy, &f.member_state}) {
    clean(*s, owner);
  }
  clean(f.message);
  clean(f.sources, owner);
  clean(f.missing);
  clean(f.unstated_exceptions);
  for (auto& e : f.evidence) {
    clean(e.path);
    clean(e.value);
    clean(e.data);
  }
  if (f.waiver) {
    clean(f.waiver->justification);
    clean(f.waiver->approver);
  }
}

}  // namespace

report printable_copy(const report& r) {
  report out = r;
  clean(out.library_name, out);
  clean(out.library_digest, out);
  for (std::string* s : {&out.profile_id, &out.profile_path, &out.conflicts_not_analysed}) {
    clean(*s);
  }
  for (auto& m : out.markets) {
    clean(m.market);
    clean(m.coverage, out);
    clean(m.member_states, out);
    for (auto& f : m.findings) clean(f, out);
  }
  for (auto& c : out.conflicts) clean(c);
  for (auto& n : out.names) {
    for (std::string* s : {&n.path, &n.written, &n.entity, &n.country, &n.matched, &n.from}) {
      clean(*s);
    }
  }
  if (out.drift) {
    for (auto& d : *out.drift) {
      clean(d.path);
      clean(d.declared);
      clean(d.observed);
      clean(d.message);
      for (auto& e : d.evidence) {
        for (std::string* s : {&e.file, &e.resource, &e.origin, &e.text}) clean(*s);
      }
    }
  }
  return out;
}

std::vector<report> printable_copy(const std::vector<report>& reports) {
  std::vector<report> out;
  out.reserve(reports.size());
  for (const auto& r : reports) out.push_back(printable_copy(r));
  return out;
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
