// A fleet scan warns about each profile id used more than once, naming where, whichever chunks
// and threads judged the lines; a fleet whose ids are all distinct gets no warning.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

std::string line_with_id(const std::string& id) {
  return R"({"profile": 1, "product": {"id": ")" + id +
         R"(", "models": []}, "deployment": {"markets": ["SG"]}})" + "\n";
}

// `count` lines, the n-th (from 1) with id `p<n>` unless `id_at` gives another.
template <class IdAt>
std::string fleet(int count, IdAt&& id_at) {
  std::string text;
  for (int n = 1; n <= count; ++n) text += line_with_id(id_at(n));
  return text;
}

}  // namespace

TEST_CASE("scan --jsonl warns about ids repeated across chunks, in input order",
          "[scan][jsonl]") {
  scratch_dir dir;
  // Lines 5 and 250 share an id (judged in different chunks), as do 100, 101 and 102; ids
  // that share a prefix or differ in length only are distinct.
  const std::string file = dir.write("fleet.jsonl", fleet(300, [](int n) -> std::string {
    if (n == 5 || n == 250) return "twice";
    if (n >= 100 && n <= 102) return "thrice-with-a-longer-id";
    if (n == 7) return "twic";
    if (n == 8) return "twice-";
    return "p" + std::to_string(n);
  }));
  for (const char* threads : {"1", "2"}) {
    INFO("threads " << threads);
    auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", threads});
    CHECK(r.err.find("warning[scan.duplicate-id]: profile id `twice` is used by 2 profiles: " +
                     file + ":5, " + file + ":250\n") != std::string::npos);
    CHECK(r.err.find("warning[scan.duplicate-id]: profile id `thrice-with-a-longer-id` is used "
                     "by 3 profiles: " +
                     file + ":100, " + file + ":101, " + file + ":102\n") != std::string::npos);
    CHECK(r.err.find("`twic`") == std::string::npos);
    CHECK(r.err.find("`twice-`") == std::string::npos);
    CHECK(r.err.find("`p1`") == std::string::npos);
  }
}

TEST_CASE("scan --jsonl gives no duplicate-id warning when every id differs", "[scan][jsonl]") {
  scratch_dir dir;
  const std::string file =
      dir.write("fleet.jsonl", fleet(1000, [](int n) { return "id-" + std::to_string(n); }));
  auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", "2"});
  CHECK(r.err.find("duplicate-id") == std::string::npos);
  CHECK(r.err.find("lexgate scan: 1000 profiles") != std::string::npos);
}
