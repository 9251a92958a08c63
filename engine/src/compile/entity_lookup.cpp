// The public entity lookups over a library's registry (layer: compile).
#include "lexgate/entities.hpp"
#include "lexgate/library.hpp"

namespace lexgate {

std::optional<entity_match> resolve_company(const library& rules, std::string_view name) {
  return rules.profile_schema().entities.company(name);
}

std::optional<entity_match> resolve_model(const library& rules, std::string_view model_id) {
  return rules.profile_schema().entities.model(model_id);
}

std::optional<entity_match> resolve_api_host(const library& rules, std::string_view host_or_url) {
  return rules.profile_schema().entities.api_host(host_or_url);
}

std::vector<const entity_info*> entities(const library& rules) {
  std::vector<const entity_info*> out;
  for (const auto& e : rules.profile_schema().entities.all()) out.push_back(&e);
  return out;
}

const entity_info* find_entity(const library& rules, std::string_view id) {
  return rules.profile_schema().entities.find(id);
}

}  // namespace lexgate
