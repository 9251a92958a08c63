// Resolving a typed profile's company names through the entity registry, once, when the profile
// is loaded (layer: profile). Evaluation then compares names that are already canonical.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lexgate/diagnostic.hpp"
#include "lexgate/entities.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// The registry's answers for the company names one JSON reader met, kept from one line to the
/// next: a fleet names the same few companies on every line, and each registry lookup
/// normalises and hashes the name again. Valid for one registry (it starts afresh when given
/// another); holds a bounded number of names, so hostile input costs bounded memory.
class company_cache {
 public:
  /// What `registry.company(name)` returns, from memory when it was asked before.
  const std::optional<entity_match>& company(const entity_registry& registry,
                                             std::string_view name);

 private:
  struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr std::size_t capacity = 4096;
  const entity_registry* registry_ = nullptr;
  std::unordered_map<std::string, std::optional<entity_match>, text_hash, std::equal_to<>> known_;
};

/// Replaces each resolved company name (vendor, provider, operator) by its entity's display
/// name; fills `provider` from a model's name, the operator by its defaults (the provider for
/// `provider-api`, the vendor for `self-hosted`) and countries from the registry; records each
/// step in `p.resolutions`. A stated country that contradicts the registry is a
/// `profile.entity_country` error, with both positions. `json` when the profile came from a JSON
/// line (positions are then a line and a JSON pointer). False on any error.
/// `cache`, when given, answers company names in place of the registry (`s.entities`).
bool resolve_names(profile& p, const schema& s, diagnostic_bag& bag, bool json,
                   company_cache* cache = nullptr);

}  // namespace lexgate::detail
