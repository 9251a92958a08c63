// Writing a compiled program as bytes (see program_codec.hpp): every structure field by field,
// in the order program_layout.hpp describes, which program_reader.cpp follows too.
#include <cstring>
#include <functional>
#include <map>

#include "compile/program_codec.hpp"
#include "compile/program_layout.hpp"

namespace lexgate::detail {

namespace {

template <class>
inline constexpr bool no_encoding = false;

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
  void count(std::size_t n) { raw(static_cast<std::uint32_t>(n)); }

  template <class T>
  void put(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      raw(static_cast<std::uint8_t>(v ? 1 : 0));
    } else if constexpr (std::is_enum_v<T>) {
      raw(static_cast<std::uint8_t>(v));
    } else if constexpr (std::is_integral_v<T>) {
      raw(v);
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
      count(v.size());
      out_.append(v);
    } else if constexpr (codec::not_written<T>) {
      // Not written: the reader keeps its own text; the listing is built when asked for; the
      // schema read gets an identity of its own.
    } else if constexpr (std::is_same_v<T, value>) {
      // A value as default-constructed (an expression node that is not a constant) is one byte.
      const bool absent = is_default(v);
      put(absent);
      if (!absent) fields(v);
    } else if constexpr (std::is_same_v<T, const schema_type*>) {
      type(v);
    } else if constexpr (std::is_pointer_v<T>) {
      raw(v == nullptr ? kNone : position(v));
    } else if constexpr (codec::span_of<T>::value) {
      raw(v.empty() ? std::uint32_t{0} : position(v.data()));
      count(v.size());
    } else if constexpr (std::is_same_v<T, program>) {
      constants_ = &v.constants;
      nodes_ = &v.nodes;
      parts_ = &v.message_parts;
      sources_ = &v.sources;
      rules_ = &v.rules;
      fields(v);
    } else if constexpr (std::is_same_v<T, node_pool>) {
      // The nodes and their names as they lie in memory, aligned for nodes from the start of
      // the bytes, so the reader can use them where they are (program_reader.cpp).
      count(v.size());
      count(v.text_size());
      const std::size_t pad = (kNodeAlignment - (out_.size() + 1) % kNodeAlignment) % kNodeAlignment;
      raw(static_cast<std::uint8_t>(pad));
      out_.append(pad, '\0');
      out_.append(v.bytes());
    } else if constexpr (std::is_same_v<T, jurisdiction_table>) {
      put(v.codes());
      for (std::uint32_t i = 0; i < v.size(); ++i) {
        const auto parents = v.parents(i);
        count(parents.size());
        for (const std::uint32_t parent : parents) raw(parent);
      }
    } else if constexpr (std::is_same_v<T, entity_registry>) {
      put(v.all());
    } else if constexpr (codec::optional_of<T>::value) {
      put(v.has_value());
      if (v) put(*v);
    } else if constexpr (codec::sequence_of<T>::value) {
      count(v.size());
      for (const auto& item : v) put(item);
    } else if constexpr (codec::is_described<T>) {
      fields(v);
    } else {
      static_assert(no_encoding<T>, "describe this type in program_layout.hpp");
    }
  }

 private:
  template <class T>
  void fields(const T& v) {
    boost::mp11::mp_for_each<codec::fields<T>>([&](auto f) { put(v.*f.pointer); });
  }

  // Every field as a default-constructed T has it (lists empty), found through the same
  // description as the fields written, so a field added later is compared too: the reader leaves
  // such an object as it constructed it.
  template <class T>
  static bool is_default(const T& v) {
    const T fresh{};
    bool same = true;
    boost::mp11::mp_for_each<codec::fields<T>>([&](auto f) {
      using field = std::remove_cvref_t<decltype(v.*f.pointer)>;
      if constexpr (codec::sequence_of<field>::value) {
        same = same && (v.*f.pointer).empty();
      } else if constexpr (codec::is_described<field>) {
        same = same && is_default(v.*f.pointer);
      } else {
        same = same && v.*f.pointer == fresh.*f.pointer;
      }
    });
    return same;
  }

  // An element of one of the program's lists, as its position there.
  template <class E>
  std::uint32_t position(const E* element) {
    std::span<const E> list;
    if constexpr (std::is_same_v<E, value>) list = *constants_;
    if constexpr (std::is_same_v<E, node>) list = {nodes_->data(), nodes_->size()};
    if constexpr (std::is_same_v<E, message_part>) list = *parts_;
    if constexpr (std::is_same_v<E, std::string_view>) list = *sources_;
    if constexpr (std::is_same_v<E, compiled_rule>) list = *rules_;
    const std::less<const E*> before;
    if (list.data() == nullptr || before(element, list.data()) ||
        !before(element, list.data() + list.size())) {
      ok_ = false;
      return kNone;
    }
    return static_cast<std::uint32_t>(element - list.data());
  }

  // A type as its position in the schema's type list; -1 for none.
  void type(const schema_type* t) {
    if (t == nullptr) {
      raw(std::int32_t{-1});
      return;
    }
    auto it = type_index_.find(t);
    if (it == type_index_.end()) {
      ok_ = false;
      raw(std::int32_t{-1});
      return;
    }
    raw(it->second);
  }

  static constexpr std::uint32_t kNone = 0xffffffffu;

  std::string out_;
  std::map<const schema_type*, std::int32_t> type_index_;
  const std::vector<value>* constants_ = nullptr;
  const node_pool* nodes_ = nullptr;
  const std::vector<message_part>* parts_ = nullptr;
  const std::vector<std::string_view>* sources_ = nullptr;
  const std::vector<compiled_rule>* rules_ = nullptr;
  bool ok_ = true;
};

}  // namespace

bool encode_program(const program& p, std::string& out, std::string& why) {
  writer w(p.schema);
  w.bytes() = "lexgate-program";
  w.raw(program_codec_format);
  w.raw(program_layout_fingerprint);
  w.raw(program_byte_order);
  w.put(p);
  if (!w.ok()) {
    why = "an expression's type is not one of the program's schema types, or a reference is not "
          "into the program's own lists";
    return false;
  }
  out = std::move(w.bytes());
  return true;
}

}  // namespace lexgate::detail
