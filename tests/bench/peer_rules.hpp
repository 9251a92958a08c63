// The standard library cut down to the rules the peer engines encode (tests/bench/peers/rules.mjs),
// so that lexgate and the peers are timed on the same rules.
#pragma once

#include "lexgate/library.hpp"

namespace lexgate::bench {

/// The standard library holding only the rules rules.mjs names by full id: every other rule,
/// every regime left without a rule, and the invariants are cut from the rule text before it is
/// compiled; definitions, schema, jurisdictions and entities stay. Exits when a named rule is not
/// in the library.
const library& peer_library();

}  // namespace lexgate::bench
