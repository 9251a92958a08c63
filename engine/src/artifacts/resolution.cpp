// Names in artifacts → companies, through the rule library's entity registry
// (lexgate/entities.hpp): a model id to its developer, an API host to its operator.
#include "artifacts/resolution.hpp"

#include "lexgate/entities.hpp"

namespace lexgate::detail {

namespace {

std::optional<resolved_name> from(const std::optional<entity_match>& m) {
  if (!m || m->entity == nullptr) return std::nullopt;
  resolved_name out;
  out.name = m->entity->name;
  out.country = m->entity->country;
  out.how = std::string("by its ") + to_string(m->how) +
            (m->matched.empty() ? std::string() : " `" + m->matched + "`");
  out.by_name_only = by_name_only(m->how);
  return out;
}

}  // namespace

std::optional<resolved_name> resolve_developer(const library& rules, std::string_view model) {
  return from(resolve_model(rules, model));
}

std::optional<resolved_name> resolve_operator(const library& rules, std::string_view host) {
  return from(resolve_api_host(rules, host));
}

std::optional<resolved_name> resolve_company_name(const library& rules, std::string_view name) {
  return from(resolve_company(rules, name));
}

}  // namespace lexgate::detail
