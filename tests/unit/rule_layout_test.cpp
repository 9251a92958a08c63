// The layout of a rule file is not part of its meaning: every kind of white space the grammar
// accepts between tokens (space, tab, line feed, carriage return, vertical tab, form feed) and a
// comment wherever white space may go give the same library as the files as written, with the
// same verdicts on the same profiles. Only positions (and the digest) change.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"
#include "support/catch.hpp"

namespace {

// Each space outside strings and comments becomes `gap`.
std::string relaid(const std::string& text, const std::string& gap) {
  std::string out;
  bool in_string = false;
  bool in_comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_comment) {
      in_comment = c != '\n' && c != '\r';
    } else if (in_string) {
      if (c == '\\' && i + 1 < text.size()) {
        out += c;
        out += text[++i];
        continue;
      }
      in_string = c != '"';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '#') {
      in_comment = true;
    } else if (c == ' ') {
      out += gap;
      continue;
    }
    out += c;
  }
  return out;
}

std::vector<lexgate::source_ptr> relaid_library(const std::string& gap) {
  std::vector<lexgate::source_ptr> out;
  for (const auto& f : lexgate::standard_library_sources()) {
    out.push_back(std::make_shared<const lexgate::source_file>(f->name(), relaid(f->text(), gap)));
  }
  return out;
}

// What a rule says, without where it is written.
std::string meaning(const lexgate::library& lib) {
  std::ostringstream out;
  const auto day = [](const std::optional<lexgate::date>& d) {
    return d ? d->to_string() : std::string("-");
  };
  for (const auto& r : lib.regimes()) {
    out << r.id << '|' << r.title << '|' << r.authority << '|' << r.jurisdiction << '|'
        << r.instrument << '|' << static_cast<int>(r.reach) << '|' << r.effective.to_string() << '|'
        << day(r.until) << '|' << r.file << '\n';
    for (const auto& s : r.sources) out << "  source " << s << '\n';
    for (const auto& rule : r.rules) {
      out << "  " << rule.id << '|' << rule.cite << '|' << static_cast<int>(rule.severity) << '|'
          << rule.forbids << '|' << rule.message << '|' << rule.remedy << '|' << day(rule.effective)
          << '|' << day(rule.until) << '\n';
    }
  }
  for (const auto& v : lib.invariants()) {
    out << v.id << '|' << v.title << '|' << v.cite << '|' << v.message << '|' << day(v.effective)
        << '|' << day(v.until) << '\n';
  }
  return out.str();
}

// Every market's verdict and findings (rule, outcome, message) for one profile.
std::string verdicts(const lexgate::library& lib, const lexgate::profile& p,
                     const lexgate::date& as_of) {
  lexgate::evaluate_options options;
  options.as_of = as_of;
  const auto r = lexgate::evaluate(lib, p, options);
  std::ostringstream out;
  for (const auto& m : r.markets) {
    out << m.market << ' ' << static_cast<int>(m.market_verdict) << '\n';
    for (const auto& f : m.findings) {
      out << "  " << f.rule << ' ' << static_cast<int>(f.status) << ' ' << f.message << '\n';
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("white space and comments between tokens change no rule and no verdict",
          "[parse][library]") {
  lexgate::diagnostic_bag bag;
  const auto written = lexgate::load_library(lexgate::standard_library_sources(), bag, "standard");
  REQUIRE(written);
  const std::string expected = meaning(*written);
  REQUIRE(written->rule_count() > 0);

  std::vector<std::filesystem::path> profiles;
  for (const auto& entry :
       std::filesystem::directory_iterator(LEXGATE_SOURCE_DIR "/fixtures/profiles")) {
    if (entry.path().extension() == ".yaml") profiles.push_back(entry.path());
  }
  REQUIRE(!profiles.empty());
  const auto as_of = *lexgate::date::parse("2026-11-30");

  for (const std::string gap :
       {"\t", "\v", "\f", "\r\n", "\r", "  # a comment\n ", " #\r", "\n# a line of comment\n\n"}) {
    INFO("each space written as " << ::Catch::Detail::stringify(gap));
    lexgate::diagnostic_bag relaid_bag;
    const auto relaid_lib = lexgate::load_library(relaid_library(gap), relaid_bag, "standard");
    INFO(lexgate::render_diagnostics(relaid_bag));
    REQUIRE(relaid_lib);
    CHECK(relaid_bag.error_count() == 0);
    CHECK(meaning(*relaid_lib) == expected);
    CHECK(relaid_lib->digest() != written->digest());  // the files did change
    for (const auto& path : profiles) {
      INFO(path.filename().string());
      std::string why;
      const auto source = lexgate::read_source_file(path.string(), why);
      REQUIRE(source);
      lexgate::diagnostic_bag profile_bag;
      const auto p = lexgate::load_profile(source, written->profile_schema(), profile_bag);
      const auto q = lexgate::load_profile(source, relaid_lib->profile_schema(), profile_bag);
      if (!p || !q) {
        CHECK(!p);  // a fixture the schema refuses is refused by both
        CHECK(!q);
        continue;
      }
      CHECK(verdicts(*relaid_lib, *q, as_of) == verdicts(*written, *p, as_of));
    }
  }
}
