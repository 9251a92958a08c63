// Resolved company names in words (layer: report). See name_notes.hpp.
#include "report/name_notes.hpp"

namespace lexgate::report_writers {

namespace {

// A value derived from a developer that only the model's name suggested rests on that name.
std::string derived_from_name(const name_resolution& n) {
  switch (n.how) {
    case match_kind::reupload_by_name:
      return "; " + n.entity + " itself from the model's name only (a re-upload)";
    case match_kind::file_name_guess:
      return "; " + n.entity + " itself a guess from a local path";
    case match_kind::name_within:
      return "; " + n.entity + " itself a guess from a known name within the written one";
    default:
      return {};
  }
}

}  // namespace

std::string describe(const name_resolution& n) {
  if (n.from == "provider" || n.from == "vendor") {
    return n.written + ", the " + n.from + " (the operator unless the profile names one: " +
           (n.from == "provider" ? "provider-api hosting" : "self-hosted") + ")" +
           derived_from_name(n);
  }
  if (n.from == "registry") {
    return n.matched + ", the entity registry's country for " + n.entity + derived_from_name(n);
  }
  if (n.entity.empty()) {
    return n.written + ": not in the entity registry (its country is not assumed)";
  }
  std::string out = n.written + " → " + n.entity;
  // A guessed company's country is not the profile's: the guess lends it none.
  if (!n.country.empty() && n.how != match_kind::name_within) out += " (" + n.country + ")";
  out += ", by ";
  switch (n.how) {
    case match_kind::name:
      out += "name";
      break;
    case match_kind::hugging_face_org:
      out += "its Hugging Face organisation `" + n.matched + "`";
      break;
    case match_kind::modelscope_org:
      out += "its ModelScope organisation `" + n.matched + "`";
      break;
    case match_kind::model_family:
      out += "the model family `" + n.matched + "`";
      break;
    case match_kind::api_host:
      out += "its API host `" + n.matched + "`";
      break;
    case match_kind::reupload_by_name:
      out += "the model's name only (`" + n.matched + "`): a re-upload, not the developer's own";
      break;
    case match_kind::file_name_guess:
      out += "the file name only (`" + n.matched + "`): a guess from a local path";
      break;
    case match_kind::name_within:
      out += "the known name `" + n.matched +
             "` within it: a guess (its country is not assumed from it)";
      break;
  }
  if (n.from == "model name") out += "; the provider taken from the model's name";
  return out;
}

const name_resolution* resolution_at(const report& r, const std::string& path) {
  const name_resolution* found = nullptr;
  for (const auto& n : r.names) {
    if (n.path == path) found = &n;  // the last step that wrote the value
  }
  return found;
}

}  // namespace lexgate::report_writers
