// `lexgate derive`: the facts deployment artifacts establish, as JSON or as a draft profile
// with the evidence of each value in a comment (design §7).
#include <algorithm>
#include <map>

#include "commands/artifact_drift.hpp"
#include "commands/commands.hpp"
#include "commands/shared_options.hpp"
#include "lexgate/artifacts.hpp"
#include "report/drift_report.hpp"

namespace lexgate::cli {

namespace {

struct derive_options {
  std::vector<std::string> paths;
  std::string format = "yaml";
  std::string output;
  std::vector<std::string> rule_dirs;
  std::vector<std::string> add_dirs;
};

report_writers::json derive_json(const artifact_set& set, const derivation& d) {
  using report_writers::json;
  json out;
  out["schema_version"] = 1;
  json files = json::array();
  for (const auto& f : set.files) {
    files.push_back({{"file", f.file}, {"kind", to_string(f.kind)}, {"resources", f.resources}});
  }
  out["artifacts"] = std::move(files);
  json facts = json::array();
  for (const auto& f : d.facts) {
    json item;
    item["path"] = f.path;
    item["value"] = report_writers::typed(f.observed);
    item["confidence"] = to_string(f.confidence);
    if (!f.how.empty()) item["how"] = f.how;
    json evidence = json::array();
    for (const auto& e : f.evidence) evidence.push_back(report_writers::artifact_position_json(e));
    item["evidence"] = std::move(evidence);
    facts.push_back(std::move(item));
  }
  out["facts"] = std::move(facts);
  json unresolved = json::array();
  for (const auto& u : d.unresolved) {
    unresolved.push_back({{"file", u.at.file},
                          {"line", u.at.where.line},
                          {"column", u.at.where.column},
                          {"resource", u.at.resource},
                          {"text", u.at.text},
                          {"why", u.why}});
  }
  out["unresolved"] = std::move(unresolved);
  return out;
}

// A YAML scalar that reads back as the same string: JSON's quoting is valid YAML.
std::string quoted(const std::string& s) { return report_writers::json(s).dump(); }

std::string yaml_value(const value& v) {
  if (v.k == value::kind::integer) return std::to_string(v.integer);
  if (v.k == value::kind::list) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + quoted(v.items[i].text);
    return out + "]";
  }
  return quoted(v.text);
}

// `file:line:col` (a one-line plan JSON is all line 1); `file` alone for a file with no
// position (a link not followed).
// A comment ends at a line break: a file name must not hold one (nor anything else raw).
std::string place(const artifact_position& p) {
  if (p.where.line == 0) return printable(p.file);
  return printable(p.file) + ":" + std::to_string(p.where.line) + ":" +
         std::to_string(p.where.column);
}

std::string evidence_comment(const derived_fact& f) {
  std::string out = "  #";
  if (f.confidence != fact_confidence::exact) out += std::string(" ") + to_string(f.confidence) + ":";
  for (std::size_t i = 0; i < f.evidence.size() && i < 3; ++i) {
    out += (i ? ", " : " ") + place(f.evidence[i]);
  }
  if (!f.how.empty()) out += " (" + printable(f.how) + ")";
  return out;
}

// The draft profile: the required fields to fill in, then each derived record.
std::string derive_yaml(const artifact_set& set, const derivation& d, const schema& s) {
  auto has_field = [&](std::string_view record_path, const std::string& field) {
    // record_path: product.models, infrastructure.accelerators
    const schema_type* t = s.root;
    std::string_view rest = record_path;
    while (t != nullptr && !rest.empty()) {
      const auto dot = rest.find('.');
      const std::string name(rest.substr(0, dot));
      const int i = t->field_index(name);
      t = i < 0 ? nullptr : t->fields[static_cast<std::size_t>(i)].type;
      if (t != nullptr && t->kind == type_kind::list) t = t->element;
      rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    return t != nullptr && t->field_index(field) >= 0;
  };
  std::string out = "# Draft profile derived by `lexgate derive` from";
  for (const auto& f : set.files) {
    if (f.kind != artifact_kind::ignored) out += " " + printable(f.file);
  }
  out += ".\n# Each value names its evidence; check the guesses, then fill in what artifacts cannot say.\n";
  out += "profile: 1\nproduct:\n  id: \"\"  # required: the product's id\n";
  // Group facts by record, keeping their order.
  std::vector<std::pair<std::string, std::vector<const derived_fact*>>> records;
  for (const auto& f : d.facts) {
    if (records.empty() || records.back().first != f.subject) records.push_back({f.subject, {}});
    records.back().second.push_back(&f);
  }
  auto list_of = [](const std::string& subject) { return subject.substr(0, subject.find('[')); };
  auto write_list = [&](const std::string& list, const std::string& indent) {
    bool any = false;
    for (const auto& [subject, facts] : records) {
      if (list_of(subject) != list || subject.find('[') == std::string::npos) continue;
      if (!any) out += indent + list.substr(list.rfind('.') + 1) + ":\n";
      any = true;
      // Guesses and fields this library's schema lacks are comments, not values.
      auto comment = [&](const derived_fact* f) {
        return !has_field(list, f->field) || f->confidence == fact_confidence::name_guess;
      };
      const bool any_value = std::any_of(facts.begin(), facts.end(),
                                         [&](const derived_fact* f) { return !comment(f); });
      if (!any_value) out += indent + "  - {}\n";
      bool first = any_value;
      for (const derived_fact* f : facts) {
        const bool c = comment(f);
        out += indent + (first && !c ? "  - " : "    ") + (c ? "# " : "") + f->field + ": " +
               yaml_value(f->observed) + evidence_comment(*f) + "\n";
        if (!c) first = false;
      }
    }
  };
  write_list("product.models", "  ");
  out += "deployment:\n  markets: []  # required: the markets it ships to\n";
  for (const auto& [subject, facts] : records) {
    if (subject != "data.storage") continue;
    out += "data:\n  storage:\n";
    for (const derived_fact* f : facts) {
      out += "    " + f->field + ": " + yaml_value(f->observed) + evidence_comment(*f) + "\n";
    }
  }
  bool infra = false;
  for (const auto& [subject, facts] : records) {
    infra = infra || subject.starts_with("infrastructure.accelerators[");
  }
  if (infra) {
    out += "infrastructure:\n";
    write_list("infrastructure.accelerators", "  ");
  }
  if (!d.unresolved.empty()) {
    out += "# Unresolved:\n";
    for (const auto& u : d.unresolved) {
      out += "#   " + place(u.at) + ": `" + printable(u.at.text) + "`: " + printable(u.why) + "\n";
    }
  }
  std::size_t ignored = 0;
  for (const auto& f : set.files) ignored += f.kind == artifact_kind::ignored ? 1 : 0;
  if (ignored > 0) {
    out += "# Ignored (not a deployment artifact lexgate reads):";
    for (const auto& f : set.files) {
      if (f.kind == artifact_kind::ignored) out += " " + printable(f.file);
    }
    out += "\n";
  }
  return out;
}

exit_code run_derive(const derive_options& o) {
  // The draft must not overwrite an artifact given by name, nor a rule file it is read with.
  std::vector<std::string> rule_folders = o.rule_dirs;
  rule_folders.insert(rule_folders.end(), o.add_dirs.begin(), o.add_dirs.end());
  if (output_is_input(o.output, o.paths, rule_folders)) return exit_code::error;
  diagnostic_bag bag;
  auto set = read_artifacts(o.paths, bag);
  print_diagnostics(bag);
  if (!set || output_replaces_artifact({o.output}, *set)) return exit_code::error;
  auto rules = load_rules(o.rule_dirs, o.add_dirs);
  if (!rules) return exit_code::error;
  const derivation d = derive_facts(*set, *rules);
  const std::string text = o.format == "json" ? derive_json(*set, d).dump(2) + "\n"
                                              : derive_yaml(*set, d, rules->profile_schema());
  return emit(text, o.output) ? exit_code::clear : exit_code::error;
}

}  // namespace

void add_derive_command(CLI::App& app, exit_code& result) {
  auto o = std::make_shared<derive_options>();
  auto* cmd = app.add_subcommand(
      "derive", "Read deployment artifacts and report the facts they establish (a draft profile)");
  cmd->add_option("paths", o->paths,
                  "Kubernetes manifests, docker-compose files, LiteLLM configs, .env files, "
                  "Terraform plan JSON, or folders of them")
      ->required();
  cmd->add_option("--format", o->format, "yaml: a draft profile with evidence comments; json: the facts")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o->output, "Write to FILE (atomically) instead of standard output");
  cmd->add_option("--rules", o->rule_dirs,
                  "Rule library whose entity registry and schema the facts follow");
  // An overlay's registry entries name companies the facts must resolve to.
  add_overlay_option(*cmd, o->add_dirs);
  cmd->callback([o, &result] { result = run_derive(*o); });
}

}  // namespace lexgate::cli
