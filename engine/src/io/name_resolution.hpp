// Resolving a typed profile's company names through the entity registry, once, when the profile
// is loaded (layer: profile). Evaluation then compares names that are already canonical.
#pragma once

#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Replaces each resolved company name (vendor, provider, operator) by its entity's display
/// name; fills `provider` from a model's name, the operator by its defaults (the provider for
/// `provider-api`, the vendor for `self-hosted`) and countries from the registry; records each
/// step in `p.resolutions`. A stated country that contradicts the registry is a
/// `profile.entity_country` error, with both positions. `json` when the profile came from a JSON
/// line (positions are then a line and a JSON pointer). False on any error.
bool resolve_names(profile& p, const schema& s, diagnostic_bag& bag, bool json);

}  // namespace lexgate::detail
