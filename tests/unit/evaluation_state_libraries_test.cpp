// One evaluation_state used with two libraries in turn: the working memory remembers what it
// looked up for a library's constants (the jurisdiction codes of `within "EU"`), and must not
// answer for one library with what it learnt of the other.
#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "report/reports.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

std::string json_of(const lexgate::report& r) {
  return lexgate::report_writers::render_json(std::vector<lexgate::report>{r});
}

// The same regime; the second library's first constant is "CN" where the first's is "EU".
const char* const kWithinEu = R"lg(
regime t.vendor {
  title "Test" authority "Test" jurisdiction EU instrument law
  effective 2024-01-01 source "https://example.org/vendor"
  rule outside_eu {
    cite "Art. 1" severity block
    forbid not (product.vendor.country within "EU")
    message "vendor outside the EU" remedy "choose another vendor"
  }
}
)lg";

const char* const kWithinCnThenEu = R"lg(
regime t.vendor {
  title "Test" authority "Test" jurisdiction EU instrument law
  effective 2024-01-01 source "https://example.org/vendor"
  rule in_cn {
    cite "Art. 1" severity block
    forbid product.vendor.country within "CN"
    message "vendor in China" remedy "choose another vendor"
  }
  rule outside_eu {
    cite "Art. 2" severity block
    forbid not (product.vendor.country within "EU")
    message "vendor outside the EU" remedy "choose another vendor"
  }
}
)lg";

}  // namespace

TEST_CASE("one working memory used with two libraries in turn gives fresh evaluations' reports",
          "[eval][state]") {
  const lexgate::library first = library_with(kWithinEu);
  const lexgate::library second = library_with(kWithinCnThenEu);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  lexgate::evaluation_state state;
  lexgate::report reused;
  for (const char* country : {"FR", "TW", "CN", "IT"}) {
    const std::string yaml = std::string("profile: 1\nproduct: { id: p, vendor: { name: V, country: ") +
                             country + " } }\ndeployment: { markets: [IT, CN] }\n";
    for (const lexgate::library* lib : {&first, &second, &first}) {
      const lexgate::profile p = profile_from(*lib, yaml);
      lexgate::evaluate(*lib, p, options, state, reused);
      INFO(country << " with " << (lib == &first ? "the first" : "the second") << " library");
      CHECK(json_of(reused) == json_of(lexgate::evaluate(*lib, p, options)));
    }
  }
  // A vendor in France is in the EU and not in China under either library.
  const lexgate::profile fr =
      profile_from(second, "profile: 1\nproduct: { id: p, vendor: { name: V, country: FR } }\n"
                           "deployment: { markets: [IT] }\n");
  lexgate::evaluate(second, fr, options, state, reused);
  CHECK(find(reused, "IT", "t.vendor.in_cn") == nullptr);
  CHECK(find(reused, "IT", "t.vendor.outside_eu") == nullptr);
}
