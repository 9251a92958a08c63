// The standard library's program compiled at build time (compile/program_codec.hpp): it is the
// program the rule text compiles to, it is what `lexgate` loads, and bytes that are not exactly
// a program of these rules are refused, never half-read.
#include <filesystem>
#include <string_view>

#include "compile/program_codec.hpp"
#include "embedded_program.hpp"
#include "embedded_rules.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"
#include "report/reports.hpp"
#include "support/catch.hpp"

namespace {

using lexgate::detail::decode_program;
using lexgate::detail::embedded_rules_digest;
using lexgate::detail::embedded_standard_program;
using lexgate::detail::encode_program;

lexgate::library compiled_from_text() {
  lexgate::diagnostic_bag bag;
  auto rules = lexgate::load_library(lexgate::standard_library_sources(), bag, "standard");
  REQUIRE(rules);
  return *rules;
}

std::string bytes_of(const lexgate::library& rules) {
  std::string bytes;
  std::string why;
  REQUIRE(encode_program(rules.program(), bytes, why));
  return bytes;
}

}  // namespace

TEST_CASE("the build's digest of the embedded rule files is the library's digest", "[codec]") {
  CHECK(compiled_from_text().digest() == embedded_rules_digest());
}

TEST_CASE("the embedded program is the program the embedded rule files compile to", "[codec]") {
  REQUIRE_FALSE(embedded_standard_program().empty());
  CHECK(bytes_of(compiled_from_text()) == embedded_standard_program());
}

TEST_CASE("the standard library loads from the embedded program", "[codec]") {
  const auto decoded = decode_program(embedded_standard_program(), embedded_rules_digest());
  REQUIRE(decoded);
  lexgate::diagnostic_bag bag;
  const auto loaded = lexgate::load_standard_library(bag);
  REQUIRE(loaded);
  CHECK(bytes_of(*loaded) == embedded_standard_program());
  CHECK(bytes_of(lexgate::library(decoded)) == embedded_standard_program());
}

TEST_CASE("reports from the embedded program equal reports from the rule text", "[codec]") {
  const auto text = compiled_from_text();
  lexgate::diagnostic_bag bag;
  const auto embedded = lexgate::load_standard_library(bag);
  REQUIRE(embedded);
  std::size_t profiles = 0;
  for (const auto& entry : std::filesystem::directory_iterator("fixtures/profiles")) {
    std::string why;
    const auto source = lexgate::read_source_file(entry.path().string(), why);
    REQUIRE(source);
    for (const char* day : {"2024-01-01", "2025-06-01", "2026-09-01"}) {
      lexgate::evaluate_options options;
      options.as_of = *lexgate::date::parse(day);
      lexgate::diagnostic_bag a_bag;
      lexgate::diagnostic_bag b_bag;
      const auto a = lexgate::load_profile(source, text.profile_schema(), a_bag);
      const auto b = lexgate::load_profile(source, embedded->profile_schema(), b_bag);
      REQUIRE(a);
      REQUIRE(b);
      const std::vector<lexgate::report> from_text{lexgate::evaluate(text, *a, options)};
      const std::vector<lexgate::report> from_program{lexgate::evaluate(*embedded, *b, options)};
      INFO(source->name() << " as of " << day);
      CHECK(lexgate::report_writers::render_json(from_program) ==
            lexgate::report_writers::render_json(from_text));
      CHECK(lexgate::report_writers::render_sarif(from_program, *embedded) ==
            lexgate::report_writers::render_sarif(from_text, text));
    }
    ++profiles;
  }
  CHECK(profiles >= 10);
}

TEST_CASE("a program of other rules, format or layout is refused", "[codec]") {
  const std::string bytes(embedded_standard_program());
  const std::string digest(embedded_rules_digest());
  CHECK(decode_program(bytes, digest));
  // Rules edited after the program was compiled: the build's digest no longer matches.
  std::string other_digest = digest;
  other_digest[0] = other_digest[0] == '0' ? '1' : '0';
  CHECK_FALSE(decode_program(bytes, other_digest));
  CHECK_FALSE(decode_program(bytes, ""));
  CHECK_FALSE(decode_program("", digest));
  // The format number follows the magic, `lexgate-program`; the layout fingerprint follows it.
  const std::size_t format_at = std::string_view("lexgate-program").size();
  for (const std::size_t at : {std::size_t{0}, format_at, format_at + 4}) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0x5a);
    CHECK_FALSE(decode_program(changed, digest));
  }
}

TEST_CASE("a malformed program is refused, never half-read", "[codec]") {
  const std::string bytes(embedded_standard_program());
  const std::string digest(embedded_rules_digest());
  // Cut anywhere: every read is bounds-checked and the whole input must be consumed.
  for (std::size_t size = 0; size < bytes.size(); size += 97) {
    CHECK_FALSE(decode_program(bytes.substr(0, size), digest));
  }
  CHECK_FALSE(decode_program(bytes.substr(0, bytes.size() - 1), digest));
  CHECK_FALSE(decode_program(bytes + '\0', digest));
  // Bytes changed anywhere give no program or a program, but never a crash (run under the
  // sanitizers by scripts/test).
  for (std::size_t at = 100; at < bytes.size(); at += 1009) {
    std::string changed = bytes;
    changed[at] = static_cast<char>(0xff);
    (void)decode_program(changed, digest);
  }
}
