// The schema's types and the jurisdiction table (layer: check).
#include "lexgate/schema.hpp"

#include <algorithm>

namespace lexgate {

int schema_type::field_index(std::string_view field) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return static_cast<int>(i);
  }
  return -1;
}

bool schema_type::has_enum_value(std::string_view v) const {
  return std::find(enum_values.begin(), enum_values.end(), v) != enum_values.end();
}

std::uint32_t jurisdiction_table::declare(const std::string& code) {
  grow(codes_.size() + 1);
  const std::size_t slot = slot_of(code);
  if (slots_[slot] != 0) return slots_[slot] - 1;
  const auto index = static_cast<std::uint32_t>(codes_.size());
  codes_.push_back(code);
  parents_.emplace_back();
  slots_[slot] = index + 1;
  return index;
}

std::size_t jurisdiction_table::slot_of(std::string_view code) const {
  const std::size_t mask = slots_.size() - 1;  // a power of two, never zero here
  for (std::size_t i = std::hash<std::string_view>{}(code) & mask;; i = (i + 1) & mask) {
    const std::uint32_t s = slots_[i];
    if (s == 0 || codes_[s - 1] == code) return i;
  }
}

void jurisdiction_table::grow(std::size_t codes) {
  std::size_t size = 16;
  while (size < 2 * codes) size *= 2;
  if (size <= slots_.size()) return;
  slots_.assign(size, 0);
  for (std::uint32_t i = 0; i < codes_.size(); ++i) slots_[slot_of(codes_[i])] = i + 1;
}

void jurisdiction_table::add_containment(const std::string& inner, const std::string& outer) {
  add_containment(declare(inner), declare(outer));
}

void jurisdiction_table::add_containment(std::uint32_t inner, std::uint32_t outer) {
  auto& ps = parents_[inner];
  if (std::find(ps.begin(), ps.end(), outer) == ps.end()) ps.push_back(outer);
}

void jurisdiction_table::reserve(std::size_t n) {
  codes_.reserve(n);
  parents_.reserve(n);
  grow(n);
}

bool jurisdiction_table::close() {
  const std::size_t n = codes_.size();
  covers_.assign(n * n, false);
  std::vector<std::uint32_t> stack;
  for (std::size_t inner = 0; inner < n; ++inner) {
    // Walk up from `inner`; every ancestor covers it.
    stack.assign(parents_[inner].begin(), parents_[inner].end());
    while (!stack.empty()) {
      const auto outer = stack.back();
      stack.pop_back();
      if (outer == inner) return false;  // a cycle
      if (covers_[outer * n + inner]) continue;
      covers_[outer * n + inner] = true;
      stack.insert(stack.end(), parents_[outer].begin(), parents_[outer].end());
    }
    covers_[inner * n + inner] = true;
  }
  return true;
}

std::optional<std::uint32_t> jurisdiction_table::index_of(std::string_view code) const {
  if (slots_.empty()) return {};
  const std::uint32_t s = slots_[slot_of(code)];
  if (s == 0) return {};
  return s - 1;
}

bool jurisdiction_table::covers(std::uint32_t outer, std::uint32_t inner) const {
  if (outer == inner) return true;
  const std::size_t n = codes_.size();
  if (outer >= n || inner >= n || covers_.size() != n * n) return false;
  return covers_[outer * n + inner];
}

namespace {

bool upper_alpha(char c) { return c >= 'A' && c <= 'Z'; }
bool upper_alnum(char c) { return upper_alpha(c) || (c >= '0' && c <= '9'); }

}  // namespace

std::optional<std::uint32_t> jurisdiction_table::declared_for(std::string_view code) const {
  if (auto i = index_of(code)) return i;
  // ISO 3166-2: the country's alpha-2 code, a hyphen, and one to three letters or digits.
  if (code.size() < 4 || code.size() > 6 || code[2] != '-') return {};
  if (!upper_alpha(code[0]) || !upper_alpha(code[1])) return {};
  for (std::size_t k = 3; k < code.size(); ++k) {
    if (!upper_alnum(code[k])) return {};
  }
  return index_of(code.substr(0, 2));
}

bool jurisdiction_table::valid(std::string_view code) const {
  return declared_for(code).has_value();
}

bool jurisdiction_table::covers(std::string_view outer, std::string_view inner) const {
  if (outer == inner) return valid(inner);
  const auto o = index_of(outer);
  const auto i = declared_for(inner);
  return o && i && covers(*o, *i);
}

const schema_type* schema::add(schema_type t) {
  types.push_back(std::move(t));
  return &types.back();
}

const schema_type* schema::scalar(type_kind kind) {
  for (const auto& t : types) {
    if (t.kind == kind && t.enum_values.empty() && t.element == nullptr && t.fields.empty() &&
        kind != type_kind::record && kind != type_kind::enumeration && !is_company(&t)) {
      return &t;
    }
  }
  schema_type t;
  t.kind = kind;
  switch (kind) {
    case type_kind::boolean:
      t.name = "boolean";
      break;
    case type_kind::integer:
      t.name = "integer";
      break;
    case type_kind::string:
      t.name = "string";
      break;
    case type_kind::date:
      t.name = "date";
      break;
    case type_kind::jurisdiction:
      t.name = "jurisdiction";
      break;
    default:
      t.name = "?";
      break;
  }
  return add(std::move(t));
}

const schema_type* schema::company() {
  for (const auto& t : types) {
    if (is_company(&t)) return &t;
  }
  schema_type t;
  t.kind = type_kind::string;
  t.name = "company";
  return add(std::move(t));
}

}  // namespace lexgate
