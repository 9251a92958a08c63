// `CLI::Range` for integer options, built only when it is used.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace lexgate::cli {

/// The same validator as `CLI::Range(low, high)`: the same description in `--help`, the same
/// check and message. `CLI::Range` formats its description through a string stream as it is
/// constructed, at every start of every run; this one makes a `CLI::Range` only when the help
/// is printed or a value is checked.
class lazy_range : public CLI::Validator {
 public:
  template <class T>
  lazy_range(T low, T high) {
    desc_function_ = [low, high] { return CLI::Range(low, high).get_description(); };
    func_ = [low, high](std::string& input) { return CLI::Range(low, high)(input); };
  }
};

}  // namespace lexgate::cli
