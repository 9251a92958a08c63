// A date in a JSON line (evidence of a typed value) is written as `date::to_string` writes it:
// YYYY-MM-DD for the years of four digits, and to_string's own text for any other.
#include <string>

#include "lexgate/date.hpp"
#include "lexgate/value.hpp"
#include "report/json_writer.hpp"
#include "report/typed_value_writer.hpp"
#include "support/catch.hpp"

namespace {

std::string written(std::int32_t days) {
  lexgate::value v;
  v.k = lexgate::value::kind::date;
  v.integer = days;
  std::string out;
  {
    lexgate::report_writers::json_writer w(out);
    lexgate::report_writers::write_typed(w, v);
  }
  return out;
}

}  // namespace

TEST_CASE("a typed date is written as date::to_string writes it", "[report][jsonl]") {
  // Every day from 1969 to 2101 (month and year ends, leap days), and far years either side.
  std::vector<std::int32_t> days;
  for (std::int32_t d = -400; d <= 48'000; ++d) days.push_back(d);
  for (const std::int32_t d : {-719'528, -719'529, -719'162, -700'000, -1'000'000, 2'932'896,
                               2'932'897, 3'000'000, 11'000'000, -11'000'000}) {
    days.push_back(d);
  }
  for (const std::int32_t d : days) {
    INFO(d);
    REQUIRE(written(d) == "\"" + lexgate::date{d}.to_string() + "\"");
  }
  CHECK(written(20'240) == "\"2025-06-01\"");
  CHECK(written(0) == "\"1970-01-01\"");
}
