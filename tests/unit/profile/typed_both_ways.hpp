// JSON lines typed both ways: by the fast path into one reused profile, as `scan` does, and by
// the full typer. The tests that hold the fast path to the full typer compare the two.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "io/profile_reader.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"

namespace lexgate::testing {

struct typed_both_ways {
  bool fast = false;             ///< Whether the fast path accepted the line.
  std::optional<profile> full;   ///< What the full typer made of it.
  std::string fast_diagnostics;  ///< As `diagnostics_text` gives them.
  std::string full_diagnostics;
};

/// The standard library's schema, one file name for every line, and the fast path's reader and
/// reused profile, kept from one line to the next.
class typer_pair {
 public:
  typer_pair() {
    diagnostic_bag bag;
    library_ = load_standard_library(bag);
    REQUIRE(library_);
  }

  typed_both_ways type(const std::string& line, std::uint32_t number) {
    diagnostic_bag fast_bag;
    diagnostic_bag full_bag;
    typed_both_ways out;
    out.fast = reader_.load_into(line, number, file_, library_->profile_schema(), fast_bag, reused);
    out.full =
        detail::load_json_profile_full(line, number, file_, library_->profile_schema(), full_bag);
    out.fast_diagnostics = diagnostics_text(fast_bag);
    out.full_diagnostics = diagnostics_text(full_bag);
    return out;
  }

  /// Types `line` both ways and holds the two equal: both accept it, or both refuse it with the
  /// same diagnostics, and an accepted line gives the same values. Returns what each made of it,
  /// for the checks a test adds.
  typed_both_ways compare(const std::string& line, std::uint32_t number) {
    typed_both_ways t = type(line, number);
    INFO("line " << number << ": " << line);
    REQUIRE(t.fast == t.full.has_value());
    CHECK(t.fast_diagnostics == t.full_diagnostics);
    if (t.fast) CHECK(value_difference(reused.root, t.full->root).empty());
    return t;
  }

  profile reused;  ///< What the fast path typed the last line into.

 private:
  std::optional<library> library_;
  source_ptr file_ = std::make_shared<const source_file>("fleet.jsonl", "");
  json_profile_reader reader_;
};

}  // namespace lexgate::testing
