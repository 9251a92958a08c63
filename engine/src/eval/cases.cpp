// Running rule-test cases: evaluate the case's profile and compare with its expectations
// (layer: evaluate).
#include "lexgate/cases.hpp"

#include <algorithm>
#include <filesystem>

#include "eval/case_spec.hpp"
#include "lexgate/evaluate.hpp"
#include "source/path_inside.hpp"

namespace lexgate {

namespace {

const finding* find_finding(const report& r, const std::string& market, const std::string& rule) {
  for (const auto& m : r.markets) {
    if (!market.empty() && m.market != market) continue;
    for (const auto& f : m.findings) {
      if (f.rule == rule) return &f;
    }
  }
  return nullptr;
}

std::string at(const std::string& file, std::uint32_t line) {
  return file + ":" + std::to_string(line) + ": ";
}

}  // namespace

std::optional<case_result> run_case(const library& rules, const source_ptr& case_file,
                                    diagnostic_bag& bag) {
  auto spec = detail::load_case(case_file, rules.profile_schema(), bag);
  if (!spec) return std::nullopt;

  // A case naming a rule the library lacks would pass for the wrong reason.
  bool unknown_rule = false;
  for (const auto* list : {&spec->findings, &spec->no_findings}) {
    for (const auto& e : *list) {
      if (rules.find_rule(e.rule) != nullptr) continue;
      auto near = nearest_name(e.rule, rules.rule_ids());
      diagnostic d;
      d.code = "case.unknown_rule";
      d.message = "no rule `" + e.rule + "` in the library";
      d.file = case_file->name();
      d.where = {e.line, 1};
      d.help = near ? "did you mean `" + *near + "`?" : "`lexgate list --all` lists every rule";
      bag.add(std::move(d));
      unknown_rule = true;
    }
  }
  if (unknown_rule) return std::nullopt;

  evaluate_options options;
  options.as_of = spec->as_of;
  const report r = evaluate(rules, spec->facts, options);

  case_result out;
  out.name = spec->name;
  out.file = case_file->name();
  const std::string& file = out.file;
  if (spec->verdict && *spec->verdict != to_string(r.overall)) {
    out.failures.push_back("verdict is `" + std::string(to_string(r.overall)) + "`, expected `" +
                           *spec->verdict + "`");
  }
  for (const auto& expectation : spec->market_verdicts) {
    // Named copies, not structured bindings: lambdas may not capture those before C++20's P1091.
    const std::string& market = expectation.first;
    const std::string& expected = expectation.second;
    auto m = std::find_if(r.markets.begin(), r.markets.end(),
                          [&](const market_report& mr) { return mr.market == market; });
    if (m == r.markets.end()) {
      out.failures.push_back("market `" + market + "` is not in the profile's markets");
    } else if (expected != to_string(m->market_verdict)) {
      out.failures.push_back("market " + market + " is `" + to_string(m->market_verdict) +
                             "`, expected `" + expected + "`");
    }
  }
  for (const auto& e : spec->findings) {
    const finding* f = find_finding(r, e.market, e.rule);
    const std::string where = e.market.empty() ? "" : " in " + e.market;
    if (f == nullptr) {
      out.failures.push_back(at(file, e.line) + "expected a finding of " + e.rule + where +
                             ", found none");
      continue;
    }
    if (!e.status.empty() && e.status != to_string(f->status)) {
      out.failures.push_back(at(file, e.line) + e.rule + where + " is `" + to_string(f->status) +
                             "`, expected `" + e.status + "`");
    }
    for (const auto& m : e.missing) {
      if (std::find(f->missing.begin(), f->missing.end(), m) == f->missing.end()) {
        std::string have;
        for (const auto& x : f->missing) have += (have.empty() ? "" : ", ") + x;
        out.failures.push_back(at(file, e.line) + e.rule + where + " does not list `" + m +
                               "` as missing (it lists: " + (have.empty() ? "nothing" : have) +
                               ")");
      }
    }
  }
  for (const auto& e : spec->no_findings) {
    // No finding in a market the profile does not ship to is no test of the rule.
    if (!e.market.empty() &&
        std::none_of(r.markets.begin(), r.markets.end(),
                     [&](const market_report& m) { return m.market == e.market; })) {
      out.failures.push_back(at(file, e.line) + "market `" + e.market +
                             "` is not in the profile's markets, so no_findings there tests "
                             "nothing");
      continue;
    }
    if (const finding* f = find_finding(r, e.market, e.rule)) {
      out.failures.push_back(at(file, e.line) + "expected no finding of " + e.rule +
                             (e.market.empty() ? "" : " in " + e.market) + ", found `" +
                             to_string(f->status) + "`: " + f->message);
    }
  }
  out.passed = out.failures.empty();
  return out;
}

namespace {

// Case files are YAML, under either of its extensions: a `.yml` case skipped unseen would leave
// a rule untested while the run passes.
bool yaml_extension(const std::filesystem::path& path) {
  return path.extension() == ".yaml" || path.extension() == ".yml";
}

}  // namespace

std::vector<std::string> find_case_files(const std::vector<std::string>& paths,
                                         diagnostic_bag& bag) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
      continue;
    }
    if (!fs::is_directory(p, ec)) {
      bag.error("io.cases", "no such case file or directory", p);
      continue;
    }
    // As in a rule folder: a link (to a case file or a folder) that leads out of the folder
    // is an error, not a case read from elsewhere or a folder of cases skipped unseen.
    const fs::path root = fs::canonical(p, ec);
    for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& path = it->path();
      std::error_code link_ec;
      if (it->is_symlink(link_ec)) {
        std::error_code resolve_ec;
        const fs::path target = fs::canonical(path, resolve_ec);
        const bool relevant = yaml_extension(path) || fs::is_directory(target, resolve_ec);
        if (!resolve_ec && relevant && !detail::path_inside(root, target)) {
          bag.error("io.case_symlink",
                    "`" + path.string() + "` is a symbolic link that leaves `" + p + "`", p,
                    "links inside a case folder are followed only within it; copy the file in");
          continue;
        }
      }
      if (!yaml_extension(path)) continue;
      // A case that cannot be read (a dangling link, a FIFO) is an error, not a case less.
      std::error_code type_ec;
      const auto status = fs::status(path, type_ec);
      if (fs::is_directory(status)) continue;
      if (type_ec || !fs::is_regular_file(status)) {
        bag.error("io.read",
                  "cannot read case: " + (type_ec || !fs::exists(status)
                                              ? std::string("a symbolic link to nothing")
                                              : std::string("not a regular file")),
                  path.string());
        continue;
      }
      out.push_back(path.string());
    }
    // A folder that could not be read to the end would leave cases out unseen.
    if (ec) bag.error("io.cases", "cannot read `" + p + "`: " + ec.message(), p);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lexgate
