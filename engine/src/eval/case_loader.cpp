// Reading rule-test case files (layer: evaluate). See docs/testing.md for the format.
#include <filesystem>

#include "eval/case_spec.hpp"
#include "io/profile_reader.hpp"
#include "io/yaml_events.hpp"
#include "source/path_inside.hpp"

namespace lexgate::detail {

namespace {

class case_reader {
 public:
  case_reader(const source_file& file, diagnostic_bag& bag) : file_(file), bag_(bag) {}

  void error(std::string message, const yaml_node& at, std::string help = {}) {
    bag_.report(diagnostic_severity::error, "case.invalid", std::move(message), &file_,
                {at.offset, at.offset + 1}, std::move(help));
  }

  std::optional<std::string> text(const yaml_node& parent, const char* key, bool required) {
    const yaml_node* n = parent.find(key);
    if (n == nullptr || n->k == yaml_node::kind::null) {
      if (required) error(std::string("missing `") + key + "`", parent);
      return std::nullopt;
    }
    if (n->k != yaml_node::kind::scalar) {
      error(std::string("`") + key + "` must be a single value", *n);
      return std::nullopt;
    }
    return n->text;
  }

  void only_keys(const yaml_node& n, std::initializer_list<const char*> keys) {
    if (n.k != yaml_node::kind::mapping) {
      error("expected a mapping", n);
      return;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
      bool known = false;
      std::vector<std::string> names;
      for (const char* k : keys) {
        names.emplace_back(k);
        known = known || n.key(i).text == k;
      }
      if (!known) {
        auto near = nearest_name(n.key(i).text, names);
        error("unknown key `" + n.key(i).text + "`", n.key(i),
              near ? "did you mean `" + *near + "`?" : std::string());
      }
    }
  }

  std::vector<expected_finding> expectations(const yaml_node* list, bool with_status) {
    std::vector<expected_finding> out;
    if (list == nullptr) return out;
    if (list->k != yaml_node::kind::sequence) {
      error("expected a list of findings", *list);
      return out;
    }
    for (const auto& item : list->items) {
      if (with_status) {
        only_keys(item, {"rule", "market", "status", "missing"});
      } else {
        only_keys(item, {"rule", "market"});
      }
      if (item.k != yaml_node::kind::mapping) continue;
      expected_finding e;
      e.line = file_.locate(item.offset).line;
      e.rule = text(item, "rule", true).value_or("");
      e.market = text(item, "market", false).value_or("");
      if (with_status) {
        e.status = text(item, "status", true).value_or("");
        if (!e.status.empty() && e.status != "violation" && e.status != "indeterminate" &&
            e.status != "waived" && e.status != "upcoming") {
          error("unknown status `" + e.status + "`", *item.find("status"),
                "a status is violation, indeterminate, waived or upcoming");
        }
        if (const yaml_node* missing = item.find("missing")) {
          for (const auto& m : missing->items) e.missing.push_back(m.text);
        }
      }
      out.push_back(std::move(e));
    }
    return out;
  }

 private:
  const source_file& file_;
  diagnostic_bag& bag_;
};

// A case's profile path may climb out of the case's folder (`../profiles/x.yaml`): the path is
// written in the case for review. A symbolic link on the way may not take it further than the
// path itself reaches: the resolved file must lie inside the deepest folder holding both the
// case and the path as written. Returns that folder when the link leaves it.
std::optional<std::string> link_out_of_reach(const std::string& case_file,
                                             const std::string& written) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path case_dir = fs::path(case_file).parent_path();
  const fs::path from = fs::canonical(case_dir.empty() ? fs::path(".") : case_dir, ec);
  if (ec) return std::nullopt;  // reading the profile reports what is wrong
  const fs::path target = fs::canonical(case_dir / written, ec);
  if (ec) return std::nullopt;
  const fs::path reach = (from / written).lexically_normal().parent_path();
  fs::path root;
  auto w = reach.begin();
  for (auto f = from.begin(); f != from.end() && w != reach.end() && *f == *w; ++f, ++w) {
    root /= *f;
  }
  if (detail::path_inside(root, target)) return std::nullopt;
  return root.string();
}

bool is_verdict(const std::string& v) {
  return v == "blocked" || v == "indeterminate" || v == "uncovered" || v == "attention" ||
         v == "clear";
}

}  // namespace

std::optional<case_spec> load_case(const source_ptr& file, const schema& schema,
                                   diagnostic_bag& bag) {
  const std::size_t errors_before = bag.error_count();
  auto root = parse_yaml(*file, bag, profile_limits{});
  if (!root) return std::nullopt;
  case_reader r(*file, bag);
  r.only_keys(*root, {"case", "description", "as_of", "profile", "expect"});
  if (root->k != yaml_node::kind::mapping) return std::nullopt;

  case_spec out;
  out.name = r.text(*root, "case", true).value_or("");
  if (auto as_of = r.text(*root, "as_of", true)) {
    if (auto d = date::parse(*as_of)) {
      out.as_of = *d;
    } else {
      r.error("`" + *as_of + "` is not a date", *root->find("as_of"), "write YYYY-MM-DD");
    }
  }

  const yaml_node* p = root->find("profile");
  if (p == nullptr) {
    r.error("missing `profile`", *root, "a path relative to this file, or an inline profile");
  } else if (p->k == yaml_node::kind::mapping) {
    if (auto facts = profile_from_node(*p, file, schema, bag)) out.facts = std::move(*facts);
  } else if (p->k == yaml_node::kind::scalar) {
    const auto path =
        (std::filesystem::path(file->name()).parent_path() / p->text).lexically_normal().string();
    std::string why;
    if (auto outside = link_out_of_reach(file->name(), p->text)) {
      bag.report(diagnostic_severity::error, "io.case_symlink",
                 "`" + path + "` is reached through a symbolic link that leaves `" + *outside + "`",
                 file.get(), {p->offset, p->offset + 1},
                 "a case's profile is followed through links only within the folder its path "
                 "names; copy the profile in");
    } else if (auto source = read_source_file(path, why)) {
      if (auto facts = load_profile(source, schema, bag)) out.facts = std::move(*facts);
    } else {
      r.error("cannot read profile `" + path + "`: " + why, *p);
    }
  } else {
    r.error("`profile` is a path or a mapping", *p);
  }

  if (const yaml_node* expect = root->find("expect")) {
    r.only_keys(*expect, {"verdict", "markets", "findings", "no_findings"});
    if (auto v = r.text(*expect, "verdict", false)) {
      if (!is_verdict(*v)) r.error("unknown verdict `" + *v + "`", *expect->find("verdict"));
      out.verdict = *v;
    }
    if (const yaml_node* markets = expect->find("markets")) {
      for (std::size_t i = 0; markets->k == yaml_node::kind::mapping && i < markets->size(); ++i) {
        const std::string v = markets->value(i).text;
        if (!is_verdict(v)) r.error("unknown verdict `" + v + "`", markets->value(i));
        out.market_verdicts.emplace_back(markets->key(i).text, v);
      }
    }
    out.findings = r.expectations(expect->find("findings"), true);
    out.no_findings = r.expectations(expect->find("no_findings"), false);
    // A case that expects nothing passes whatever the rules do: it tests nothing.
    if (!out.verdict && out.market_verdicts.empty() && out.findings.empty() &&
        out.no_findings.empty()) {
      r.error("`expect` states nothing", *expect,
              "state a verdict, market verdicts, findings or no_findings");
    }
    // A market the rule library does not know can hold no finding: `no_findings` on it would
    // pass whatever the rules do.
    for (const auto* list : {&out.findings, &out.no_findings}) {
      for (const auto& e : *list) {
        if (!e.market.empty() && !schema.jurisdictions.known(e.market)) {
          r.error("`" + e.market + "` is not a known jurisdiction", *expect,
                  "a market is an ISO 3166 code the rule library declares");
        }
      }
    }
    for (const auto& [market, verdict] : out.market_verdicts) {
      if (!schema.jurisdictions.known(market)) {
        r.error("`" + market + "` is not a known jurisdiction", *expect,
                "a market is an ISO 3166 code the rule library declares");
      }
    }
  } else {
    r.error("missing `expect`", *root, "a case states what the rules must find");
  }
  if (bag.error_count() != errors_before) return std::nullopt;
  return out;
}

}  // namespace lexgate::detail
