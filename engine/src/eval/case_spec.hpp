// A rule-test case as read from its file (layer: evaluate). Loaded by io/case_loader.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/source.hpp"

namespace lexgate::detail {

struct expected_finding {
  std::string rule;
  std::string market;  ///< Empty: any market (for `no_findings`, every market).
  std::string status;  ///< Empty for `no_findings`.
  std::vector<std::string> missing;
  std::uint32_t line = 0;  ///< Where the expectation is written, for failure messages.
};

struct case_spec {
  std::string name;
  date as_of;
  profile facts;
  std::optional<std::string> verdict;
  std::vector<std::pair<std::string, std::string>> market_verdicts;
  std::vector<expected_finding> findings;
  std::vector<expected_finding> no_findings;
};

/// Reads a case file and its profile (a path relative to the case file, or an inline mapping
/// checked against `schema`). Errors go to `bag` as `case.*`, `profile.*` or `io.*`.
std::optional<case_spec> load_case(const source_ptr& file, const schema& schema,
                                   diagnostic_bag& bag);

}  // namespace lexgate::detail
