// Resolving a typed profile's company names through the entity registry, once, when the profile
// is loaded (layer: profile). Evaluation then compares names that are already canonical.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/schema_memory.hpp"
#include "io/short_text.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/entities.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Where a schema keeps the fields name resolution reads (indices into records; -1 when the
/// schema has no such field), and whether they hold company names.
struct resolution_layout {
  int product = -1;
  int vendor = -1;
  int vendor_name = -1;
  int vendor_country = -1;
  int models = -1;
  int name = -1;  // of a model, like those below
  int provider = -1;
  int provider_country = -1;
  int op = -1;
  int operator_country = -1;
  int hosting = -1;
  bool vendor_is_company = false;  // the vendor's name is typed as a company name
  bool models_listed = false;      // `models` is a list of records
  bool model_companies = false;    // a model's provider (and operator) are company names
};

/// What one JSON reader keeps for name resolution from one line to the next: the layout of the
/// schema, and the registry's answers for the company names it met (a fleet names the same few
/// companies on every line, and each registry lookup normalises and hashes the name again).
/// For one schema at a time: it starts afresh when given another. Holds a bounded number of
/// names, so hostile input costs bounded memory.
class resolution_memory {
 public:
  /// The layout of `s`, worked out once.
  const resolution_layout& layout(const schema& s);
  /// What `s.entities.company(name)` returns, from memory when it was asked before.
  const std::optional<entity_match>& company(const schema& s, std::string_view name);
  /// What `s.entities.model(name)` returns, from memory when it was asked before.
  const std::optional<entity_match>& model(const schema& s, std::string_view name);

  /// The paths of steps of `profile::resolutions` a profile no longer needs, for a later
  /// profile's steps: a path is the one text of a step too long to be held inline, and moving
  /// it alone costs a fraction of moving the step.
  std::vector<std::string> spare_paths;

 private:
  static constexpr std::size_t capacity = 4096;
  void use(const schema& s);
  remembered_schema schema_;  // the schema the layout and the answers are for
  resolution_layout layout_;
  std::unordered_map<std::string, std::optional<entity_match>, short_text_hash, std::equal_to<>>
      known_;
  std::unordered_map<std::string, std::optional<entity_match>, short_text_hash, std::equal_to<>>
      models_;
};

/// The layout of `s` (see resolution_layout).
resolution_layout layout_of(const schema& s);

/// Replaces each resolved company name (vendor, provider, operator) by its entity's display
/// name; fills `provider` from a model's name, the operator by its defaults (the provider for
/// `provider-api`, the vendor for `self-hosted`) and countries from the registry; records each
/// step in `p.resolutions`. A stated country that contradicts the registry is a
/// `profile.entity_country` error, with both positions; a stated provider other than the
/// developer a model's name identifies is a `profile.entity_developer` error (a warning when the
/// name only suggests the developer). `json` when the profile came from a JSON
/// line (positions are then a line and a JSON pointer). False on any error.
/// `memory`, when given, answers for the schema's layout and the registry (`s.entities`).
bool resolve_names(profile& p, const schema& s, diagnostic_bag& bag, bool json,
                   resolution_memory* memory = nullptr);

}  // namespace lexgate::detail
