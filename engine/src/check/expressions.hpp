// Name resolution and type checking of expressions (layer: check).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/checked.hpp"
#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"

namespace lexgate::detail {

struct definition_ref {
  const ast::definition* definition = nullptr;
  const source_file* file = nullptr;
};

/// Resolves and types the expressions of one library. Definitions are inlined at each use,
/// so their quantifier slots never collide with the caller's.
class expression_checker {
 public:
  expression_checker(schema& types, const std::map<std::string, definition_ref>& definitions,
                     diagnostic_bag& bag);

  /// Checks an expression that must be a condition (boolean). Nothing on error.
  std::optional<checked_node> condition(const ast::expr& e, const source_file& file);
  /// Checks `{path}` text from a message: a built-in or a path from a root attribute.
  std::optional<checked_node> placeholder(const std::string& path, const source_file& file,
                                          span where);
  /// Checks each definition once, standalone, so its errors are reported once.
  void check_definitions();

  /// Nesting of one checked expression once its definitions are inlined: the depth at which it
  /// is compiled, evaluated and encoded for the solver, each of which recurses once per level.
  static constexpr std::uint32_t max_depth = 256;
  /// Nodes of one checked expression once its definitions are inlined: definitions that each
  /// use the one before twice would otherwise grow it exponentially.
  static constexpr std::uint32_t max_nodes = 100000;
  /// Values in one list literal (`in [...]`), as many as a profile's list may hold.
  static constexpr std::uint32_t max_list_items = 10000;

  /// Most quantifier slots any expression checked so far needed.
  std::uint32_t max_slots() const { return max_slots_; }

 private:
  struct scope_entry {
    std::string name;
    const schema_type* type;
    std::int32_t slot;
  };

  std::optional<checked_node> check(const ast::expr& e);
  std::optional<checked_node> visit_checked(const ast::expr& e);
  std::optional<checked_node> check_name(const ast::expr& e, const std::string& name);
  std::optional<checked_node> check_binary(const ast::expr& e, const ast::binary& b);
  std::optional<checked_node> check_quantified(const ast::quantified& q);
  std::optional<checked_node> expect_boolean(std::optional<checked_node> n, const ast::expr& e,
                                             const char* role);

  /// Gives a literal (string, or list of strings) the type of what it is compared with,
  /// checking that each value belongs to it. False (and a diagnostic) when one does not.
  bool coerce(checked_node& literal, const schema_type* target, const ast::expr& where);
  bool compatible(const schema_type* a, const schema_type* b) const;
  bool is_literal(const checked_node& n) const;
  const schema_type* list_of(const schema_type* element);
  /// The schema's type for a scalar kind, asked of the schema once per kind.
  const schema_type* scalar(type_kind kind);
  void error(const char* code, std::string message, span where, std::string help = {});

  schema& types_;
  const std::map<std::string, definition_ref>& definitions_;
  diagnostic_bag& bag_;
  const source_file* file_ = nullptr;
  std::vector<scope_entry> scope_;
  std::set<std::string> expanding_;  // definitions being inlined, to catch cycles
  std::int32_t slot_base_ = 0;       // first slot of the current scope (inlined definitions)
  std::uint32_t max_slots_ = 0;
  std::array<const schema_type*, static_cast<std::size_t>(type_kind::record) + 1> scalars_{};
  bool quiet_ = false;  // inlined definitions were already checked once: no repeated errors
  // The current expression's inlined depth and size, and whether it was refused for them.
  std::uint32_t depth_ = 0;
  std::uint32_t nodes_ = 0;
  bool over_budget_ = false;
  // Where a definition cycle or an expression over budget was reported: each is said once,
  // however often it is reached.
  std::set<std::pair<const source_file*, std::uint32_t>> cycles_reported_;

  void start_expression() {
    depth_ = 0;
    nodes_ = 0;
    over_budget_ = false;
  }
};

/// The type's name as rule authors write it: `boolean`, `list of jurisdiction`, `product`.
std::string type_name(const schema_type* t);

}  // namespace lexgate::detail
