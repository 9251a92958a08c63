// The flow-nesting limit counted before yaml-cpp reads a profile: brackets and braces count,
// except inside comments and quoted scalars, and the error points at the one past the limit.
#include <memory>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

// The `profile.limit` diagnostic loading `yaml` with flow nesting limited to `depth`, if any.
std::optional<diagnostic> depth_error(const std::string& yaml, std::uint32_t depth) {
  static const library lib = library_with("");
  diagnostic_bag bag;
  profile_limits limits;
  limits.max_depth = depth;
  auto source = std::make_shared<const source_file>("p.yaml", yaml);
  (void)load_profile(source, lib.profile_schema(), bag, limits);
  for (const auto& d : bag.sorted()) {
    if (d.code == "profile.limit") return d;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("flow nesting past the limit is refused at the bracket past it", "[profile]") {
  const auto d = depth_error("a: [[[[1]]]]\n", 3);
  REQUIRE(d.has_value());
  CHECK(d->message == "nesting deeper than 3 levels");
  CHECK(d->where.line == 1);
  CHECK(d->where.column == 7);
  const auto braces = depth_error("a: 1\nb: {c: {d: {e: {f: 1}}}}\n", 3);
  REQUIRE(braces.has_value());
  CHECK(braces->where.line == 2);
  CHECK(braces->where.column == 16);
  // Closing brackets count down: two lists of three levels under one mapping are four deep.
  CHECK_FALSE(depth_error("a: [[[1]]]\nb: [[[2]]]\n", 4).has_value());
}

TEST_CASE("brackets in comments and quoted scalars do not count", "[profile]") {
  CHECK_FALSE(depth_error("# [[[[[[\na: 1 # {{{{{{\n", 3).has_value());
  CHECK_FALSE(depth_error("a: '[[[[[['\nb: \"{{{{{{\"\n", 3).has_value());
  // A backslash in double quotes escapes the quote after it: the scalar goes on.
  CHECK_FALSE(depth_error("a: \"x\\\"[[[[[[\"\n", 3).has_value());
  // A quote closed, the brackets after it count again.
  const auto after = depth_error("a: ['x', [[[1]]]]\n", 3);
  REQUIRE(after.has_value());
  CHECK(after->where.column == 12);
}
