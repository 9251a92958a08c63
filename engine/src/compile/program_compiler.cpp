// Checked trees → the flat program (see program.hpp). Every list of the program is reserved to
// its final size (or, for the constants, complete; for the nodes and their names, allocated)
// before anything points into it, so the pointers and spans taken while adding stay valid:
// nothing is ever moved.
#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "compile/program.hpp"

namespace lexgate::detail {

namespace {

// A constant as plain as literals are (a kind and a scalar, nothing positional): equal ones
// are kept once.
using plain_key = std::tuple<value::kind, bool, std::int64_t, std::string>;

bool plain(const value& v) {
  return v.items.empty() && v.keys.empty() && v.path.empty() && v.where.line == 0 &&
         v.where.column == 0;
}

// A node's value: a constant's, or any other node's if it was given one (none is, today).
bool holds_constant(const checked_node& n) {
  return n.code == op::constant || n.constant.present();
}

// The program's constants, each distinct plain value once, the absent value first (what every
// node that is no constant points at); then the number of nodes, parts and rules.
struct sizes {
  std::size_t nodes = 0;
  std::size_t name_text = 0;
  std::size_t parts = 0;
  std::size_t rules = 0;
  std::vector<value>& constants;
  std::map<plain_key, std::uint32_t> plain_constants;
  std::map<const checked_node*, std::uint32_t> other_constants;

  explicit sizes(std::vector<value>& c) : constants(c) {
    constants.emplace_back();
    plain_constants.emplace(key(constants.back()), 0);
  }

  static plain_key key(const value& v) { return {v.k, v.boolean, v.integer, v.text}; }

  void add(const checked_node& n) {
    nodes += 1;
    name_text += n.name.size();
    if (holds_constant(n)) {
      const auto position = static_cast<std::uint32_t>(constants.size());
      const bool added = plain(n.constant)
                             ? plain_constants.emplace(key(n.constant), position).second
                             : other_constants.emplace(&n, position).second;
      if (added) constants.push_back(n.constant);
    }
    for (const auto& k : n.kids) add(k);
  }
  void add(const std::optional<checked_node>& n) {
    if (n) add(*n);
  }

  std::uint32_t constant_of(const checked_node& n) const {
    if (!holds_constant(n)) return 0;
    return plain(n.constant) ? plain_constants.at(key(n.constant)) : other_constants.at(&n);
  }
};

class compiler {
 public:
  compiler(program& p, const sizes& n) : p_(p), sizes_(n), nodes_(p.nodes.mutable_data()) {}

  std::size_t nodes_used() const { return used_; }
  std::size_t text_used() const { return text_used_; }

  const node* tree(const checked_node& n) {
    const std::size_t root = take(1);
    fill(root, n);
    return nodes_ + root;
  }
  const node* tree(const std::optional<checked_node>& n) { return n ? tree(*n) : nullptr; }

  std::span<const message_part> message(const std::vector<checked_message_part>& parts) {
    // The paths first, so the parts themselves are contiguous.
    std::vector<const node*> paths;
    paths.reserve(parts.size());
    for (const auto& part : parts) paths.push_back(tree(part.path));
    const std::size_t first = p_.message_parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      p_.message_parts.push_back({p_.texts.keep(parts[i].text), paths[i]});
    }
    return {p_.message_parts.data() + first, parts.size()};
  }

  rule_text rule(const rule_info& r) {
    rule_text out;
    out.id = keep(r.id);
    out.local_id = keep(r.local_id);
    out.regime = keep(r.regime);
    out.cite = keep(r.cite);
    out.severity = r.severity;
    out.forbids = r.forbids;
    out.message = keep(r.message);
    out.remedy = keep(r.remedy);
    out.effective = r.effective;
    out.until = r.until;
    out.file = keep(r.file);
    out.where = r.where;
    return out;
  }

  regime_text regime(const regime_info& r) {
    regime_text out;
    out.id = keep(r.id);
    out.title = keep(r.title);
    out.authority = keep(r.authority);
    out.jurisdiction = keep(r.jurisdiction);
    out.instrument = keep(r.instrument);
    out.reach = r.reach;
    out.effective = r.effective;
    out.until = r.until;
    const std::size_t first = p_.sources.size();
    for (const auto& source : r.sources) p_.sources.push_back(keep(source));
    out.sources = {p_.sources.data() + first, r.sources.size()};
    out.file = keep(r.file);
    out.where = r.where;
    return out;
  }

 private:
  std::string_view keep(const std::string& text) { return p_.texts.keep(text); }

  // The next `count` nodes of the pool (sized in advance: see compile_program).
  std::size_t take(std::size_t count) {
    if (count > sizes_.nodes - used_) {
      throw std::logic_error("compile_program: more nodes than were counted");
    }
    used_ += count;
    return used_ - count;
  }

  // A node's operands are laid out together right after it is filled, then each is filled in
  // turn: operands always come after their node, so a program's nodes cannot form a cycle. Its
  // name goes to the pool's text, in the order the nodes are filled.
  void fill(std::size_t at, const checked_node& n) {
    node& out = nodes_[at];
    out.code = n.code;
    out.index = n.index;
    if (!n.name.empty()) {
      if (n.name.size() > sizes_.name_text - text_used_) {
        throw std::logic_error("compile_program: more name text than was counted");
      }
      char* text = p_.nodes.mutable_text() + text_used_;
      n.name.copy(text, n.name.size());
      text_used_ += n.name.size();
      out.name_at = static_cast<std::uint32_t>(text - reinterpret_cast<char*>(&out));
      out.name_size = static_cast<std::uint32_t>(n.name.size());
    }
    out.constant = sizes_.constant_of(n);
    if (n.kids.empty()) return;
    const std::size_t first = take(n.kids.size());
    out.kids_at = static_cast<std::uint32_t>((first - at) * sizeof(node));
    out.kids_size = static_cast<std::uint32_t>(n.kids.size());
    for (std::size_t i = 0; i < n.kids.size(); ++i) fill(first + i, n.kids[i]);
  }

  program& p_;
  const sizes& sizes_;
  node* nodes_;
  std::size_t used_ = 0;
  std::size_t text_used_ = 0;
};

}  // namespace

void compile_program(program& p, std::vector<checked_regime> regimes,
                     std::vector<checked_invariant> invariants,
                     const std::map<std::string, invariant_conditions>& texts) {
  // Regimes and invariants in id order: listings and reports come out the same whatever the
  // file layout.
  std::sort(regimes.begin(), regimes.end(),
            [](const auto& a, const auto& b) { return a.info.id < b.info.id; });
  std::sort(invariants.begin(), invariants.end(),
            [](const auto& a, const auto& b) { return a.info.id < b.info.id; });

  // The constants are complete before any node points at one.
  sizes n(p.constants);
  for (const auto& r : regimes) {
    n.add(r.applies_when);
    n.rules += r.rules.size();
    for (const auto& rule : r.rules) {
      n.add(rule.when);
      n.add(rule.assertion);
      n.add(rule.unless);
      n.parts += rule.message.size();
      for (const auto& part : rule.message) n.add(part.path);
    }
  }
  for (const auto& v : invariants) {
    n.add(v.when);
    n.add(v.requirement);
  }
  p.nodes.allocate(n.nodes, n.name_text);
  p.message_parts.reserve(n.parts);
  p.rules.reserve(n.rules);

  std::size_t sources = 0;
  for (const auto& r : regimes) sources += r.info.sources.size();
  p.sources.reserve(sources);
  p.invariant_infos.reserve(invariants.size());
  for (const auto& v : invariants) {
    p.invariant_texts.push_back(texts.find(v.info.id)->second);
    p.invariant_infos.push_back(v.info);
  }

  compiler c(p, n);
  p.regimes.reserve(regimes.size());
  for (std::size_t i = 0; i < regimes.size(); ++i) {
    const checked_regime& r = regimes[i];
    compiled_regime& out = p.regimes.emplace_back();
    out.info = c.regime(r.info);
    out.jurisdiction = r.jurisdiction;
    out.applies_when = c.tree(r.applies_when);
    out.slots = r.slots;
    const std::size_t first = p.rules.size();
    for (std::size_t j = 0; j < r.rules.size(); ++j) {
      const checked_rule& rule = r.rules[j];
      compiled_rule& compiled = p.rules.emplace_back();
      compiled.info = c.rule(rule.info);
      compiled.forbids = rule.forbids;
      compiled.when = c.tree(rule.when);
      compiled.assertion = c.tree(rule.assertion);
      compiled.unless = c.tree(rule.unless);
      compiled.message = c.message(rule.message);
    }
    out.rules = {p.rules.data() + first, r.rules.size()};
    p.max_slots = std::max(p.max_slots, r.slots);
  }
  p.invariants.reserve(invariants.size());
  for (std::size_t i = 0; i < invariants.size(); ++i) {
    compiled_invariant& out = p.invariants.emplace_back();
    out.info = invariants[i].info;
    out.when = c.tree(invariants[i].when);
    out.requirement = c.tree(invariants[i].requirement);
    out.slots = invariants[i].slots;
    p.max_slots = std::max(p.max_slots, out.slots);
  }
  // Reserved exactly: had any list grown past its reservation, the pointers into it would
  // dangle.
  if (c.nodes_used() != n.nodes || c.text_used() != n.name_text ||
      p.message_parts.size() != n.parts || p.rules.size() != n.rules ||
      p.sources.size() != sources) {
    throw std::logic_error("compile_program: a list of the program outgrew its reservation");
  }
  p.markets = build_market_index(p.regimes, p.schema.jurisdictions);
}

void node_pool::allocate(std::size_t nodes, std::size_t text) {
  // The text in node-sized slots after the nodes, so the one buffer is aligned for both.
  owned_ = std::make_unique<node[]>(nodes + (text + sizeof(node) - 1) / sizeof(node));
  nodes_ = {owned_.get(), nodes};
  text_ = text;
}

}  // namespace lexgate::detail
