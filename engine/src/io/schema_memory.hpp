// Which schema a reader's memory holds answers for (layer: profile).
//
// A JSON reader is given its schema on every call and remembers what it worked out about it
// from one line to the next. Knowing the schema by its address would let a schema made after
// the first was destroyed, at the same address, be answered with the first one's valid codes,
// field positions and companies (dangling ones). The memory holds a weak reference to the
// schema's identity token instead (lexgate/schema.hpp, schema_identity): while it does, that
// token's control block stays allocated, so no later schema's token can share it.
#pragma once

#include <memory>

#include "lexgate/schema.hpp"

namespace lexgate::detail {

class remembered_schema {
 public:
  /// Whether `s` is the schema given last; when not, it is from now on, and the caller starts
  /// afresh. Two comparisons of control blocks, no shared count touched when it is the same.
  bool same(const schema& s) {
    const std::shared_ptr<const void>& token = s.identity.token();
    if (!of_.owner_before(token) && !token.owner_before(of_)) return true;
    of_ = token;
    return false;
  }

 private:
  std::weak_ptr<const void> of_;
};

}  // namespace lexgate::detail
