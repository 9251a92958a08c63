// The compiled evaluation program: the checked regimes ordered for evaluation and the invariants
// for the remediation planner, with the library's identity (layer: compile). Immutable once built;
// shared by every evaluation and thread.
//
// Flat rather than a tree of its own allocations: every expression node of the program sits in
// one pool (`nodes`), a node's operands contiguous after it, and a node holds no pointer, so the
// embedded program's nodes are used where they lie in its bytes; constants, message parts,
// sources and rules sit in one list each, referred to by position, pointer or span. Message
// texts and the rules' and regimes' descriptions are views into the program's bytes (static
// storage, when decoded from the embedded program) or into `texts` (when compiled from rule text,
// or decoded from bytes the caller does not keep). So loading the program checks its nodes and
// allocates a few arrays instead of a string and a vector per node, and the program is compact to
// walk. Nothing in it moves once built: the lists are never copied (`texts`, `nodes` and
// `regime_infos` cannot be).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "check/checked.hpp"
#include "compile/market_index.hpp"

namespace lexgate::detail {

/// One expression node, as `checked_node` (check/checked.hpp) but flat and free of pointers, so
/// the embedded program's nodes are used where they lie in its bytes, never copied: its operands
/// and its name are found from the node's own address (the operands so many bytes further on in
/// the pool, the name so many bytes further on, in the pool's text after the last node), its
/// constant by position in `program::constants`. Every field is a fixed-size integer and none
/// is padding, so the bytes are the same wherever the pool lies. The expression's type is not
/// kept: it was needed to check the rules, not to run them.
struct node {
  op code = op::constant;
  std::uint8_t zero8 = 0;  ///< Always zero, like `zero16`: no byte of a node is undefined.
  std::uint16_t zero16 = 0;
  std::int32_t index = -1;
  std::uint32_t name_at = 0;    ///< Bytes from this node to its name's first character.
  std::uint32_t name_size = 0;  ///< Field name (`field`/`root_field`), for missing-fact paths.
  /// In `program::constants` (where equal literals are kept once): a constant's value; for any
  /// other node, the absent value (the program's first constant).
  std::uint32_t constant = 0;
  /// Bytes (a whole number of nodes) from this node to its first operand: always after it.
  std::uint32_t kids_at = 0;
  std::uint32_t kids_size = 0;

  std::span<const node> kids() const {
    return {reinterpret_cast<const node*>(reinterpret_cast<const char*>(this) + kids_at),
            kids_size};
  }
  std::string_view name() const {
    return {reinterpret_cast<const char*>(this) + name_at, name_size};
  }
};
static_assert(sizeof(node) == 28 && alignof(node) == 4 &&
                  std::has_unique_object_representations_v<node>,
              "a node's bytes are its fields and nothing else");

/// The program's nodes, an operand after its node, then their names' text: in the embedded
/// program's bytes, or in a buffer of its own (compiled from rule text, or copied from bytes
/// the caller does not keep or that are not aligned for nodes). Never copied, so nodes, and
/// the pointers into it the rules and message parts hold, stay where they are.
class node_pool {
 public:
  node_pool() = default;
  node_pool(const node_pool&) = delete;
  node_pool& operator=(const node_pool&) = delete;

  /// A buffer of its own for `nodes` default-constructed nodes and `text` bytes of names.
  void allocate(std::size_t nodes, std::size_t text);
  /// The nodes lie in memory that outlives the pool.
  void refer(const node* nodes, std::size_t count, std::size_t text) {
    nodes_ = {nodes, count};
    text_ = text;
  }

  const node* data() const { return nodes_.data(); }
  std::size_t size() const { return nodes_.size(); }
  bool empty() const { return nodes_.empty(); }
  const node& operator[](std::size_t i) const { return nodes_[i]; }
  auto begin() const { return nodes_.begin(); }
  auto end() const { return nodes_.end(); }
  /// The names' text, right after the last node.
  std::size_t text_size() const { return text_; }
  /// The nodes and their text as the bytes they are (what the codec writes).
  std::string_view bytes() const {
    return {reinterpret_cast<const char*>(nodes_.data()), nodes_.size_bytes() + text_};
  }

  /// For the compiler, while it fills its own buffer.
  node* mutable_data() { return owned_.get(); }
  char* mutable_text() { return reinterpret_cast<char*>(owned_.get() + nodes_.size()); }

 private:
  std::unique_ptr<node[]> owned_;
  std::span<const node> nodes_;
  std::size_t text_ = 0;
};

/// A message with `{path}` placeholders split into text and compiled paths.
struct message_part {
  std::string_view text;       ///< Literal text, used when `path` is null.
  const node* path = nullptr;  ///< A value to render.
};

/// A rule's description as `rule_info` (lexgate/rule_info.hpp) has it, its texts as views.
struct rule_text {
  std::string_view id;
  std::string_view local_id;
  std::string_view regime;
  std::string_view cite;
  rule_severity severity = rule_severity::block;
  bool forbids = false;
  std::string_view message;
  std::string_view remedy;
  std::optional<date> effective;
  std::optional<date> until;
  std::string_view file;
  location where;
};

/// A regime's description as `regime_info` has it (its rules aside), its texts as views.
struct regime_text {
  std::string_view id;
  std::string_view title;
  std::string_view authority;
  std::string_view jurisdiction;
  std::string_view instrument;
  regime_reach reach = regime_reach::territory;
  date effective;
  std::optional<date> until;
  std::span<const std::string_view> sources;  ///< In `program::sources`.
  std::string_view file;
  location where;
};

struct compiled_rule {
  rule_text info;
  bool forbids = false;
  const node* when = nullptr;
  const node* assertion = nullptr;  ///< Never null.
  const node* unless = nullptr;
  std::span<const message_part> message;  ///< In `program::message_parts`.
};

struct compiled_regime {
  regime_text info;
  std::optional<std::uint32_t> jurisdiction;  ///< Index in the jurisdiction table.
  const node* applies_when = nullptr;
  std::span<const compiled_rule> rules;  ///< In `program::rules`.
  std::uint32_t slots = 0;               ///< Quantifier variable slots its expressions use.
};

/// An invariant: holds when `when` is false or `requirement` is true.
struct compiled_invariant {
  invariant_info info;
  const node* when = nullptr;
  const node* requirement = nullptr;  ///< Never null.
  std::uint32_t slots = 0;            ///< Quantifier variable slots its expressions use.
};

/// The regimes with their rules as the public `regime_info` lists them (`library::regimes()`),
/// built from the compiled regimes the first time they are asked for: `lexgate check` never
/// needs them, and building them is a string per text, a thousand allocations at every start.
/// Built once, under a once-flag, so threads sharing the program may ask at the same time.
class regime_listing {
 public:
  regime_listing() = default;
  regime_listing(const regime_listing&) = delete;
  regime_listing& operator=(const regime_listing&) = delete;

  const std::vector<regime_info>& of(std::span<const compiled_regime> regimes) const;

 private:
  mutable std::once_flag once_;
  mutable std::vector<regime_info> regimes_;
};

/// The text a program's views point into when it is not in static storage: the names and
/// message texts of a program compiled from rule text, or a copy of bytes decoded from a buffer
/// the caller keeps. Only ever appended to, and never copied, so every view stays valid as long
/// as the program lives.
class text_store {
 public:
  text_store() = default;
  text_store(const text_store&) = delete;
  text_store& operator=(const text_store&) = delete;
  text_store(text_store&&) = default;
  text_store& operator=(text_store&&) = default;

  std::string_view keep(std::string_view text) {
    if (text.empty()) return {};
    return texts_.emplace_back(text);
  }

 private:
  std::deque<std::string> texts_;  // a deque: appending moves no string already kept
};

struct program {
  std::string name;
  std::string digest;
  text_store texts;
  lexgate::schema schema;
  std::vector<value> constants;
  node_pool nodes;
  std::vector<message_part> message_parts;
  std::vector<std::string_view> sources;  ///< The regimes' sources.
  std::vector<compiled_rule> rules;
  std::vector<compiled_regime> regimes;
  regime_listing regime_infos;                  ///< `regimes` as `regime_info`, when asked for.
  std::vector<compiled_invariant> invariants;   ///< In id order; for the planner, never `check`.
  std::vector<invariant_info> invariant_infos;  ///< Same order as `invariants`.
  std::vector<invariant_conditions> invariant_texts;  ///< Same order as `invariants`.
  std::uint32_t max_slots = 0;
  market_index markets;  ///< The regimes that can bind each market, for evaluation.
};

/// Compiles checked regimes and invariants into `p`, whose schema is already the one they were
/// checked against (program_compiler.cpp): regimes and invariants in id order, each invariant
/// with its stated conditions from `texts` (by id). Fills everything but `name` and `digest`.
void compile_program(program& p, std::vector<checked_regime> regimes,
                     std::vector<checked_invariant> invariants,
                     const std::map<std::string, invariant_conditions>& texts);

}  // namespace lexgate::detail
