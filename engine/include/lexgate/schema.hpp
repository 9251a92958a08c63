// The typed deployment-profile schema and the jurisdiction table (layer: check). Both are
// declared in the rule library (`schema { ... }`, `enum`, `jurisdictions { ... }`), never in C++.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lexgate/entities.hpp"

namespace lexgate {

enum class type_kind : std::uint8_t {
  boolean,
  integer,
  string,
  date,
  jurisdiction,  ///< An ISO 3166 code declared in the jurisdiction table.
  enumeration,   ///< One of a declared set of kebab-case words.
  list,
  map,  ///< Keyed by jurisdiction code or `default`; lookups fall back to `default`.
  record,
};

struct schema_type;

struct schema_field {
  std::string name;
  const schema_type* type = nullptr;
  bool required = false;    ///< Absent is a profile error, not a missing fact.
  bool changeable = false;  ///< A deployment can change it (used by remediation planning).
};

struct schema_type {
  type_kind kind = type_kind::boolean;
  std::string name;  ///< `boolean`, an enum's name, `list of ...`, a record path.
  std::vector<std::string> enum_values;  ///< For `enumeration`, in declaration order.
  const schema_type* element = nullptr;  ///< For `list` and `map`.
  std::vector<schema_field> fields;      ///< For `record`, in declaration order.

  /// Index of a record field, or -1.
  int field_index(std::string_view field) const;
  bool has_enum_value(std::string_view v) const;
};

/// Jurisdiction codes and their containment (`IT in EU`, `US-TX in US`), transitively closed.
class jurisdiction_table {
 public:
  /// Declares a code; returns its index.
  std::uint32_t declare(std::string_view code);
  /// Records that `inner` lies inside `outer` (both declared). Call `close()` after the last one.
  void add_containment(const std::string& inner, const std::string& outer);
  /// The same by index (both below `size()`), for a table rebuilt from a compiled program.
  void add_containment(std::uint32_t inner, std::uint32_t outer);
  /// Room for `n` codes, declared next.
  void reserve(std::size_t n);
  /// Computes the transitive closure. Returns false when containment has a cycle.
  bool close();

  bool known(std::string_view code) const { return index_of(code).has_value(); }
  /// Whether `code` is a valid market or place: a declared code, or an ISO 3166-2 subdivision
  /// (`JP-13`, `CA-ON`) of a declared ISO 3166-1 country that the library does not list. Any
  /// such code is valid; a library rule can only cover it through its country.
  bool valid(std::string_view code) const;
  /// The declared code standing for a valid `code`: itself, or the country of an undeclared
  /// subdivision. Nothing for an invalid code.
  std::optional<std::uint32_t> declared_for(std::string_view code) const;
  /// For a code that is not valid: the help naming the code probably meant (`it` → `IT`, ISO
  /// 3166's reserved `UK` → `GB`, a near spelling), or nothing when none is likely.
  std::optional<std::string> hint_for(const std::string& code) const;
  std::optional<std::uint32_t> index_of(std::string_view code) const;
  const std::string& code(std::uint32_t index) const { return codes_[index]; }
  std::size_t size() const { return codes_.size(); }
  const std::vector<std::string>& codes() const { return codes_; }

  /// Whether `outer` covers `inner`: equal, or `inner` lies (transitively) inside `outer`. An
  /// undeclared subdivision lies inside its country.
  bool covers(std::string_view outer, std::string_view inner) const;
  bool covers(std::uint32_t outer, std::uint32_t inner) const;
  /// The codes `code` lies directly inside, in the order first recorded (after `close()`).
  std::span<const std::uint32_t> parents(std::uint32_t index) const {
    return lists(parent_starts_, parent_items_, index);
  }

 private:
  std::vector<std::string> codes_;
  // Hashed, and looked up by string_view: every jurisdiction a profile states is checked here.
  // Open addressing over positions in `codes_` (position + 1; 0 marks an empty slot), at most
  // half full: no allocation per code (the table is rebuilt at every start), and a lookup is a
  // hash and mostly one comparison.
  std::vector<std::uint32_t> slots_;
  std::size_t slot_of(std::string_view code) const;  // the code's slot, or the empty one it takes
  void grow(std::size_t codes);                      // room for `codes` codes
  // Containment as recorded, (inner, outer), until `close()` lays it out by code.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> recorded_;
  // Each code's parents, and each code's ancestors (every code it lies inside, transitively),
  // as lists in one array each, code i's from starts[i] to starts[i + 1]: a few arrays for the
  // whole table rather than a list per code or a size() × size() matrix, since a library
  // declares hundreds of codes, a code lies inside few, and the table is rebuilt at every start
  // (compile/program_reader.cpp).
  std::vector<std::uint32_t> parent_starts_;
  std::vector<std::uint32_t> parent_items_;
  std::vector<std::uint32_t> ancestor_starts_;
  std::vector<std::uint32_t> ancestor_items_;
  static std::span<const std::uint32_t> lists(const std::vector<std::uint32_t>& starts,
                                              const std::vector<std::uint32_t>& items,
                                              std::uint32_t index) {
    if (std::size_t{index} + 1 >= starts.size()) return {};
    return {items.data() + starts[index], starts[index + 1] - starts[index]};
  }
};

/// What tells one schema object from every other, for what remembers its answers about a
/// schema from one call to the next (a JSON reader's valid codes, field layouts and company
/// names): an address does not, since a schema made after one is destroyed may take its place.
/// Each schema holds a token of its own, made with it; a weak reference to the token keeps its
/// control block, and so its owner, distinct from any token made later (`std::weak_ptr::
/// owner_before`), the way the evaluator knows a library by its program. A copy is another
/// schema, and so are a schema assigned to and one moved from: their content is no longer what
/// was seen. A schema changed in place keeps its token: do not change one while it is in use.
class schema_identity {
 public:
  schema_identity() : token_(fresh()) {}
  schema_identity(const schema_identity&) : token_(fresh()) {}
  schema_identity(schema_identity&& from) : token_(fresh()) { from.token_ = fresh(); }
  schema_identity& operator=(const schema_identity& other) {
    if (this != &other) token_ = fresh();
    return *this;
  }
  schema_identity& operator=(schema_identity&& from) {
    if (this != &from) {
      token_ = fresh();
      from.token_ = fresh();
    }
    return *this;
  }
  ~schema_identity() = default;

  /// Never empty; the same object for as long as the schema holds this identity.
  const std::shared_ptr<const void>& token() const { return token_; }

 private:
  static std::shared_ptr<const void> fresh() { return std::make_shared<const char>('\0'); }
  std::shared_ptr<const void> token_;
};

/// The schema: a root record type plus the types it uses, the jurisdictions and the entities.
/// Types live in a deque so pointers to them stay valid as more are added.
struct schema {
  std::deque<schema_type> types;
  const schema_type* root = nullptr;
  jurisdiction_table jurisdictions;
  /// The companies profiles name; resolution happens when a profile is loaded.
  entity_registry entities;
  /// Which schema this is, to what remembers answers about one (see schema_identity).
  schema_identity identity;

  /// Adds a type and returns a stable pointer to it.
  const schema_type* add(schema_type t);
  /// The built-in scalar type of a kind (boolean, integer, string, date, jurisdiction).
  const schema_type* scalar(type_kind kind);
  /// The type `company`: a string naming a company. A profile's value is resolved through
  /// `entities` when it is loaded; a rule's literal compared with it must name an entity.
  const schema_type* company();
  static bool is_company(const schema_type* t) {
    return t != nullptr && t->kind == type_kind::string && t->name == "company";
  }
};

}  // namespace lexgate
