// The interface between the engine and the solver module (layer: analyse). The module is a
// shared object built with the engine; the engine loads it with dlopen on first use, so
// programs that never plan never load Z3.
#pragma once

#include <cstddef>
#include <optional>

#include "compile/program_layout.hpp"
#include "lexgate/plan.hpp"

namespace lexgate::analyse {

/// Sizes of the types that cross the boundary, and the described layout of the compiled
/// program the module reads (compile/program_layout.hpp), so a module from a build with other
/// layouts is refused rather than trusted.
inline constexpr std::size_t layout_fingerprint =
    (sizeof(plan_report) * 1000003u + sizeof(value) * 10007u + sizeof(profile) * 101u +
     sizeof(plan_options) * 11u + sizeof(diagnostic_bag) * 3u + sizeof(conflict)) ^
    static_cast<std::size_t>(detail::program_layout_fingerprint);

struct module_entry {
  /// `lexgate::version()` of the build that made the module; a mismatch refuses the module.
  const char* version;
  std::size_t layout;
  std::optional<plan_report> (*plan)(const library&, const profile&, const plan_options&,
                                     diagnostic_bag&);
};

/// The module's one exported symbol.
inline constexpr const char* module_entry_symbol = "lexgate_analyse_module_entry";
inline constexpr const char* module_file_name = "liblexgate_analyse.so";

}  // namespace lexgate::analyse
