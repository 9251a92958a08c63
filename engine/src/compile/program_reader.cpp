// Reading a compiled program from bytes (see program_codec.hpp), field by field in the order
// program_layout.hpp describes. Every read is bounds-checked and every enumeration
// range-checked: malformed bytes give no program rather than a wrong one. Every object is read
// into a freshly constructed one, so what the bytes leave out (an empty string, an absent value)
// is already what it should be.
#include <cstring>

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
    } else if constexpr (std::is_same_v<T, std::string>) {
      // Built in place rather than assigned: most strings are empty or short, and the program
      // holds thousands of them.
      const std::size_t n = count(1);
      if (n == 0) return;
      v = std::string(in_.data() + pos_, n);
      pos_ += n;
    } else if constexpr (std::is_same_v<T, value>) {
      // Most expression nodes are not constants: their value is absent, written as one byte.
      bool absent = false;
      get(absent, depth);
      if (ok_ && !absent) fields(v, depth);
    } else if constexpr (std::is_same_v<T, const schema_type*>) {
      v = type();
    } else if constexpr (std::is_same_v<T, jurisdiction_table>) {
      table(v, depth);
    } else if constexpr (std::is_same_v<T, entity_registry>) {
      std::vector<entity_info> all;
      get(all, depth);
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
      for (auto& item : v) {
        if (!ok_) return;
        get(item, depth + 1);
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

  void table(jurisdiction_table& table, int depth) {
    std::vector<std::string> codes;
    get(codes, depth);
    for (const auto& code : codes) table.declare(code);
    for (const auto& code : codes) {
      std::vector<std::uint32_t> parents;
      get(parents, depth);
      for (const auto parent : parents) {
        if (!ok_ || parent >= codes.size()) {
          ok_ = false;
          return;
        }
        table.add_containment(code, codes[parent]);
      }
    }
    if (ok_ && table.size() != codes.size()) ok_ = false;  // a code listed twice
    if (ok_ && !table.close()) ok_ = false;
  }

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
  if (r.raw<std::uint32_t>() != program_codec_format) return nullptr;
  if (r.raw<std::uint64_t>() != program_layout_fingerprint) return nullptr;
  auto p = std::make_shared<program>();
  r.get(*p, 0);
  if (!r.ok() || !r.at_end() || p->digest.empty() || p->digest != expected_digest) return nullptr;
  for (const auto& regime_entry : p->regimes) {
    if (regime_entry.jurisdiction && *regime_entry.jurisdiction >= p->schema.jurisdictions.size()) {
      return nullptr;
    }
  }
  for (const auto& regimes : p->markets.regimes_for) {
    for (const auto index : regimes) {
      if (index >= p->regimes.size()) return nullptr;
    }
  }
  for (const auto& members : p->markets.members_of) {
    for (const auto index : members) {
      if (index >= p->schema.jurisdictions.size()) return nullptr;
    }
  }
  // The parallel lists must line up, as load_library builds them.
  const bool consistent = p->regime_infos.size() == p->regimes.size() &&
                          p->invariant_infos.size() == p->invariants.size() &&
                          p->invariant_texts.size() == p->invariants.size() &&
                          p->markets.regimes_for.size() == p->schema.jurisdictions.size() &&
                          p->markets.members_of.size() == p->schema.jurisdictions.size();
  if (!consistent) return nullptr;
  return p;
}

}  // namespace lexgate::detail
