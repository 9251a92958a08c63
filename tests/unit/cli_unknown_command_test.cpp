// A misspelt command (`lexgate chek p.yaml`) was answered "A subcommand is required": the
// usage error now names the word and the command probably meant, and still exits 2.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("an unknown command is a usage error naming the command meant", "[cli]") {
  const auto typo = run_lexgate({"chek", "p.yaml"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err == "error[usage]: `chek` is not a lexgate command\n"
                    "  = help: did you mean `check`?\n");
  const auto flagged = run_lexgate({"-q", "scn", "."});
  CHECK(flagged.exit_code == 2);
  CHECK(flagged.err.find("did you mean `scan`?") != std::string::npos);
  const auto other = run_lexgate({"deploy"});
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("the commands are `check`, `lint`, `list`, `explain`, `test`, `scan`, "
                       "`plan`, `derive`") != std::string::npos);
  // The word is quoted as printable text: a terminal escape in it is shown, not obeyed.
  const auto hostile = run_lexgate({"ch\x1b[31mek"});
  CHECK(hostile.exit_code == 2);
  CHECK(hostile.err.find('\x1b') == std::string::npos);
  CHECK(hostile.err.find("is not a lexgate command") != std::string::npos);
  // Commands, flags and help are CLI11's as before.
  CHECK(run_lexgate({"--help"}).exit_code == 0);
  CHECK(run_lexgate({"--version"}).exit_code == 0);
  CHECK(run_lexgate({"list", "--help"}).exit_code == 0);
}
