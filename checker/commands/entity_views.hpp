// The entity registry shown to people: `lexgate explain ENTITY` and `lexgate list --entities`.
#pragma once

#include <string>

#include "lexgate/library.hpp"

namespace lexgate::cli {

/// The entity `what` names (its id, or any name, organisation, model id or API host the
/// registry resolves) with its names and sources; empty when nothing resolves.
std::string explain_entity(const library& rules, const std::string& what);

/// Every entity with its country, names and sources, as text or JSON (`json`).
std::string list_entities(const library& rules, bool json);

}  // namespace lexgate::cli
