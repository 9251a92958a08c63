// The profiles every benchmark uses: the standard library and generated profiles (seed 42),
// as YAML text and loaded, built once per benchmark process.
#pragma once

#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::bench {

struct corpus {
  library rules;
  std::vector<source_ptr> yaml;   ///< Generated profiles as YAML files.
  std::vector<std::string> json;  ///< The same profiles as one JSON line each.
  std::vector<profile> profiles;  ///< The same profiles, loaded.
  date as_of;                     ///< 2025-06-01: most regimes in force, one upcoming.
  std::size_t yaml_bytes = 0;
};

/// Built on first use; exits the process with a message if a generated profile does not load.
const corpus& shared_corpus();

}  // namespace lexgate::bench
