// Names in artifacts → companies, through the rule library's entity registry (layer: profile).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lexgate/library.hpp"

namespace lexgate::detail {

struct resolved_name {
  std::string name;     ///< The entity's display name: `DeepSeek`.
  std::string country;  ///< Its country of establishment: `CN`.
  std::string how;      ///< How it matched: "by its Hugging Face organisation".
  bool by_name_only = false;  ///< A re-upload or a path: a guess, never a fact.
};

/// The developer of a model named by a Hugging Face id, a model family or a file name.
std::optional<resolved_name> resolve_developer(const library& rules, std::string_view model);
/// The operator of a model API host.
std::optional<resolved_name> resolve_operator(const library& rules, std::string_view host);
/// A company named in a profile, for comparing it with an observed one.
std::optional<resolved_name> resolve_company_name(const library& rules,
                                                  std::string_view name);

}  // namespace lexgate::detail
