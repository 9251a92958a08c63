// Test helpers: build a library and a profile from text, run the `lexgate` binary.
#include "support/library_fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "support/catch.hpp"

namespace lexgate::testing {

const char* const kTestSchema = R"lg(
enum audience { public, enterprise, government, minors }
enum device_class { consumer, enterprise, government }
enum filing_status { none, pending, completed }
schema {
  profile: integer required
  product: {
    id: string required
    vendor: { name: string  country: jurisdiction }
    models: list of {
      name: string
      provider: string
      provider_country: jurisdiction
      open_weights: boolean
    }
    public_opinion_attributes: boolean
  }
  deployment: {
    markets: list of jurisdiction required
    audiences: list of audience
    device_classes: list of device_class
  }
  data: {
    storage: map of list of jurisdiction
    retention_days: integer
  }
  compliance: {
    filing: filing_status
    labeling: boolean
    exemption: boolean
    approved_on: date
  }
}
jurisdictions {
  CN, TW, AU, KR
  IT, FR in EU
  US-TX, US-VA in US
  AU-NSW in AU
}
)lg";

std::optional<library> library_from(const std::vector<std::pair<std::string, std::string>>& files,
                                    diagnostic_bag& bag) {
  std::vector<source_ptr> sources;
  for (const auto& [name, text] : files) {
    sources.push_back(std::make_shared<const source_file>(name, text));
  }
  return load_library(sources, bag);
}

library library_with(const std::string& rules) {
  diagnostic_bag bag;
  auto lib = library_from({{"schema.rules", kTestSchema}, {"test.rules", rules}}, bag);
  for (const auto& d : bag.items()) INFO(render_diagnostic(d));
  REQUIRE(lib.has_value());
  return *lib;
}

std::vector<diagnostic> library_errors(const std::string& rules) {
  diagnostic_bag bag;
  auto lib = library_from({{"schema.rules", kTestSchema}, {"test.rules", rules}}, bag);
  CHECK_FALSE(lib.has_value());
  return bag.sorted();
}

profile profile_from(const library& rules, const std::string& yaml) {
  diagnostic_bag bag;
  auto source = std::make_shared<const source_file>("profile.yaml", yaml);
  auto p = load_profile(source, rules.profile_schema(), bag);
  for (const auto& d : bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p.has_value());
  return *p;
}

report check(const library& rules, const std::string& yaml, const std::string& as_of) {
  evaluate_options options;
  options.as_of = *date::parse(as_of);
  return evaluate(rules, profile_from(rules, yaml), options);
}

const market_report* market(const report& r, const std::string& code) {
  for (const auto& m : r.markets) {
    if (m.market == code) return &m;
  }
  return nullptr;
}

const finding* find(const report& r, const std::string& market_code, const std::string& rule) {
  const market_report* m = market(r, market_code);
  if (m == nullptr) return nullptr;
  for (const auto& f : m->findings) {
    if (f.rule == rule) return &f;
  }
  return nullptr;
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

scratch_dir::scratch_dir() {
  char pattern[] = "/tmp/lexgate-scratch-XXXXXX";
  const char* dir = ::mkdtemp(pattern);
  REQUIRE(dir != nullptr);
  path_ = dir;
}

scratch_dir::~scratch_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string scratch_dir::write(const std::string& name, const std::string& text) const {
  const auto full = std::filesystem::path(path_) / name;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << text;
  return full.string();
}

std::string source_path(const std::string& relative) {
  return std::string(LEXGATE_SOURCE_DIR) + "/" + relative;
}

run_result run_lexgate(const std::vector<std::string>& arguments, const std::string& input,
                       const std::vector<std::pair<std::string, std::string>>& environment) {
  namespace fs = std::filesystem;
  char pattern[] = "/tmp/lexgate-test-XXXXXX";
  const char* dir = ::mkdtemp(pattern);
  REQUIRE(dir != nullptr);
  const fs::path scratch(dir);
  std::ofstream(scratch / "in") << input;
  std::string command = "cd " + quote(LEXGATE_SOURCE_DIR) + " && ";
  for (const auto& [name, value] : environment) command += name + "=" + quote(value) + " ";
  command += quote(LEXGATE_BINARY);
  for (const auto& a : arguments) command += " " + quote(a);
  command += " <" + quote((scratch / "in").string()) + " >" + quote((scratch / "out").string()) +
             " 2>" + quote((scratch / "err").string());
  const int status = std::system(command.c_str());
  run_result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(scratch / "out");
  r.err = slurp(scratch / "err");
  fs::remove_all(scratch);
  return r;
}

std::string gate_rules(std::string_view message) {
  std::string text = R"lg(
enum filing_status { none, pending, completed }
schema {
  profile: integer required
  product: { id: string required  name: string }
  deployment: { markets: list of jurisdiction required }
  compliance: { filing: filing_status }
}
jurisdictions { CN, AU }
regime t.gate {
  title "Test gate" authority "Test" jurisdiction CN instrument law
  effective 2024-01-01 source "https://example.org/gate"
  rule filed {
    cite "Art. 1" severity block
    require compliance.filing == "completed"
    message "MESSAGE" remedy "complete the filing"
  }
}
)lg";
  text.replace(text.find("MESSAGE"), 7, message);
  return text;
}

std::string block_and_warn_rules() {
  return R"lg(
enum filing_status { none, pending, completed }
schema {
  profile: integer required
  product: { id: string required }
  deployment: { markets: list of jurisdiction required }
  compliance: { filing: filing_status  labeling: boolean }
}
jurisdictions { CN, AU, JP }
regime t.gate {
  title "Test gate" authority "Test" jurisdiction CN instrument law
  effective 2024-01-01 source "https://example.org/gate"
  rule filed {
    cite "Art. 1" severity block
    require compliance.filing == "completed"
    message "file it" remedy "complete the filing"
  }
  rule labeled {
    cite "Art. 2" severity warn
    require compliance.labeling
    message "label it" remedy "add labels"
  }
}
)lg";
}

}  // namespace lexgate::testing
