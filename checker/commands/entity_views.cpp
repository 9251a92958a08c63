// `lexgate explain ENTITY` and `lexgate list --entities`: the entity registry with its sources.
#include "commands/entity_views.hpp"

#include <nlohmann/json.hpp>

#include "lexgate/entities.hpp"

namespace lexgate::cli {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + printable(s);
  return out;
}

void line(std::string& out, const char* label, const std::vector<std::string>& items) {
  if (!items.empty()) out += std::string("  ") + label + joined(items) + "\n";
}

std::string describe(const entity_info& e) {
  std::string out = "entity " + printable(e.id) + "\n  " + printable(e.name) + "\n";
  out += "  country:      " +
         (e.country.empty() ? std::string("not established") : printable(e.country)) + "\n";
  if (!e.parent.empty()) out += "  parent:       " + printable(e.parent) + "\n";
  line(out, "names:        ", e.names);
  line(out, "Hugging Face: ", e.hugging_face_orgs);
  line(out, "ModelScope:   ", e.modelscope_orgs);
  line(out, "families:     ", e.model_families);
  line(out, "API hosts:    ", e.api_hosts);
  out += "  defined at:   " + printable(e.file) + ":" + std::to_string(e.where.line) + "\n";
  for (const auto& s : e.sources) out += "  source:       " + printable(s) + "\n";
  return out;
}

}  // namespace

std::string explain_entity(const library& rules, const std::string& what) {
  if (const entity_info* e = find_entity(rules, what)) return describe(*e);
  auto m = resolve_company(rules, what);
  if (!m) m = resolve_model(rules, what);
  if (!m) return {};
  return "`" + printable(what) + "` → " + printable(m->entity->name) + ", by " +
         to_string(m->how) + " (`" + printable(m->matched) + "`)\n" + describe(*m->entity);
}

std::string list_entities(const library& rules, bool json) {
  if (json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const entity_info* e : entities(rules)) {
      out.push_back({{"id", e->id},
                     {"name", e->name},
                     {"country", e->country.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(e->country)},
                     {"parent", e->parent.empty() ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(e->parent)},
                     {"names", e->names},
                     {"hugging_face_orgs", e->hugging_face_orgs},
                     {"modelscope_orgs", e->modelscope_orgs},
                     {"model_families", e->model_families},
                     {"api_hosts", e->api_hosts},
                     {"sources", e->sources}});
    }
    return nlohmann::ordered_json{{"entities", std::move(out)}}.dump(2) + "\n";
  }
  std::string out;
  for (const entity_info* e : entities(rules)) {
    out += printable(e->id) + "  " + printable(e->name) + "  [" +
           (e->country.empty() ? "?" : printable(e->country)) + "]";
    std::vector<std::string> also = e->names;
    also.insert(also.end(), e->hugging_face_orgs.begin(), e->hugging_face_orgs.end());
    if (!also.empty()) out += "  " + joined(also);
    out += "\n";
    for (const auto& s : e->sources) out += "    source: " + printable(s) + "\n";
  }
  return out;
}

}  // namespace lexgate::cli
