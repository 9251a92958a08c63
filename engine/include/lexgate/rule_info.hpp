// Regimes, rules and invariants as listed and reported (layer: check): what the checker knows of
// each. The compiled library keeps it beside the compiled expressions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

enum class rule_severity { block, warn, info };

/// Which markets a regime binds (see docs/rule-language.md, "Reach").
enum class regime_reach {
  territory,         ///< Markets its jurisdiction covers (`EU` covers `IT`, `US` covers `US-TX`).
  government,        ///< Only the market equal to its jurisdiction: that government's own systems.
  extraterritorial,  ///< Every market; its `applies when` alone decides.
};

struct rule_info {
  std::string id;        ///< Full id: `regime.rule`.
  std::string local_id;  ///< The id inside its regime.
  std::string regime;
  std::string cite;
  rule_severity severity = rule_severity::block;
  bool forbids = false;  ///< `forbid` rather than `require`.
  std::string message;   ///< As written, with `{...}` placeholders.
  std::string remedy;
  std::optional<date> effective;  ///< The rule's own dates, when it has them.
  std::optional<date> until;
  std::string file;
  location where;
};

struct regime_info {
  std::string id;
  std::string title;
  std::string authority;
  std::string jurisdiction;
  std::string instrument;
  regime_reach reach = regime_reach::territory;
  date effective;
  std::optional<date> until;
  std::vector<std::string> sources;
  std::string file;
  location where;
  std::vector<rule_info> rules;
};

/// A cited fact about the world that no single rule states but that remediation planning must
/// respect: it holds when its `when` condition is false or its `require` condition is true.
/// `lexgate check` reports a profile that breaks one as a block finding citing it.
struct invariant_info {
  std::string id;
  std::string title;
  std::string cite;
  std::vector<std::string> sources;
  std::string message;
  std::optional<date> effective;
  std::optional<date> until;
  std::string file;
  location where;
};

/// An invariant's conditions as written in its file, for people (`lexgate explain`).
struct invariant_conditions {
  std::string when;  ///< Empty when the invariant has no `when`.
  std::string require;
};

}  // namespace lexgate
