// A market code written the way people write it (`it`, `UK`, `EL`) is an error whose hint names
// the code meant. The hint by spelling alone sent `UK` to the Cook Islands (`CK`) and `EL` to
// Albania (`AL`).
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("a market code in lower case or a reserved code gets the code meant as its hint",
          "[profile][cli]") {
  scratch_dir dir;
  struct hinted {
    const char* written;
    const char* hint;
  };
  for (const hinted& h :
       {hinted{"it", "help: codes are upper case: `IT`"},
        hinted{"us-ca", "help: codes are upper case: `US-CA`"},
        hinted{"UK", "help: ISO 3166 reserves `UK`; the United Kingdom's code is `GB`"},
        hinted{"uk", "help: ISO 3166 reserves `UK`; the United Kingdom's code is `GB`"},
        hinted{"EL", "help: ISO 3166 reserves `EL`; Greece's code is `GR`"},
        hinted{"IX", "help: did you mean `"}}) {
    INFO(h.written);
    const std::string path = dir.write(
        "m.yaml", std::string("profile: 1\nproduct:\n  id: p\ndeployment:\n  markets: [") +
                      h.written + "]\n");
    const auto r = run_lexgate({"check", path, "--as-of", "2026-11-30"});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("m.yaml:5:13: error[profile.jurisdiction]: `" + std::string(h.written) +
                     "` is not a known jurisdiction") != std::string::npos);
    CHECK(r.err.find(h.hint) != std::string::npos);
  }
}

TEST_CASE("list --jurisdiction gives the same hint for a code in lower case", "[cli]") {
  const auto r = run_lexgate({"list", "--jurisdiction", "it"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error[usage]: `it` is not a known jurisdiction\n"
                 "  = help: codes are upper case: `IT`\n");
}
