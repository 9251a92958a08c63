// Reading a compiled program from bytes (see program_codec.hpp), field by field in the order
// program_layout.hpp describes. Every read is bounds-checked, every enumeration range-checked
// and every reference checked to land in its list (a node's operands after it, so nodes never
// form a cycle): malformed bytes give no program rather than a wrong one. Every object is read
// into a freshly constructed one, so what the bytes leave out (an empty string, an absent value)
// is already what it should be. Names and texts are views into the bytes, which outlive the
// program (see decode_program).
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>

#include "compile/program_codec.hpp"
#include "compile/program_layout.hpp"

namespace lexgate::detail {

namespace {

constexpr std::string_view kMagic = "lexgate-program";
// Deeper nesting than any rule file can hold (the parser's nesting guard is far below).
constexpr int kMaxDepth = 512;

template <class>
inline constexpr bool no_decoding = false;

class reader {
 public:
  explicit reader(std::string_view bytes) : in_(bytes) {}

  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == in_.size(); }

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

  template <class T>
  void get(T& v, int depth) {
    if constexpr (std::is_same_v<T, bool>) {
      const auto b = raw<std::uint8_t>();
      if (b > 1) ok_ = false;
      v = b == 1;
    } else if constexpr (std::is_enum_v<T>) {
      const auto e = raw<std::uint8_t>();
      if (e > codec::last_enumerator<T>()) ok_ = false;
      v = ok_ ? static_cast<T>(e) : T{};
    } else if constexpr (std::is_integral_v<T>) {
      v = raw<T>();
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      const std::size_t n = count(1);
      if (n == 0) return;
      v = in_.substr(pos_, n);
      pos_ += n;
    } else if constexpr (codec::not_written<T>) {
      // Not written (program_writer.cpp).
    } else if constexpr (std::is_same_v<T, std::string>) {
      // Appended in place, with no string in between: most strings are empty or short, and the
      // program holds thousands of them. The string is fresh (empty), and appending skips the
      // overlap checks that assigning does.
      const std::size_t n = count(1);
      if (n == 0) return;
      v.clear();
      v.append(in_.data() + pos_, n);
      pos_ += n;
    } else if constexpr (std::is_same_v<T, value>) {
      // Most expression nodes are not constants: their value is absent, written as one byte.
      bool absent = false;
      get(absent, depth);
      if (ok_ && !absent) fields(v, depth);
    } else if constexpr (std::is_same_v<T, const schema_type*>) {
      v = type();
    } else if constexpr (std::is_pointer_v<T>) {
      using element = std::remove_cvref_t<std::remove_pointer_t<T>>;
      const auto i = raw<std::uint32_t>();
      const std::span<const element> list = list_of<element>();
      v = nullptr;
      if (i == kNone) return;
      if (!ok_ || i >= list.size()) {
        ok_ = false;
        return;
      }
      v = list.data() + i;
    } else if constexpr (codec::span_of<T>::value) {
      using element = typename codec::span_of<T>::element;
      const auto first = raw<std::uint32_t>();
      const auto n = raw<std::uint32_t>();
      const std::span<const element> list = list_of<element>();
      v = {};
      if (!ok_ || n == 0) {
        if (first != 0) ok_ = false;  // an empty span is written as (0, 0)
        return;
      }
      if (first > list.size() || n > list.size() - first) {
        ok_ = false;
        return;
      }
      v = list.subspan(first, n);
    } else if constexpr (std::is_same_v<T, program>) {
      constants_ = &v.constants;
      nodes_ = &v.nodes;
      parts_ = &v.message_parts;
      sources_ = &v.sources;
      rules_ = &v.rules;
      fields(v, depth);
    } else if constexpr (std::is_same_v<T, node_pool>) {
      pool(v);
    } else if constexpr (std::is_same_v<T, jurisdiction_table>) {
      table(v, depth);
    } else if constexpr (std::is_same_v<T, entity_registry>) {
      std::vector<entity_info> all;
      get(all, depth);
      v.reserve(all.size());
      for (auto& e : all) v.add(std::move(e));
      v.index();
    } else if constexpr (codec::optional_of<T>::value) {
      bool present = false;
      get(present, depth);
      v.reset();
      if (present && ok_) get(v.emplace(), depth);
    } else if constexpr (codec::sequence_of<T>::value) {
      using element = typename codec::sequence_of<T>::element;
      if (depth > kMaxDepth) ok_ = false;
      v.resize(count(codec::least_bytes<element>()));
      // Types refer to one another, later ones too: every type exists before any is read.
      if constexpr (std::is_same_v<element, schema_type>) types_ = &v;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!ok_) return;
        get(v[i], depth + 1);
      }
    } else if constexpr (codec::is_described<T>) {
      fields(v, depth);
    } else {
      static_assert(no_decoding<T>, "describe this type in program_layout.hpp");
    }
  }

 private:
  // Every field of a described structure, in the order program_layout.hpp gives.
  template <class T>
  void fields(T& v, int depth) {
    boost::mp11::mp_for_each<codec::fields<T>>([&](auto f) {
      if (ok_) get(v.*f.pointer, depth);
    });
  }

  // An element count; each element takes at least `least` bytes, so a count beyond what is left
  // is malformed (and never allocates).
  std::size_t count(std::size_t least) {
    const std::size_t n = raw<std::uint32_t>();
    if (!ok_ || n > (in_.size() - pos_) / least) {
      ok_ = false;
      return 0;
    }
    return n;
  }

  // The program's list that references to E point into (program_layout.hpp orders the lists
  // before what refers to them; a list not read yet is empty, so a reference into it fails).
  template <class E>
  std::span<const E> list_of() const {
    if constexpr (std::is_same_v<E, value>) return *constants_;
    if constexpr (std::is_same_v<E, node>) return {nodes_->data(), nodes_->size()};
    if constexpr (std::is_same_v<E, message_part>) return *parts_;
    if constexpr (std::is_same_v<E, std::string_view>) return *sources_;
    if constexpr (std::is_same_v<E, compiled_rule>) return *rules_;
  }

  // The nodes and their names' text, used where they lie when the bytes are aligned for nodes
  // (as the embedded program's are), else copied into the pool's own buffer once; then every
  // node checked as the walkers rely on: a known operator, its name inside the names' text,
  // its constant in the list, its operands inside the pool and after it, nesting no deeper
  // than the limit.
  void pool(node_pool& out) {
    const std::size_t n = count(sizeof(node));
    const std::size_t text = raw<std::uint32_t>();
    const auto pad = raw<std::uint8_t>();
    if (!ok_ || pad >= kNodeAlignment || in_.size() - pos_ < pad) {
      ok_ = false;
      return;
    }
    for (std::size_t i = 0; i < pad; ++i) {
      if (in_[pos_ + i] != '\0') ok_ = false;
    }
    pos_ += pad;
    const std::size_t node_bytes = n * sizeof(node);
    if (!ok_ || in_.size() - pos_ < node_bytes || in_.size() - pos_ - node_bytes < text) {
      ok_ = false;
      return;
    }
    const char* at = in_.data() + pos_;
    if (reinterpret_cast<std::uintptr_t>(at) % alignof(node) == 0) {
      out.refer(reinterpret_cast<const node*>(at), n, text);
    } else {
      out.allocate(n, text);
      std::memcpy(static_cast<void*>(out.mutable_data()), at, node_bytes + text);
    }
    pos_ += node_bytes + text;
    depth_.assign(n, 0);
    const std::size_t constants = constants_->size();
    for (std::size_t i = 0; i < n; ++i) {
      const node& x = out[i];
      const std::uint64_t name = i * sizeof(node) + std::uint64_t{x.name_at};
      const bool well_formed =
          static_cast<std::uint8_t>(x.code) <= codec::last_enumerator<op>() && x.zero8 == 0 &&
          x.zero16 == 0 && x.constant < constants &&
          (x.name_size == 0 ? x.name_at == 0
                            : name >= node_bytes && name + x.name_size <= node_bytes + text) &&
          (x.kids_size == 0 ? x.kids_at == 0
                            : x.kids_at > 0 && x.kids_at % sizeof(node) == 0 &&
                                  i + x.kids_at / sizeof(node) + std::uint64_t{x.kids_size} <= n &&
                                  depth_[i] < kMaxDepth);
      if (!well_formed) {
        ok_ = false;
        return;
      }
      const auto below = static_cast<std::uint16_t>(depth_[i] + 1);
      const std::size_t first = i + x.kids_at / sizeof(node);
      for (std::size_t k = first; k < first + x.kids_size; ++k) {
        depth_[k] = std::max(depth_[k], below);
      }
    }
  }

  // A type by its position in the schema's type list; -1 for none.
  const schema_type* type() {
    const auto i = raw<std::int32_t>();
    if (i == -1) return nullptr;
    if (types_ == nullptr || i < 0 || static_cast<std::size_t>(i) >= types_->size()) {
      ok_ = false;
      return nullptr;
    }
    return &(*types_)[static_cast<std::size_t>(i)];
  }

  // The codes, then each code's parents by position (program_writer.cpp).
  void table(jurisdiction_table& table, int depth) {
    const std::size_t n = count(4);  // each code at least its length
    table.reserve(n);
    // Each code is declared from the bytes themselves: the table keeps its own copy.
    std::string_view code;
    for (std::size_t i = 0; i < n && ok_; ++i) {
      code = {};
      get(code, depth);
      table.declare(code);
    }
    if (ok_ && table.size() != n) ok_ = false;  // a code listed twice
    for (std::uint32_t i = 0; i < n && ok_; ++i) {
      const std::size_t parents = count(4);
      for (std::size_t k = 0; k < parents && ok_; ++k) {
        const auto parent = raw<std::uint32_t>();
        if (!ok_ || parent >= n) {
          ok_ = false;
          return;
        }
        table.add_containment(i, parent);
      }
    }
    if (ok_ && !table.close()) ok_ = false;
  }

  static constexpr std::uint32_t kNone = 0xffffffffu;

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
  const std::deque<schema_type>* types_ = nullptr;
  const std::vector<value>* constants_ = nullptr;
  const node_pool* nodes_ = nullptr;
  const std::vector<message_part>* parts_ = nullptr;
  const std::vector<std::string_view>* sources_ = nullptr;
  const std::vector<compiled_rule>* rules_ = nullptr;
  std::vector<std::uint16_t> depth_;  // each node's depth below the expression holding it
};

}  // namespace

std::shared_ptr<const program> decode_program(std::string_view bytes,
                                              std::string_view expected_digest,
                                              program_bytes lifetime) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return nullptr;
  {
    reader header(bytes.substr(kMagic.size()));
    if (header.raw<std::uint32_t>() != program_codec_format) return nullptr;
    if (header.raw<std::uint64_t>() != program_layout_fingerprint) return nullptr;
    if (header.raw<std::uint32_t>() != program_byte_order) return nullptr;
  }
  auto p = std::make_shared<program>();
  // Names and texts are views into the bytes: the caller's when they live as long as the
  // process, else the program's own copy.
  if (lifetime == program_bytes::copy) bytes = p->texts.keep(bytes);
  reader r(bytes.substr(kMagic.size()));
  r.raw<std::uint32_t>();
  r.raw<std::uint64_t>();
  r.raw<std::uint32_t>();
  r.get(*p, 0);
  if (!r.ok() || !r.at_end() || p->digest.empty() || p->digest != expected_digest) return nullptr;
  for (const auto& regime_entry : p->regimes) {
    if (regime_entry.jurisdiction && *regime_entry.jurisdiction >= p->schema.jurisdictions.size()) {
      return nullptr;
    }
  }
  if (!p->markets.regimes_for.well_formed() || !p->markets.members_of.well_formed()) {
    return nullptr;
  }
  for (const auto index : p->markets.regimes_for.items) {
    if (index >= p->regimes.size()) return nullptr;
  }
  for (const auto index : p->markets.members_of.items) {
    if (index >= p->schema.jurisdictions.size()) return nullptr;
  }
  // The parallel lists must line up, as compile_program builds them.
  const bool consistent = p->invariant_infos.size() == p->invariants.size() &&
                          p->invariant_texts.size() == p->invariants.size() &&
                          p->markets.regimes_for.size() == p->schema.jurisdictions.size() &&
                          p->markets.members_of.size() == p->schema.jurisdictions.size();
  if (!consistent) return nullptr;
  // What the walkers dereference without looking: every rule's assertion, every invariant's
  // requirement (every node's constant was checked with the nodes).
  for (const auto& rule : p->rules) {
    if (rule.assertion == nullptr) return nullptr;
  }
  for (const auto& inv : p->invariants) {
    if (inv.requirement == nullptr) return nullptr;
  }
  return p;
}

}  // namespace lexgate::detail
