// The entity registry's lookups: company names, model ids and API hosts → entities
// (layer: check). Only profile loading and the public resolve_* calls use them; evaluation
// compares the names that loading already resolved.
#include <algorithm>
#include <array>

#include "check/name_spelling.hpp"
#include "lexgate/entities.hpp"

namespace lexgate {

namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Words that end company names without telling companies apart: "Co., Ltd.", "Inc.", and the
// "AI" that brands and organisations append (`DeepSeek AI`, `deepseek-ai`).
constexpr std::array<std::string_view, 18> kSuffixes = {
    "co",  "ltd", "limited", "inc", "incorporated", "llc", "corp", "corporation", "company",
    "gmbh", "ag", "sa",      "sas", "plc",          "pte", "bv",  "group",       "ai"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A host from a host or URL: no scheme, credentials, port, path or trailing dot; lowercase.
std::string host_of(std::string_view s) {
  s = trim(s);
  if (auto scheme = s.find("://"); scheme != std::string_view::npos) s.remove_prefix(scheme + 3);
  if (auto end = s.find_first_of("/?#"); end != std::string_view::npos) s = s.substr(0, end);
  if (auto at = s.rfind('@'); at != std::string_view::npos) s.remove_prefix(at + 1);
  if (auto colon = s.find(':'); colon != std::string_view::npos) s = s.substr(0, colon);
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return lowercase(s);
}

// `*` stands for one or more characters of a single DNS label.
bool host_matches(std::string_view pattern, std::string_view host) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == host;
  const auto prefix = pattern.substr(0, star);
  const auto suffix = pattern.substr(star + 1);
  if (host.size() <= prefix.size() + suffix.size()) return false;
  if (host.substr(0, prefix.size()) != prefix) return false;
  if (host.substr(host.size() - suffix.size()) != suffix) return false;
  const auto middle = host.substr(prefix.size(), host.size() - prefix.size() - suffix.size());
  return middle.find('.') == std::string_view::npos;
}

bool word_char(char c) { return ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

bool is_suffix(std::string_view word) {
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view s) {
    return s.size() == word.size() &&
           std::equal(s.begin(), s.end(), word.begin(), [](char a, char b) { return a == lower(b); });
  });
}

// The words of a name, as views into it: runs of ASCII letters and digits, and of non-ASCII
// bytes. Words compare ignoring ASCII case (`same_word`), so nothing is copied.
template <typename Out>
void words_of(std::string_view name, Out& out) {
  for (std::size_t i = 0; i < name.size();) {
    if (!word_char(name[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < name.size() && word_char(name[end])) ++end;
    if (!out.add(name.substr(i, end - i))) return;
    i = end;
  }
}

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool non_ascii(std::string_view word) { return static_cast<unsigned char>(word.front()) >= 0x80; }

// The words of a known name, without its trailing legal suffixes; room for the longest a
// registry holds (a legal name of ten words), a longer name being left out of the search.
struct phrase_words {
  std::array<std::string_view, 16> words;
  std::size_t size = 0;
  bool overflow = false;
  bool add(std::string_view w) {
    if (size == words.size()) {
      overflow = true;
      return false;
    }
    words[size++] = w;
    return true;
  }
};

struct name_words {
  std::vector<std::string_view> words;
  bool add(std::string_view w) {
    words.push_back(w);
    return true;
  }
};

// How many of `words`, from the `i`th, spell `word`: one, or adjacent words written apart
// (`Deep Seek` for `DeepSeek`, as a name matches ignoring spacing); 0 when they do not.
std::size_t spelled_by(const std::vector<std::string_view>& words, std::size_t i,
                       std::string_view word) {
  std::size_t at = 0;  // of `word`, spelled so far
  for (std::size_t used = 0; i + used < words.size(); ++used) {
    const std::string_view w = words[i + used];
    if (w.size() > word.size() - at || !same_word(w, word.substr(at, w.size()))) return 0;
    at += w.size();
    if (at == word.size()) return used + 1;
  }
  return 0;
}

// Where `phrase` stands in `words` as whole words, or npos. A known name in a script written
// without spaces (深度求索) is found inside a longer run (杭州深度求索人工智能..., DeepSeek深度求索):
// UTF-8 text found in UTF-8 text starts and ends on character boundaries.
// `end` is set to the word after it.
std::size_t phrase_at(const std::vector<std::string_view>& words, const phrase_words& phrase,
                      std::size_t& end) {
  if (phrase.size == 0 || phrase.size > words.size()) return std::string::npos;
  if (phrase.size == 1 && non_ascii(phrase.words[0])) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      end = i + 1;
      if (words[i].find(phrase.words[0]) != std::string_view::npos) return i;
    }
    return std::string::npos;
  }
  for (std::size_t i = 0; i + phrase.size <= words.size(); ++i) {
    std::size_t at = i;
    std::size_t k = 0;
    for (std::size_t used = 0; k < phrase.size; ++k, at += used) {
      used = spelled_by(words, at, phrase.words[k]);
      if (used == 0) break;
    }
    if (k == phrase.size) {
      end = at;
      return i;
    }
  }
  return std::string::npos;
}

bool word_start(std::string_view s, std::size_t pos) {
  if (pos == 0) return true;
  const char c = s[pos - 1];
  return c == '-' || c == '_' || c == '.' || c == '/' || c == ' ' || c == ':';
}

}  // namespace

const char* to_string(match_kind how) {
  switch (how) {
    case match_kind::name:
      return "name";
    case match_kind::hugging_face_org:
      return "Hugging Face organisation";
    case match_kind::modelscope_org:
      return "ModelScope organisation";
    case match_kind::model_family:
      return "model family";
    case match_kind::api_host:
      return "API host";
    case match_kind::reupload_by_name:
      return "model name only (a re-upload)";
    case match_kind::file_name_guess:
      return "file name only (a guess)";
    case match_kind::name_within:
      return "a known name within it (a guess)";
  }
  return "?";
}

bool by_name_only(match_kind how) {
  return how == match_kind::reupload_by_name || how == match_kind::file_name_guess ||
         how == match_kind::name_within;
}

std::string normalize_company_name(std::string_view name) {
  // The words (runs of ASCII letters and digits, and of non-ASCII bytes), lowercased and
  // joined, without the suffixes that end the name, as long as a word is left. Found from the
  // end, so nothing is built, nor even counted, for the words before them.
  std::size_t end = name.size();  // the kept words end before `end`
  for (;;) {
    std::size_t last_end = end;
    while (last_end > 0 && !word_char(name[last_end - 1])) --last_end;
    std::size_t last_start = last_end;
    while (last_start > 0 && word_char(name[last_start - 1])) --last_start;
    std::size_t before = last_start;  // the end of a word before the last, if any
    while (before > 0 && !word_char(name[before - 1])) --before;
    if (before == 0) break;  // the last word left stays, suffix or not
    if (!is_suffix(name.substr(last_start, last_end - last_start))) break;
    end = before;
  }
  // Written through a pointer into room for every character, then cut to what was kept.
  std::string out(end, '\0');
  char* kept = out.data();
  for (std::size_t i = 0; i < end; ++i) {
    if (word_char(name[i])) *kept++ = lower(name[i]);
  }
  out.resize(static_cast<std::size_t>(kept - out.data()));
  return out;
}

std::uint32_t entity_registry::add(entity_info e) {
  entities_.push_back(std::move(e));
  return static_cast<std::uint32_t>(entities_.size() - 1);
}

void entity_registry::reserve(std::size_t n) { entities_.reserve(n); }

void entity_registry::index() {
  names_.clear();
  orgs_.clear();
  families_.clear();
  hosts_.clear();
  // Sized once for every name and organisation, rather than rehashed as they come.
  std::size_t names = 0;
  std::size_t orgs = 0;
  for (const entity_info& e : entities_) {
    orgs += e.hugging_face_orgs.size() + e.modelscope_orgs.size();
    names += 1 + e.names.size();
  }
  names_.reserve(names + orgs);
  orgs_.reserve(orgs);
  for (std::uint32_t i = 0; i < entities_.size(); ++i) {
    const entity_info& e = entities_[i];
    auto add_name = [&](const std::string& n, match_kind how) {
      std::string key = normalize_company_name(n);
      if (!key.empty()) names_.try_emplace(std::move(key), entry{i, how});
    };
    add_name(e.name, match_kind::name);
    for (const auto& n : e.names) add_name(n, match_kind::name);
    for (const auto& n : e.hugging_face_orgs) {
      add_name(n, match_kind::hugging_face_org);
      orgs_.try_emplace(lowercase(n), entry{i, match_kind::hugging_face_org});
    }
    for (const auto& n : e.modelscope_orgs) {
      add_name(n, match_kind::modelscope_org);
      orgs_.try_emplace(lowercase(n), entry{i, match_kind::modelscope_org});
    }
    for (const auto& f : e.model_families) families_.emplace_back(lowercase(f), i);
    for (const auto& h : e.api_hosts) hosts_.emplace_back(lowercase(h), i);
  }
}

const entity_info* entity_registry::find(std::string_view id) const {
  for (const auto& e : entities_) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const entity_info* entity_registry::find_by_display_name(std::string_view name) const {
  for (const auto& e : entities_) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::optional<entity_match> entity_registry::company(std::string_view name) const {
  name = trim(name);
  if (name.empty()) return std::nullopt;
  std::string looks;  // `ＤｅｅｐＳｅｅｋ` and `DееpSeek` (a Cyrillic `е`) are read as `DeepSeek`
  if (auto as_written = detail::as_it_looks(name)) {
    looks = std::move(*as_written);
    name = looks;
  }
  // An organisation written exactly (`deepseek-ai`) says how it was recognised.
  if (auto it = orgs_.find(lowercase(name)); it != orgs_.end()) {
    return entity_match{&entities_[it->second.entity], it->second.how, std::string(name)};
  }
  if (auto it = names_.find(normalize_company_name(name)); it != names_.end()) {
    return entity_match{&entities_[it->second.entity], it->second.how, std::string(name)};
  }
  // A provider written as a Hugging Face id names its organisation.
  if (auto slash = name.find('/'); slash != std::string_view::npos && slash > 0 &&
                                   name.find("://") == std::string_view::npos) {
    const auto org = name.substr(0, slash);
    if (auto it = names_.find(normalize_company_name(org)); it != names_.end()) {
      return entity_match{&entities_[it->second.entity], it->second.how, std::string(org)};
    }
  }
  // A host or URL names the company operating it.
  if (name.find(' ') == std::string_view::npos && name.find('.') != std::string_view::npos) {
    if (auto host = api_host(name)) return host;
  }
  return within(name);
}

std::optional<entity_match> entity_registry::also_named(std::string_view name) const {
  name = trim(name);
  std::string looks;
  if (auto as_written = detail::as_it_looks(name)) {
    looks = std::move(*as_written);
    name = looks;
  }
  return within(name, true);
}

std::optional<entity_match> entity_registry::within(std::string_view name, bool other) const {
  // A company under a spelling the registry lacks (a fuller legal name, a division, a brand
  // with a product name) would otherwise pass rules about that company unseen. The earliest
  // known name wins, the longer one at the same place; names shorter than four letters
  // (`Z.ai`, `01.AI` without their suffix) are too common inside other names to count.
  // Company names are short: their first 256 bytes, cut between words, are searched, so a
  // value of 64 KB (a hostile profile, line after line of a scan) costs what a name does.
  constexpr std::size_t searched = 256;
  if (name.size() > searched) {
    std::size_t cut = searched;
    while (cut > 0 && word_char(name[cut - 1]) && word_char(name[cut])) --cut;
    name = name.substr(0, cut);
  }
  name_words written;
  words_of(name, written);
  // Every known name found, as the words it covers: the earliest wins; another company's name
  // in other words makes the name ambiguous (`also_named`).
  struct found {
    const entity_info* entity;
    std::string_view matched;
    std::size_t at, end, length;
  };
  std::vector<found> all;
  for (const entity_info& e : entities_) {
    auto consider = [&](const std::string& known) {
      phrase_words phrase;
      words_of(known, phrase);
      if (phrase.overflow) return;
      while (phrase.size > 1 && is_suffix(phrase.words[phrase.size - 1])) --phrase.size;
      std::size_t length = 0;
      for (std::size_t k = 0; k < phrase.size; ++k) length += phrase.words[k].size();
      if (length < 4) return;
      std::size_t end = 0;
      const std::size_t at = phrase_at(written.words, phrase, end);
      if (at == std::string::npos) return;
      // `Zhipu AI` without its suffix is `Zhipu`: the known name up to its last word kept.
      const std::string_view last = phrase.words[phrase.size - 1];
      const auto kept = static_cast<std::size_t>(last.data() + last.size() - known.data());
      all.push_back({&e, std::string_view(known).substr(0, kept), at, end, length});
    };
    consider(e.name);
    for (const auto& n : e.names) consider(n);
  }
  if (all.empty()) return std::nullopt;
  const found* best = &all.front();
  for (const found& f : all) {
    if (f.at < best->at || (f.at == best->at && f.length > best->length)) best = &f;
  }
  if (!other) return entity_match{best->entity, match_kind::name_within, std::string(best->matched)};
  const found* second = nullptr;
  for (const found& f : all) {
    const bool apart = f.end <= best->at || f.at >= best->end;
    if (f.entity != best->entity && apart && (second == nullptr || f.at < second->at)) second = &f;
  }
  if (second == nullptr) return std::nullopt;
  return entity_match{second->entity, match_kind::name_within, std::string(second->matched)};
}

std::optional<entity_match> entity_registry::family(std::string_view model_name,
                                                    match_kind how) const {
  // A catalogue's display name separates its words with spaces where the model's id has
  // hyphens (`DeepSeek R1 Distill Llama 70B` for `DeepSeek-R1-Distill-Llama-70B`), and some ids
  // use underscores: all three are one separator inside a family, so `deepseek-r1` is found
  // first, not the base model's `llama` further on. A family that ends in its hyphen
  // (`deepseek-`) is a company's name as the start of an id, and needs the hyphen itself:
  // `DeepSeek on Azure` only holds the company's name, a guess (`within`).
  const std::string written = lowercase(model_name);
  std::string lowered = written;
  std::replace_if(lowered.begin(), lowered.end(), [](char c) { return c == ' ' || c == '_'; },
                  '-');
  std::optional<entity_match> best;
  std::size_t best_pos = std::string::npos;
  for (const auto& [prefix, i] : families_) {
    for (auto pos = lowered.find(prefix); pos != std::string::npos;
         pos = lowered.find(prefix, pos + 1)) {
      const std::size_t end = pos + prefix.size();
      // `llama` matches `llama3` and `llama-3`, not `llamaindex`; a prefix ending in
      // punctuation (`deepseek-`, Bedrock's `deepseek.`) is whole.
      const bool whole = !word_char(prefix.back()) || end == lowered.size() ||
                         !(lowered[end] >= 'a' && lowered[end] <= 'z');
      if (!word_start(lowered, pos) || !whole) continue;
      if (prefix.back() == '-' && written[end - 1] != '-') continue;
      if (pos < best_pos || (pos == best_pos && best && prefix.size() > best->matched.size())) {
        best = entity_match{&entities_[i], how, prefix};
        best_pos = pos;
      }
      break;
    }
  }
  return best;
}

std::optional<entity_match> entity_registry::model(std::string_view model_id) const {
  std::string_view id = trim(model_id);
  if (id.empty()) return std::nullopt;
  std::string looks;  // as `company` reads names
  if (auto as_written = detail::as_it_looks(id)) {
    looks = std::move(*as_written);
    id = looks;
  }
  // KServe's `hf://org/model`: the scheme only says where the weights come from; `file://` is a
  // local path.
  bool local = false;
  if (auto scheme = id.find("://"); scheme != std::string_view::npos) {
    local = id.substr(0, scheme) == "file";
    id.remove_prefix(scheme + 3);
  }
  if (id.empty()) return std::nullopt;
  local = local || id.front() == '/' || id.front() == '.' || id.front() == '~';
  const auto last_slash = id.rfind('/');
  std::optional<entity_match> found;
  if (local) {
    found = family(last_slash == std::string_view::npos ? id : id.substr(last_slash + 1),
                   match_kind::file_name_guess);
  } else if (last_slash == std::string_view::npos) {
    found = family(id, match_kind::model_family);
  } else {
    const auto org = id.substr(0, id.find('/'));
    if (auto it = orgs_.find(lowercase(org)); it != orgs_.end()) {
      return entity_match{&entities_[it->second.entity], it->second.how, std::string(org)};
    }
    // Anyone else's organisation re-uploads someone's model: only its name can tell whose.
    found = family(id.substr(last_slash + 1), match_kind::reupload_by_name);
  }
  // A model id of no known family that names a known company as a word (`DeepSeek R1 on
  // Azure`) is that company's as a guess, as company names are.
  return found ? found : within(id);
}

std::optional<entity_match> entity_registry::api_host(std::string_view host_or_url) const {
  const std::string host = host_of(host_or_url);
  if (host.empty()) return std::nullopt;
  for (const auto& [pattern, i] : hosts_) {
    if (host_matches(pattern, host)) return entity_match{&entities_[i], match_kind::api_host, host};
  }
  return std::nullopt;
}

}  // namespace lexgate
