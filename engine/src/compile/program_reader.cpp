// Reading a compiled program from bytes (see program_codec.hpp), in the order program_writer.cpp
// wrote it. Every read is bounds-checked and every enumeration range-checked: malformed bytes give
// no program rather than a wrong one.
#include <cstring>

#include "compile/program_codec.hpp"
#include "compile/program_layout.hpp"

namespace lexgate::detail {

namespace {

constexpr std::string_view kMagic = "lexgate-program";
// Deeper expressions than any rule file can hold (the parser's nesting guard is far below).
constexpr int kMaxDepth = 512;
// The fewest bytes a written value and a written expression take (program_writer.cpp).
constexpr std::size_t kValueBytes = 1 + 1 + 8 + 4 + 4 + 4 + 8 + 4;
constexpr std::size_t kNodeBytes = 1 + 4 + 4 + 4 + kValueBytes + 4;

class reader {
 public:
  explicit reader(std::string_view bytes) : in_(bytes) {}

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }
  void fail() { ok_ = false; }

  template <class T>
  T raw() {
    T v{};
    if (!ok_ || in_.size() - pos_ < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::uint8_t u8() { return raw<std::uint8_t>(); }
  std::uint32_t u32() { return raw<std::uint32_t>(); }
  std::int32_t i32() { return raw<std::int32_t>(); }
  bool flag() {
    const auto b = u8();
    if (b > 1) ok_ = false;
    return b == 1;
  }
  // An element count; each element takes at least `least` bytes, so a count beyond what is left
  // is malformed (and never allocates).
  std::size_t count(std::size_t least = 1) {
    const std::size_t n = u32();
    if (!ok_ || n > (in_.size() - pos_) / least) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  template <class E>
  E enumeration(E last) {
    const auto v = u8();
    if (v > static_cast<std::uint8_t>(last)) ok_ = false;
    return ok_ ? static_cast<E>(v) : E{};
  }

  std::string str() {
    const std::size_t n = count();
    std::string s(in_.substr(pos_, ok_ ? n : 0));
    pos_ += s.size();
    return s;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> v(count(4));
    for (auto& s : v) s = str();
    return v;
  }
  date day() { return date{i32()}; }
  std::optional<date> optional_day() {
    if (!flag()) return std::nullopt;
    return day();
  }
  location where() {
    location l;
    l.line = u32();
    l.column = u32();
    return l;
  }

  // A type by its position in the schema's type list; -1 for none.
  const schema_type* type() {
    const auto i = i32();
    if (i == -1) return nullptr;
    if (i < 0 || static_cast<std::size_t>(i) >= types_->size()) {
      ok_ = false;
      return nullptr;
    }
    return &(*types_)[static_cast<std::size_t>(i)];
  }

  void val(value& v, int depth) {
    if (depth > kMaxDepth) ok_ = false;
    v.k = enumeration(value::kind::record);
    v.boolean = flag();
    v.integer = raw<std::int64_t>();
    v.text = str();
    v.items.resize(count(kValueBytes));
    for (auto& item : v.items) {
      if (!ok_) return;
      val(item, depth + 1);
    }
    v.keys = strings();
    v.where = where();
    v.path = str();
  }

  void expr(node& n, int depth) {
    if (depth > kMaxDepth) ok_ = false;
    n.code = enumeration(op::all);
    n.type = type();
    n.index = i32();
    n.name = str();
    val(n.constant, 0);
    n.kids.resize(count(kNodeBytes));
    for (auto& kid : n.kids) {
      if (!ok_) return;
      expr(kid, depth + 1);
    }
  }
  std::optional<node> optional_expr() {
    if (!flag()) return std::nullopt;
    node n;
    expr(n, 0);
    return n;
  }

  rule_info rule() {
    rule_info r;
    r.id = str();
    r.local_id = str();
    r.regime = str();
    r.cite = str();
    r.severity = enumeration(rule_severity::info);
    r.forbids = flag();
    r.message = str();
    r.remedy = str();
    r.effective = optional_day();
    r.until = optional_day();
    r.file = str();
    r.where = where();
    return r;
  }

  regime_info regime() {
    regime_info r;
    r.id = str();
    r.title = str();
    r.authority = str();
    r.jurisdiction = str();
    r.instrument = str();
    r.reach = enumeration(regime_reach::extraterritorial);
    r.effective = day();
    r.until = optional_day();
    r.sources = strings();
    r.file = str();
    r.where = where();
    r.rules.resize(count());
    for (auto& rule_entry : r.rules) {
      if (!ok_) break;
      rule_entry = rule();
    }
    return r;
  }

  invariant_info invariant() {
    invariant_info v;
    v.id = str();
    v.title = str();
    v.cite = str();
    v.sources = strings();
    v.message = str();
    v.effective = optional_day();
    v.until = optional_day();
    v.file = str();
    v.where = where();
    return v;
  }

  void schema(lexgate::schema& s) {
    // Every type exists before any is filled in, since types refer to later ones too; a deque
    // keeps their addresses.
    s.types.resize(count());
    types_ = &s.types;
    for (auto& t : s.types) {
      if (!ok_) return;
      t.kind = enumeration(type_kind::record);
      t.name = str();
      t.enum_values = strings();
      t.element = type();
      t.fields.resize(count());
      for (auto& f : t.fields) {
        f.name = str();
        f.type = type();
        f.required = flag();
        f.changeable = flag();
      }
    }
    s.root = type();
    auto& table = s.jurisdictions;
    const auto codes = strings();
    for (const auto& code : codes) table.declare(code);
    for (const auto& code : codes) {
      const std::size_t n = count(4);
      for (std::size_t i = 0; i < n && ok_; ++i) {
        const auto parent = u32();
        if (parent >= codes.size()) {
          ok_ = false;
          break;
        }
        table.add_containment(code, codes[parent]);
      }
    }
    if (ok_ && table.size() != codes.size()) ok_ = false;  // a code listed twice
    if (ok_ && !table.close()) ok_ = false;
  }

  checked_rule checked_rule_entry() {
    checked_rule r;
    r.info = rule();
    r.forbids = flag();
    r.when = optional_expr();
    expr(r.assertion, 0);
    r.unless = optional_expr();
    r.message.resize(count());
    for (auto& part : r.message) {
      if (!ok_) break;
      part.text = str();
      part.path = optional_expr();
    }
    return r;
  }

  checked_regime checked_regime_entry() {
    checked_regime r;
    r.info = regime();
    if (flag()) r.jurisdiction = u32();
    r.applies_when = optional_expr();
    r.rules.resize(count());
    for (auto& rule_entry : r.rules) {
      if (!ok_) break;
      rule_entry = checked_rule_entry();
    }
    r.slots = u32();
    return r;
  }

  checked_invariant checked_invariant_entry() {
    checked_invariant v;
    v.info = invariant();
    v.when = optional_expr();
    expr(v.requirement, 0);
    v.slots = u32();
    return v;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
  const std::deque<schema_type>* types_ = nullptr;
};

}  // namespace

std::shared_ptr<const program> decode_program(std::string_view bytes,
                                              std::string_view expected_digest) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return nullptr;
  reader r(bytes.substr(kMagic.size()));
  if (r.u32() != program_codec_format) return nullptr;
  if (r.raw<std::uint64_t>() != program_layout_fingerprint) return nullptr;
  auto p = std::make_shared<program>();
  p->digest = r.str();
  if (!r.ok() || p->digest.empty() || p->digest != expected_digest) return nullptr;
  p->name = r.str();
  r.schema(p->schema);
  p->regimes.resize(r.count());
  for (auto& regime_entry : p->regimes) {
    if (!r.ok()) return nullptr;
    regime_entry = r.checked_regime_entry();
  }
  for (const auto& regime_entry : p->regimes) {
    if (regime_entry.jurisdiction && *regime_entry.jurisdiction >= p->schema.jurisdictions.size()) {
      return nullptr;
    }
  }
  p->regime_infos.resize(r.count());
  for (auto& info : p->regime_infos) {
    if (!r.ok()) return nullptr;
    info = r.regime();
  }
  p->invariants.resize(r.count());
  for (auto& v : p->invariants) {
    if (!r.ok()) return nullptr;
    v = r.checked_invariant_entry();
  }
  p->invariant_infos.resize(r.count());
  for (auto& info : p->invariant_infos) {
    if (!r.ok()) return nullptr;
    info = r.invariant();
  }
  p->invariant_texts.resize(r.count());
  for (auto& t : p->invariant_texts) {
    if (!r.ok()) return nullptr;
    t.when = r.str();
    t.require = r.str();
  }
  p->max_slots = r.u32();
  p->markets.regimes_for.resize(r.count());
  for (auto& regimes : p->markets.regimes_for) {
    regimes.resize(r.count(4));
    for (auto& index : regimes) {
      index = r.u32();
      if (index >= p->regimes.size()) r.fail();
    }
  }
  // The parallel lists must line up, as load_library builds them.
  const bool consistent = p->regime_infos.size() == p->regimes.size() &&
                          p->invariant_infos.size() == p->invariants.size() &&
                          p->invariant_texts.size() == p->invariants.size() &&
                          p->markets.regimes_for.size() == p->schema.jurisdictions.size();
  if (!r.ok() || !r.at_end() || !consistent) return nullptr;
  return p;
}

}  // namespace lexgate::detail
