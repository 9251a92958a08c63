// `lexgate check` through the binary with its JSON report parsed, for tests of verdicts.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

namespace lexgate::testing {

/// `lexgate check PATH --as-of AS_OF --format json EXTRA...`, which must end in a gate outcome
/// (exit 0 or 1), its report parsed.
inline nlohmann::json check_json(const std::string& path, const std::string& as_of,
                                 const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"check", path, "--as-of", as_of, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_lexgate(args);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return nlohmann::json::parse(r.out);
}

/// Each market of a JSON report, with its verdict.
inline std::map<std::string, std::string> market_verdicts(const nlohmann::json& report) {
  std::map<std::string, std::string> out;
  for (const auto& m : report["markets"]) out[m["market"]] = m["verdict"];
  return out;
}

}  // namespace lexgate::testing
