// A profile whose `profile:` line was lost or misspelled, in a repository scanned by folder, was
// counted among the YAML that is not a profile and skipped: a DeepSeek deployment to Italy's
// government left the gate unjudged while the repository's other profiles passed it.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kBody =
    "product:\n  id: p\n  models:\n    - { name: deepseek-chat }\n"
    "deployment:\n  markets: [IT]\n  device_classes: [government]\n";

}  // namespace

TEST_CASE("a folder's YAML with a profile's sections but no profile key fails the scan",
          "[scan][repository]") {
  for (const auto& [first_line, hint] :
       {std::pair<std::string, std::string>{"profle: 1\n", "`profle:` is written where "
                                                           "`profile:` belongs"},
        {"Profile: 1\n", "`Profile:` is written where `profile:` belongs"},
        {"profiles: 1\n", "`profiles:` is written where `profile:` belongs"},
        {"", "add `profile: 1` (the profile format's version) as its first line"}}) {
    INFO(first_line);
    scratch_dir dir;
    dir.write("deploy/ok.yaml", "profile: 1\nproduct:\n  id: ok\ndeployment:\n  markets: [US]\n");
    const std::string bad = dir.write("deploy/it.yaml", first_line + kBody);
    // Other YAML of a repository is still left out without a word, even with a `deployment`.
    dir.write("charts/values.yaml", "deployment:\n  replicas: 2\nimage: vllm\n");
    dir.write("charts/other.yaml", "product: x\nversion: 2\n");
    const auto r = run_lexgate({"scan", dir.path(), "--as-of", "2026-11-30"});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(bad + ": error[scan.unmarked_profile]: `" + bad +
                     "` has a profile's `product` and `deployment` but no top-level `profile:` "
                     "key") != std::string::npos);
    CHECK(r.err.find(hint) != std::string::npos);
    CHECK(r.err.find("charts/") == std::string::npos);
  }
}
