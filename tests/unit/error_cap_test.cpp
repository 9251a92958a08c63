// Errors past the diagnostic bag's cap are counted, said ("and N more errors"), and never
// mistaken for success by a stage that compares error counts.
#include <memory>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

// A profile with `n` unknown keys under `compliance`: one error each.
std::string profile_with_unknown_keys(int n) {
  std::string yaml =
      "profile: 1\nproduct:\n  id: p\ndeployment:\n  markets: [AU]\ncompliance:\n";
  for (int i = 0; i < n; ++i) yaml += "  no_such_key_" + std::to_string(i) + ": true\n";
  return yaml;
}

}  // namespace

TEST_CASE("the bag keeps the first errors and counts the rest", "[diagnostics]") {
  diagnostic_bag bag(3);
  for (int i = 0; i < 5; ++i) bag.error("test.e" + std::to_string(i), "error");
  bag.report(diagnostic_severity::warning, "test.w", "a warning", nullptr, {});
  CHECK(bag.error_count() == 5);
  CHECK(bag.dropped_errors() == 2);
  CHECK(bag.items().size() == 4);  // three errors and the warning
  const std::string text = render_diagnostics(bag);
  CHECK(text.find("error[test.e2]") != std::string::npos);
  CHECK(text.find("error[test.e3]") == std::string::npos);
  CHECK(text.find("and 2 more errors (only the first 3 are shown)\n") != std::string::npos);
}

TEST_CASE("a bag under its cap renders no count of hidden errors", "[diagnostics]") {
  diagnostic_bag bag(3);
  bag.error("test.e", "error");
  CHECK(bag.dropped_errors() == 0);
  CHECK(render_diagnostics(bag).find("more error") == std::string::npos);
}

TEST_CASE("a stage fails on its own errors when the bag is already full", "[diagnostics]") {
  const library lib = library_with("");
  diagnostic_bag bag(1);
  bag.error("test.earlier", "an earlier error fills the bag");
  REQUIRE(bag.full());
  auto source = std::make_shared<const source_file>("p.yaml", profile_with_unknown_keys(1));
  CHECK_FALSE(load_profile(source, lib.profile_schema(), bag).has_value());
  CHECK(bag.error_count() == 2);
  CHECK(bag.dropped_errors() == 1);
}

TEST_CASE("`check` says how many errors it did not show", "[diagnostics][cli]") {
  scratch_dir dir;
  const std::string path = dir.write("many-errors.yaml", profile_with_unknown_keys(60));
  const auto r = run_lexgate({"check", path});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("and 10 more errors (only the first 50 are shown)") != std::string::npos);
}
