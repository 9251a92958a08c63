// Writing a compiled program as bytes (see program_codec.hpp). Run at build time on the standard
// library; program_reader.cpp reads the fields back in exactly this order.
#include <cstring>
#include <map>

#include "compile/program_codec.hpp"
#include "compile/program_layout.hpp"

namespace lexgate::detail {

namespace {

class writer {
 public:
  explicit writer(const lexgate::schema& s) {
    std::int32_t i = 0;
    for (const auto& t : s.types) type_index_.emplace(&t, i++);
  }

  std::string& bytes() { return out_; }
  bool ok() const { return ok_; }

  template <class T>
  void raw(T v) {
    char buffer[sizeof(T)];
    std::memcpy(buffer, &v, sizeof(T));
    out_.append(buffer, sizeof(T));
  }
  void u8(std::uint8_t v) { raw(v); }
  void u32(std::uint32_t v) { raw(v); }
  void i32(std::int32_t v) { raw(v); }
  void count(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }
  void flag(bool b) { u8(b ? 1 : 0); }

  void str(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void strings(const std::vector<std::string>& v) {
    count(v.size());
    for (const auto& s : v) str(s);
  }
  void day(date d) { i32(d.days); }
  void optional_day(const std::optional<date>& d) {
    flag(d.has_value());
    if (d) day(*d);
  }
  void where(location l) {
    u32(l.line);
    u32(l.column);
  }

  // A type as its position in the schema's type list; -1 for none.
  void type(const schema_type* t) {
    if (t == nullptr) {
      i32(-1);
      return;
    }
    auto it = type_index_.find(t);
    if (it == type_index_.end()) {
      ok_ = false;
      i32(-1);
      return;
    }
    i32(it->second);
  }

  void val(const value& v) {
    u8(static_cast<std::uint8_t>(v.k));
    flag(v.boolean);
    raw(v.integer);
    str(v.text);
    count(v.items.size());
    for (const auto& item : v.items) val(item);
    strings(v.keys);
    where(v.where);
    str(v.path);
  }

  void expr(const node& n) {
    u8(static_cast<std::uint8_t>(n.code));
    type(n.type);
    i32(n.index);
    str(n.name);
    val(n.constant);
    count(n.kids.size());
    for (const auto& kid : n.kids) expr(kid);
  }
  void optional_expr(const std::optional<node>& n) {
    flag(n.has_value());
    if (n) expr(*n);
  }

  void rule(const rule_info& r) {
    str(r.id);
    str(r.local_id);
    str(r.regime);
    str(r.cite);
    u8(static_cast<std::uint8_t>(r.severity));
    flag(r.forbids);
    str(r.message);
    str(r.remedy);
    optional_day(r.effective);
    optional_day(r.until);
    str(r.file);
    where(r.where);
  }

  void regime(const regime_info& r) {
    str(r.id);
    str(r.title);
    str(r.authority);
    str(r.jurisdiction);
    str(r.instrument);
    u8(static_cast<std::uint8_t>(r.reach));
    day(r.effective);
    optional_day(r.until);
    strings(r.sources);
    str(r.file);
    where(r.where);
    count(r.rules.size());
    for (const auto& rule_entry : r.rules) rule(rule_entry);
  }

  void invariant(const invariant_info& v) {
    str(v.id);
    str(v.title);
    str(v.cite);
    strings(v.sources);
    str(v.message);
    optional_day(v.effective);
    optional_day(v.until);
    str(v.file);
    where(v.where);
  }

  void schema(const lexgate::schema& s) {
    count(s.types.size());
    for (const auto& t : s.types) {
      u8(static_cast<std::uint8_t>(t.kind));
      str(t.name);
      strings(t.enum_values);
      type(t.element);
      count(t.fields.size());
      for (const auto& f : t.fields) {
        str(f.name);
        type(f.type);
        flag(f.required);
        flag(f.changeable);
      }
    }
    type(s.root);
    const auto& table = s.jurisdictions;
    strings(table.codes());
    for (std::uint32_t i = 0; i < table.size(); ++i) {
      count(table.parents(i).size());
      for (const auto p : table.parents(i)) u32(p);
    }
  }

  void checked(const checked_rule& r) {
    rule(r.info);
    flag(r.forbids);
    optional_expr(r.when);
    expr(r.assertion);
    optional_expr(r.unless);
    count(r.message.size());
    for (const auto& part : r.message) {
      str(part.text);
      optional_expr(part.path);
    }
  }

  void checked(const checked_regime& r) {
    regime(r.info);
    flag(r.jurisdiction.has_value());
    if (r.jurisdiction) u32(*r.jurisdiction);
    optional_expr(r.applies_when);
    count(r.rules.size());
    for (const auto& rule_entry : r.rules) checked(rule_entry);
    u32(r.slots);
  }

  void checked(const checked_invariant& v) {
    invariant(v.info);
    optional_expr(v.when);
    expr(v.requirement);
    u32(v.slots);
  }

 private:
  std::string out_;
  std::map<const schema_type*, std::int32_t> type_index_;
  bool ok_ = true;
};

}  // namespace

bool encode_program(const program& p, std::string& out, std::string& why) {
  writer w(p.schema);
  w.bytes() = "lexgate-program";
  w.u32(program_codec_format);
  w.raw(program_layout_fingerprint);
  w.str(p.digest);
  w.str(p.name);
  w.schema(p.schema);
  w.count(p.regimes.size());
  for (const auto& r : p.regimes) w.checked(r);
  w.count(p.regime_infos.size());
  for (const auto& r : p.regime_infos) w.regime(r);
  w.count(p.invariants.size());
  for (const auto& v : p.invariants) w.checked(v);
  w.count(p.invariant_infos.size());
  for (const auto& v : p.invariant_infos) w.invariant(v);
  w.count(p.invariant_texts.size());
  for (const auto& t : p.invariant_texts) {
    w.str(t.when);
    w.str(t.require);
  }
  w.u32(p.max_slots);
  w.count(p.markets.regimes_for.size());
  for (const auto& regimes : p.markets.regimes_for) {
    w.count(regimes.size());
    for (const auto r : regimes) w.u32(r);
  }
  if (!w.ok()) {
    why = "an expression's type is not one of the program's schema types";
    return false;
  }
  out = std::move(w.bytes());
  return true;
}

}  // namespace lexgate::detail
