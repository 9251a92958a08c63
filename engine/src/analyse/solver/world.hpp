// A symbolic copy of one deployment's profile for the solver (layer: analyse).
//
// Every attribute becomes a Z3 term: fixed facts are constants, free attributes (those the
// schema marks `changeable`, unless the profile pins them in `plan.fixed`) are variables. Text
// of every kind (strings, enum values, jurisdiction codes) shares one table of integer ids, so
// equality of text is equality of integers; one extra id stands for "any other string".
// Lists over a finite domain (enum values, jurisdictions) are sets: one membership flag per
// element. Lists of records keep their length; their items' own attributes may be free.
#pragma once

#include <z3++.h>

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::analyse {

/// Integer ids for every text the rules or the profile mention; `other()` is none of them.
class text_ids {
 public:
  int intern(const std::string& text);
  /// The id of `text`, or -1.
  int find(const std::string& text) const;
  const std::string& text(int id) const { return texts_[static_cast<std::size_t>(id)]; }
  int other() const { return static_cast<int>(texts_.size()); }

 private:
  std::map<std::string, int> ids_;
  std::vector<std::string> texts_;
};

/// One attribute of the symbolic profile.
struct sym {
  explicit sym(z3::context& c) : present(c.bool_val(false)), scalar(c.bool_val(false)) {}

  const schema_type* type = nullptr;
  std::string path;
  const value* current = nullptr;  ///< The profile's value; nullptr or absent when not stated.
  bool free = false;
  z3::expr present;
  z3::expr scalar;  ///< Scalars: Bool, or Int (integers, dates, text ids).
  bool is_set = false;
  std::vector<int> domain;       ///< Sets: the text ids that may be members.
  std::vector<z3::expr> member;  ///< Sets: one flag per `domain` element.
  std::vector<sym> items;        ///< Records: fields in schema order. Other lists: their items.
  std::vector<int> keys;         ///< Maps: the key of each entry (`default` included).
  std::vector<sym> entries;      ///< Maps: one per key.
};

/// A free attribute: the solver may change it; `changed` says whether it did.
struct free_attribute {
  const sym* attribute = nullptr;
  z3::expr changed;
};

/// The symbolic profile of one deployment (one "world" of a split).
class world {
 public:
  /// `membership[i]`: whether market `markets[i]` belongs to this deployment.
  world(z3::context& c, const schema& s, text_ids& texts, const value& root,
        const std::vector<std::string>& pinned, const std::vector<std::string>& markets,
        const std::vector<z3::expr>& membership, const std::string& prefix);
  world(const world&) = delete;
  world& operator=(const world&) = delete;

  const sym& root() const { return root_; }
  const std::vector<free_attribute>& free_attributes() const { return free_; }
  /// Domain constraints of the free variables (an enum variable holds one of its values ...).
  const std::vector<z3::expr>& domain_constraints() const { return domains_; }
  /// Every attribute path of the profile's shape, for validating `plan.fixed`.
  const std::vector<std::string>& paths() const { return paths_; }

  /// The remediated profile: the current values with the model's choices for free attributes,
  /// and `markets_kept` as its markets.
  value decode(const z3::model& m, const std::vector<std::string>& markets_kept) const;
  /// The same, with the attribute at `undone` left at its current value.
  value decode(const z3::model& m, const std::vector<std::string>& markets_kept,
               const std::string& undone) const;
  /// The model's value of one attribute (a placeholder string for "any other string").
  value decode_attribute(const z3::model& m, const sym& s) const;

 private:
  sym build(const value* v, const schema_type* type, const std::string& path, bool changeable);
  void make_free_scalar(sym& s);
  void make_set(sym& s, bool free_set);
  z3::expr text_domain(const schema_type* type, const z3::expr& v);
  std::vector<int> domain_of(const schema_type* element) const;
  bool pinned(const std::string& path) const;
  std::string fresh(const std::string& path);
  void collect_free(const sym& s);
  void rename_replaced_model(const sym& s, value& out) const;
  value decode(const z3::model& m, const sym& s, const std::vector<std::string>& kept,
               const std::string& undone) const;
  value decode_scalar(const z3::model& m, const sym& s) const;

  z3::context& c_;
  const schema& schema_;
  text_ids& texts_;
  const std::vector<std::string>& pinned_;
  const std::vector<std::string>& markets_;
  const std::vector<z3::expr>& membership_;
  std::string prefix_;
  std::vector<free_attribute> free_;
  std::vector<z3::expr> domains_;
  std::vector<std::string> paths_;
  std::deque<value> synthesized_;  ///< Current values of per-market map entries (stable).
  sym root_;
};

/// Whether `path` is `prefix` or lies under it (`product.models` covers
/// `product.models[0].provider`).
inline bool path_under(const std::string& path, const std::string& prefix) {
  return path == prefix ||
         (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          (path[prefix.size()] == '.' || path[prefix.size()] == '['));
}

/// The text that stands for "any value other than those the rules name" in a plan.
inline constexpr const char* any_other_text = "<any other>";

}  // namespace lexgate::analyse
