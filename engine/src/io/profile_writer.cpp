// Writing a typed profile back as YAML (layer: profile), for `lexgate plan --emit-profile`.
// Keys follow the schema's order; free text is double-quoted so it reads back as the same text.
#include <yaml-cpp/yaml.h>

#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"

namespace lexgate {

namespace {

void emit(YAML::Emitter& out, const value& v, const schema_type& type) {
  switch (v.k) {
    case value::kind::boolean:
      out << (v.boolean ? "true" : "false");
      return;
    case value::kind::integer:
      out << v.integer;
      return;
    case value::kind::date:
      out << date{static_cast<std::int32_t>(v.integer)}.to_string();
      return;
    case value::kind::string:
      if (type.kind == type_kind::string) {
        out << YAML::DoubleQuoted << v.text;
      } else {
        out << v.text;
      }
      return;
    case value::kind::list: {
      const bool scalars = type.element->kind != type_kind::record || v.items.empty();
      out << (scalars ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (const auto& item : v.items) emit(out, item, *type.element);
      out << YAML::EndSeq;
      return;
    }
    case value::kind::map:
      out << YAML::BeginMap;
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out << YAML::Key << v.keys[i] << YAML::Value;
        emit(out, v.items[i], *type.element);
      }
      out << YAML::EndMap;
      return;
    case value::kind::record:
      out << YAML::BeginMap;
      for (std::size_t i = 0; i < type.fields.size() && i < v.items.size(); ++i) {
        if (!v.items[i].present()) continue;
        out << YAML::Key << type.fields[i].name << YAML::Value;
        emit(out, v.items[i], *type.fields[i].type);
      }
      out << YAML::EndMap;
      return;
    case value::kind::absent:
      out << YAML::Null;
      return;
  }
}

}  // namespace

std::string write_profile_yaml(const value& root, const schema& schema) {
  YAML::Emitter out;
  emit(out, root, *schema.root);
  return std::string(out.c_str()) + "\n";
}

}  // namespace lexgate
