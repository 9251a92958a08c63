// The entity registry: the companies the rule library knows, under every name they go by
// (layer: check). Declared in rule files (`entity deepseek { ... }`), checked at load and
// shared read-only by every profile load: a profile's company names are resolved once, when the
// profile is loaded, never while rules are evaluated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lexgate/source.hpp"

namespace lexgate {

class library;

/// One company, as its `entity` declaration states it.
struct entity_info {
  std::string id;       ///< As rules and `lexgate explain` name it: `deepseek`.
  std::string name;     ///< Display name, the value a resolved profile holds: `DeepSeek`.
  std::string country;  ///< Country of establishment (a declared jurisdiction code).
  std::string parent;   ///< The parent entity's id, or empty.
  std::vector<std::string> names;  ///< Legal names (English, Chinese) and brand names.
  std::vector<std::string> hugging_face_orgs;
  std::vector<std::string> modelscope_orgs;
  std::vector<std::string> model_families;  ///< Model-name prefixes: `deepseek-r1`, `qwen`.
  std::vector<std::string> api_hosts;       ///< `api.deepseek.com`; one `*` stands for a label part.
  std::vector<std::string> sources;
  std::string file;  ///< Where it is declared.
  location where;
};

/// How a name was recognised.
enum class match_kind : std::uint8_t {
  name,              ///< A legal or brand name, ignoring case, punctuation and legal suffixes.
  hugging_face_org,  ///< The organisation of a Hugging Face id (`deepseek-ai/...`), or the org alone.
  modelscope_org,    ///< The organisation of a ModelScope id.
  model_family,      ///< A model name of a family the developer publishes (`deepseek-r1`).
  api_host,          ///< An API host or URL: its operator.
  reupload_by_name,  ///< A re-upload (`bartowski/...-GGUF`): only the model's name says who built it.
  file_name_guess,   ///< A local path (`/models/DeepSeek-V3`): a guess from the file name.
  name_within,       ///< A name the registry does not know that contains one it does, as whole
                     ///< words (`Hangzhou DeepSeek ... Research Co., Ltd.`): a guess.
};

/// `name`, `Hugging Face organisation`, ...: the words reports use.
const char* to_string(match_kind how);

/// Whether a match of this kind rests on a name alone (a re-upload's model name, a local path,
/// a known name inside an unknown one): reports flag what follows from it as a name match.
bool by_name_only(match_kind how);

struct entity_match {
  const entity_info* entity = nullptr;
  match_kind how = match_kind::name;
  std::string matched;  ///< The part of the input that matched (`deepseek-ai`, `deepseek-r1`).
};

/// A company name as compared: lowercase ASCII, punctuation and spacing dropped, trailing legal
/// suffixes (`Co., Ltd.`, `Inc.`, `AI`...) removed. Non-ASCII text (深度求索) is kept as is.
std::string normalize_company_name(std::string_view name);

/// The registry of a rule library. Built once by the checker; immutable afterwards.
class entity_registry {
 public:
  /// Adds an entity; `index()` must run after the last one. Returns its position.
  std::uint32_t add(entity_info e);
  /// Room for `n` entities, added next.
  void reserve(std::size_t n);
  /// Builds the lookup tables. The checker has already refused names claimed twice; should one
  /// remain, the entity declared first keeps it.
  void index();

  const std::vector<entity_info>& all() const { return entities_; }
  const entity_info* find(std::string_view id) const;
  /// The entity whose display name is exactly `name`, or nullptr.
  const entity_info* find_by_display_name(std::string_view name) const;

  std::optional<entity_match> company(std::string_view name) const;
  std::optional<entity_match> model(std::string_view model_id) const;
  std::optional<entity_match> api_host(std::string_view host_or_url) const;
  /// When `company(name)` is a guess from a known name within it: another company's name the
  /// name holds in other words (`Azure AI Foundry (DeepSeek)`: DeepSeek, beside Microsoft's
  /// `Azure`). Nothing when it holds one company's names only.
  std::optional<entity_match> also_named(std::string_view name) const;

 private:
  struct entry {
    std::uint32_t entity = 0;
    match_kind how = match_kind::name;
  };
  std::optional<entity_match> family(std::string_view model_name, match_kind how) const;
  // A known name inside an unknown one, as whole words: the earliest, or with `other` another
  // company's apart from it.
  std::optional<entity_match> within(std::string_view name, bool other = false) const;

  std::vector<entity_info> entities_;
  std::unordered_map<std::string, entry> names_;  // normalized company names and orgs
  std::unordered_map<std::string, entry> orgs_;   // organisations exactly, lowercase
  std::vector<std::pair<std::string, std::uint32_t>> families_;  // lowercase prefixes
  std::vector<std::pair<std::string, std::uint32_t>> hosts_;     // lowercase host patterns
};

/// The company `name` designates (vendor, provider or operator names; Hugging Face or ModelScope
/// organisations; API hosts), case-, punctuation- and legal-suffix-insensitively.
std::optional<entity_match> resolve_company(const library& rules, std::string_view name);
/// The developer of a model named by its Hugging Face or ModelScope id, or by a known family;
/// re-uploads and local paths resolve by the model's name only, and say so (`how`).
std::optional<entity_match> resolve_model(const library& rules, std::string_view model_id);
/// The operator of an API host (`api.deepseek.com`) or of a URL on it.
std::optional<entity_match> resolve_api_host(const library& rules, std::string_view host_or_url);
/// Every entity, in id order.
std::vector<const entity_info*> entities(const library& rules);
/// The entity with this id, or nullptr.
const entity_info* find_entity(const library& rules, std::string_view id);

}  // namespace lexgate
