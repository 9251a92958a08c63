// `lexgate scan --jsonl` reads its input a block at a time (1 MiB, 64 KiB per read) and judges
// lines while it reads on: lines split between blocks, longer than a block, or ending the input
// without a line break are judged whole, with their own line numbers, in input order.
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

// Acme's own product on Australian Government devices, judged clear; `padding` spaces inside
// the object lengthen the line without changing the profile.
std::string clear_line(const std::string& id, std::size_t padding = 0) {
  return R"({"profile": 1, "product": {"id": ")" + id + R"(", "vendor": {"name": "Acme",)" +
         std::string(padding, ' ') +
         R"( "country": "AU"}, "models": []}, "deployment": {"markets": ["AU"],)"
         R"( "device_classes": ["government"], "audiences": ["government"]}})";
}

std::vector<nlohmann::json> rows_of(const std::string& out) {
  std::istringstream lines(out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

// Lines of about 1.5 KiB, a blank one after every tenth: 3 MiB, three blocks and more, so
// lines and blank lines fall across their ends.
struct fleet {
  std::string text;
  std::vector<std::uint32_t> lines;  // the line number of each profile
  std::vector<std::string> ids;
};

fleet long_fleet(const std::string& line_break) {
  fleet f;
  std::uint32_t line = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = "p" + std::to_string(i);
    f.text += clear_line(id, 1400 + static_cast<std::size_t>(i % 97)) + line_break;
    f.lines.push_back(++line);
    f.ids.push_back(id);
    if (i % 10 == 9) {
      f.text += line_break;
      ++line;
    }
  }
  return f;
}

void check_rows(const fleet& f, const std::string& out, const std::string& profile) {
  const auto rows = rows_of(out);
  REQUIRE(rows.size() == f.ids.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO("row " << i);
    CHECK(rows[i]["profile"] == profile);
    CHECK(rows[i]["line"] == f.lines[i]);
    CHECK(rows[i]["id"] == f.ids[i]);
    CHECK(rows[i]["verdict"] == "clear");
  }
}

}  // namespace

TEST_CASE("lines across the ends of blocks are judged whole, numbered and in order",
          "[scan][jsonl][stream]") {
  scratch_dir dir;
  const fleet f = long_fleet("\n");
  REQUIRE(f.text.size() > (std::size_t{3} << 20));
  const std::string file = dir.write("fleet.jsonl", f.text);
  for (const char* threads : {"1", "2", "7"}) {
    INFO("threads " << threads);
    auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", threads});
    CHECK(r.exit_code == 0);
    check_rows(f, r.out, file);
    CHECK(r.err.find("lexgate scan: 2000 profiles on") != std::string::npos);
  }
  auto piped = run_lexgate({"scan", "-", "--jsonl", "--as-of", "2025-06-01"}, f.text);
  CHECK(piped.exit_code == 0);
  check_rows(f, piped.out, "-");
}

TEST_CASE("CRLF line breaks and a last line without one", "[scan][jsonl][stream]") {
  scratch_dir dir;
  fleet f = long_fleet("\r\n");
  f.text += clear_line("last");  // no line break after it
  f.lines.push_back(f.lines.back() + 2);  // the 2000th profile is followed by a blank line
  f.ids.push_back("last");
  const std::string file = dir.write("crlf.jsonl", f.text);
  auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", "2"});
  CHECK(r.exit_code == 0);
  check_rows(f, r.out, file);
}

TEST_CASE("a line longer than a block is judged, and the lines after it", "[scan][jsonl][stream]") {
  scratch_dir dir;
  // 1 MiB less a little: within the line limit, longer than the room a block has after the
  // lines before it.
  const std::string wide = clear_line("wide", (std::size_t{1} << 20) - 400);
  REQUIRE(wide.size() <= (std::size_t{1} << 20));
  std::string text;
  for (int i = 0; i < 300; ++i) text += clear_line("a" + std::to_string(i), 1000) + "\n";
  text += wide + "\n" + clear_line("after") + "\n";
  const std::string file = dir.write("wide.jsonl", text);
  auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", "1"});
  CHECK(r.exit_code == 0);
  const auto rows = rows_of(r.out);
  REQUIRE(rows.size() == 302);
  CHECK(rows[300]["line"] == 301);
  CHECK(rows[300]["id"] == "wide");
  CHECK(rows[300]["verdict"] == "clear");
  CHECK(rows[301]["line"] == 302);
  CHECK(rows[301]["id"] == "after");
}

TEST_CASE("a line past 1 MiB is an error and ends the input", "[scan][jsonl][stream]") {
  scratch_dir dir;
  std::string text;
  for (int i = 0; i < 700; ++i) text += clear_line("a" + std::to_string(i), 1000) + "\n";
  // Megabytes without a line break, as from a stream that never ends one.
  text += clear_line("huge", std::size_t{3} << 20) + "\n" + clear_line("never") + "\n";
  const std::string file = dir.write("huge.jsonl", text);
  for (const bool piped : {false, true}) {
    INFO("piped " << piped);
    auto r = piped ? run_lexgate({"scan", "-", "--jsonl", "--as-of", "2025-06-01"}, text)
                   : run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01"});
    CHECK(r.exit_code == 2);
    const auto rows = rows_of(r.out);
    REQUIRE(rows.size() == 701);
    CHECK(rows[699]["id"] == "a699");
    CHECK(rows[700]["line"] == 701);
    CHECK(rows[700]["error"][0]["code"] == "profile.limit");
    CHECK(r.err.find("701 profiles on") != std::string::npos);
  }
}

TEST_CASE("a file of blank lines only judges nothing, and fails", "[scan][jsonl][stream]") {
  scratch_dir dir;
  const std::string file = dir.write("blank.jsonl", std::string(3u << 20, '\n'));
  auto r = run_lexgate({"scan", file, "--jsonl"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("error[scan.empty]") != std::string::npos);
  CHECK(r.err.find("lexgate scan:") == std::string::npos);  // no summary of nothing
}
