// Names in artifacts → companies. Until the entity registry is part of the rule library,
// nothing resolves: facts that need a company (provider, operator, their countries) are left
// out of the derivation, so rules that need them stay indeterminate, never clear.
#include "artifacts/resolution.hpp"

namespace lexgate::detail {

std::optional<resolved_name> resolve_developer(const library&, std::string_view) { return std::nullopt; }
std::optional<resolved_name> resolve_operator(const library&, std::string_view) { return std::nullopt; }
std::optional<resolved_name> resolve_company_name(const library&, std::string_view) { return std::nullopt; }

}  // namespace lexgate::detail
