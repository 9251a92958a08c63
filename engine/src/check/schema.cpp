// The schema's types and the jurisdiction table (layer: check).
#include "lexgate/schema.hpp"

#include "lexgate/diagnostic.hpp"

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

std::uint32_t jurisdiction_table::declare(std::string_view code) {
  grow(codes_.size() + 1);
  const std::size_t slot = slot_of(code);
  if (slots_[slot] != 0) return slots_[slot] - 1;
  const auto index = static_cast<std::uint32_t>(codes_.size());
  codes_.emplace_back(code);
  slots_[slot] = index + 1;
  return index;
}

std::size_t jurisdiction_table::slot_of(std::string_view code) const {
  const std::size_t mask = slots_.size() - 1;  // a power of two, never zero here
  // FNV-1a: codes are a few letters, for which it is cheaper than std::hash's and as good.
  std::size_t h = 14695981039346656037ull;
  for (const char c : code) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  for (std::size_t i = (h ^ (h >> 32)) & mask;; i = (i + 1) & mask) {
    const std::uint32_t s = slots_[i];
    if (s == 0) return i;
    // Compared in line: a code is a few bytes, fewer than a call to memcmp costs.
    const std::string& listed = codes_[s - 1];
    if (listed.size() != code.size()) continue;
    std::size_t k = 0;
    while (k < code.size() && listed[k] == code[k]) ++k;
    if (k == code.size()) return i;
  }
}

void jurisdiction_table::grow(std::size_t codes) {
  if (2 * codes <= slots_.size()) return;  // at most half full already
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
  recorded_.emplace_back(inner, outer);
}

void jurisdiction_table::reserve(std::size_t n) {
  codes_.reserve(n);
  grow(n);
}

bool jurisdiction_table::close() {
  const auto n = static_cast<std::uint32_t>(codes_.size());
  // Each code's parents, in the order first recorded, each once.
  // (A table read from a program records them in code order already.)
  const auto by_inner = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(recorded_.begin(), recorded_.end(), by_inner)) {
    std::stable_sort(recorded_.begin(), recorded_.end(), by_inner);
  }
  parent_starts_.assign(std::size_t{n} + 1, 0);
  parent_items_.clear();
  parent_items_.reserve(recorded_.size());
  std::size_t next = 0;
  for (std::uint32_t inner = 0; inner < n; ++inner) {
    parent_starts_[inner] = static_cast<std::uint32_t>(parent_items_.size());
    for (; next < recorded_.size() && recorded_[next].first == inner; ++next) {
      const std::uint32_t outer = recorded_[next].second;
      const auto first = parent_items_.begin() + parent_starts_[inner];
      if (std::find(first, parent_items_.end(), outer) == parent_items_.end()) {
        parent_items_.push_back(outer);
      }
    }
  }
  parent_starts_[n] = static_cast<std::uint32_t>(parent_items_.size());
  // Each code's ancestors: walk up from it; reaching it again is a cycle.
  ancestor_starts_.assign(std::size_t{n} + 1, 0);
  ancestor_items_.clear();
  std::vector<std::uint32_t> seen(n, 0);  // the code + 1 whose walk last reached each code
  std::vector<std::uint32_t> stack;
  for (std::uint32_t inner = 0; inner < n; ++inner) {
    ancestor_starts_[inner] = static_cast<std::uint32_t>(ancestor_items_.size());
    const auto own = parents(inner);
    if (own.empty()) continue;  // most codes lie inside none
    stack.assign(own.begin(), own.end());
    while (!stack.empty()) {
      const auto outer = stack.back();
      stack.pop_back();
      if (outer == inner) return false;  // a cycle
      if (seen[outer] == inner + 1) continue;
      seen[outer] = inner + 1;
      ancestor_items_.push_back(outer);
      const auto up = parents(outer);
      stack.insert(stack.end(), up.begin(), up.end());
    }
  }
  ancestor_starts_[n] = static_cast<std::uint32_t>(ancestor_items_.size());
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
  const auto ancestors = lists(ancestor_starts_, ancestor_items_, inner);
  return std::find(ancestors.begin(), ancestors.end(), outer) != ancestors.end();
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

// Codes are upper case (`it` is `IT`); ISO 3166-1 reserves `UK` and `EL`, which the EU uses,
// for the United Kingdom and Greece, whose codes are `GB` and `GR`. Other near misses by
// spelling: `UK` is one letter from the Cook Islands' `CK`, which would mislead.
std::optional<std::string> jurisdiction_table::hint_for(const std::string& code) const {
  std::string upper = code;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (upper != code && valid(upper)) return "codes are upper case: `" + upper + "`";
  if (upper == "UK") return "ISO 3166 reserves `UK`; the United Kingdom's code is `GB`";
  if (upper == "EL") return "ISO 3166 reserves `EL`; Greece's code is `GR`";
  if (auto near = nearest_name(code, codes_)) return "did you mean `" + *near + "`?";
  return std::nullopt;
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
