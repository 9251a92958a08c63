// The YAML tree reader: byte checks, a flow-depth pre-scan, and yaml-cpp events turned into
// yaml_node with every limit enforced as the nodes arrive (layer: profile).
#include "io/yaml_tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <limits>
#include <new>
#include <sstream>
#include <unordered_map>

namespace lexgate::detail {

const yaml_node* yaml_node::find(std::string_view key) const {
  if (k != kind::mapping) return nullptr;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].k == kind::scalar && items[i].text == key) return &items[i + 1];
  }
  return nullptr;
}

span yaml_span(const source_file& file, const yaml_node& node) {
  const std::string& s = file.text();
  const std::uint32_t at = node.offset;
  const std::size_t n = node.text.size();
  if (node.k == yaml_node::kind::scalar && n > 0 && at < s.size()) {
    if (s.compare(at, n, node.text) == 0) return {at, static_cast<std::uint32_t>(at + n)};
    const char quote = s[at];
    if ((quote == '"' || quote == '\'') && s.compare(at + 1, n, node.text) == 0 &&
        at + 1 + n < s.size() && s[at + 1 + n] == quote) {
      return {at, static_cast<std::uint32_t>(at + n + 2)};
    }
  }
  return {at, at + 1};
}

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Unwinds yaml-cpp once a problem that makes further parsing pointless has been reported.
struct stop_parsing {};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// A NUL is refused with the encoding errors: it is never part of a text file, and yaml-cpp would
// take NUL-rich input for UTF-16 or UTF-32.
struct byte_problem {
  std::size_t offset;
  bool nul;
};

std::optional<byte_problem> check_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return byte_problem{i, true};
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t smallest = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      smallest = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      smallest = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      smallest = 0x10000;
    } else {
      return byte_problem{i, false};
    }
    if (i + length > s.size()) return byte_problem{i, false};
    std::uint32_t cp = c & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return byte_problem{i, false};
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    if (cp < smallest || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return byte_problem{i, false};
    }
    i += length;
  }
  return std::nullopt;
}

std::size_t skip_quoted(std::string_view s, std::size_t i) {
  const char quote = s[i];
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (quote == '"' && s[j] == '\\') {
      ++j;
    } else if (s[j] == quote) {
      if (quote == '\'' && j + 1 < s.size() && s[j + 1] == '\'') {
        ++j;  // '' is an escaped quote
      } else {
        return j + 1;
      }
    }
  }
  return s.size();
}

// Content lines of a block scalar are indented deeper than the line holding its `|` or `>`
// (or are blank); the first line that is not ends it.
std::size_t skip_block_scalar(std::string_view s, std::size_t i, std::size_t line_start) {
  std::size_t indent = 0;
  while (line_start + indent < s.size() && s[line_start + indent] == ' ') ++indent;
  while (i < s.size() && s[i] != '\n') ++i;
  while (i < s.size()) {
    const std::size_t next = i + 1;
    std::size_t j = next;
    while (j < s.size() && s[j] == ' ') ++j;
    const bool blank = j >= s.size() || is_break(s[j]);
    if (!blank && j - next <= indent) return next;
    i = j;
    while (i < s.size() && s[i] != '\n') ++i;
  }
  return s.size();
}

// yaml-cpp keeps every token of an open flow collection in memory until the collection closes,
// and its own recursion guard (500 levels) reports only "bad file" at the end of the input. So
// `[` and `{` are counted before yaml-cpp reads anything. A bracket counts only where a node may
// start, and quoted scalars, comments and block scalars are skipped: odd files may be
// under-counted (the event handler's depth check still stops them), but brackets inside text
// never make a valid file fail.
std::optional<std::size_t> flow_too_deep(std::string_view s, std::size_t begin,
                                         std::uint32_t limit) {
  std::uint32_t depth = 0;
  bool node_start = true;
  std::size_t line_start = begin;
  const auto ends_token = [&](std::size_t j) {
    return j >= s.size() || is_blank(s[j]) || is_break(s[j]) ||
           (depth > 0 && is_flow_indicator(s[j]));
  };
  std::size_t i = begin;
  while (i < s.size()) {
    const char c = s[i];
    if (is_blank(c)) {
      ++i;
    } else if (is_break(c)) {
      node_start = true;
      if (c == '\n') line_start = i + 1;
      ++i;
    } else if (c == '#' && (i == begin || is_blank(s[i - 1]) || is_break(s[i - 1]))) {
      while (i < s.size() && !is_break(s[i])) ++i;
    } else if (node_start && (c == '"' || c == '\'')) {
      i = skip_quoted(s, i);
      node_start = false;
    } else if (node_start && (c == '&' || c == '!')) {
      // An anchor or a tag: the node itself still follows.
      ++i;
      if (c == '!' && i < s.size() && s[i] == '<') {
        while (i < s.size() && s[i] != '>' && !is_break(s[i])) ++i;
      }
      while (i < s.size() && !ends_token(i)) ++i;
    } else if (node_start && depth == 0 && (c == '|' || c == '>')) {
      i = skip_block_scalar(s, i, line_start);
      line_start = i;
    } else if (i == line_start && (s.substr(i, 3) == "---" || s.substr(i, 3) == "...") &&
               ends_token(i + 3)) {
      i += 3;
      node_start = true;
    } else if (c == '[' || c == '{') {
      if (node_start && ++depth > limit) return i;
      ++i;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
      node_start = false;
      ++i;
    } else if (c == ',') {
      node_start = depth > 0;
      ++i;
    } else if (c == ':') {
      node_start = ends_token(i + 1);
      ++i;
    } else if (c == '-' || c == '?') {
      node_start = node_start && ends_token(i + 1);
      ++i;
    } else {
      node_start = false;
      ++i;
    }
  }
  return std::nullopt;
}

std::string sentence_fragment(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

class tree_builder final : public YAML::EventHandler {
 public:
  tree_builder(const source_file& file, diagnostic_bag& bag, const profile_limits& limits,
               std::uint32_t base)
      : file_(file), bag_(bag), limits_(limits), base_(base) {}

  bool failed() const { return failed_; }
  std::optional<yaml_node>& root() { return root_; }

  // yaml-cpp marks count from 0 after the byte-order mark; offsets here count from the file's
  // first byte.
  std::uint32_t offset(const YAML::Mark& mark) const {
    const std::size_t size = file_.text().size();
    if (mark.pos < 0) return static_cast<std::uint32_t>(size);
    return static_cast<std::uint32_t>(
        std::min<std::size_t>(base_ + static_cast<std::size_t>(mark.pos), size));
  }

  void report(const char* code, std::string message, span where, std::string help,
              bool fatal) {
    failed_ = true;
    bag_.report(diagnostic_severity::error, code, std::move(message), &file_, where,
                std::move(help));
    if (fatal || bag_.full()) throw stop_parsing{};
  }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) {
      const std::uint32_t at = offset(mark);
      report("profile.multiple_documents", "more than one YAML document in the file",
             {at, at + 1}, "a profile is one document: remove this `---` and what follows it",
             true);
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_node(mark);
    yaml_node n;
    n.offset = offset(mark);
    place(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::uint32_t at = offset(mark);
    if (++aliases_ > limits_.max_aliases) {
      report("profile.limit", "more than " + std::to_string(limits_.max_aliases) + " aliases",
             {at, at + 1}, "write the repeated values out instead", true);
    }
    const yaml_node* target = nullptr;
    if (auto it = anchors_.find(anchor); it != anchors_.end()) target = resolve(it->second);
    if (target == nullptr) {
      // yaml-cpp knows the anchor, so the alias sits inside the node the anchor names: an
      // infinitely deep value.
      report("profile.syntax", "the alias `" + alias_name(at) + "` is used inside its own anchor",
             {at, at + 1}, {}, true);
      return;
    }
    const std::size_t room = yaml_max_nodes - nodes_;
    const std::size_t size = count_nodes(*target, room + 1);
    if (size > room) {
      report("profile.limit",
             "the document expands to more than " + std::to_string(yaml_max_nodes) +
                 " values through its aliases",
             {at, at + 1}, "use fewer aliases", true);
    }
    nodes_ += size;
    yaml_node copy = *target;
    copy.offset = at;
    place(std::move(copy), YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_node(mark);
    check_tag(mark, tag);
    yaml_node n;
    n.k = yaml_node::kind::scalar;
    n.plain = tag == "?";
    n.offset = offset(mark);
    if (value.size() > limits_.max_string_bytes) {
      report("profile.limit",
             "a string longer than " + std::to_string(limits_.max_string_bytes) + " bytes",
             {n.offset, n.offset + 1}, {}, false);
    } else {
      n.text = value;
    }
    place(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, yaml_node::kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, anchor, yaml_node::kind::mapping);
  }
  void OnMapEnd() override { close(); }

 private:
  struct frame {
    yaml_node node;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::unordered_map<std::string, std::uint32_t> keys;  // scalar key → its offset
    std::optional<std::uint32_t> null_key;
  };

  void count_node(const YAML::Mark& mark) {
    if (++nodes_ > yaml_max_nodes) {
      const std::uint32_t at = offset(mark);
      report("profile.limit",
             "the document has more than " + std::to_string(yaml_max_nodes) + " values",
             {at, at + 1}, {}, true);
    }
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    // yaml-cpp hands over the resolved tag (`tag:yaml.org,2002:str`); quote what was written.
    const std::string& s = file_.text();
    std::size_t i = offset(mark);
    for (int property = 0; property < 2 && i < s.size(); ++property) {
      if (s[i] == '&') {
        while (i < s.size() && !is_blank(s[i]) && !is_break(s[i])) ++i;
        while (i < s.size() && is_blank(s[i])) ++i;
        continue;
      }
      if (s[i] != '!') break;
      std::size_t end = i + 1;
      if (end < s.size() && s[end] == '<') {
        while (end < s.size() && s[end] != '>' && !is_break(s[end])) ++end;
        if (end < s.size() && s[end] == '>') ++end;
      } else {
        while (end < s.size() && !is_blank(s[end]) && !is_break(s[end]) &&
               !is_flow_indicator(s[end])) {
          ++end;
        }
      }
      tag_error(s.substr(i, end - i), {static_cast<std::uint32_t>(i),
                                       static_cast<std::uint32_t>(end)});
      return;
    }
    constexpr std::string_view core = "tag:yaml.org,2002:";
    const std::string written =
        tag.compare(0, core.size(), core) == 0 ? "!!" + tag.substr(core.size()) : tag;
    const std::uint32_t at = offset(mark);
    tag_error(written, {at, at + 1});
  }

  void tag_error(const std::string& written, span where) {
    report("profile.tag", "tags are not supported: `" + written + "`", where,
           "remove the tag; the profile schema gives every value its type", false);
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            yaml_node::kind k) {
    if (stack_.size() >= limits_.max_depth) {
      const std::uint32_t at = offset(mark);
      report("profile.limit",
             "nesting deeper than " + std::to_string(limits_.max_depth) + " levels", {at, at + 1},
             {}, true);
    }
    count_node(mark);
    check_tag(mark, tag);
    frame f;
    f.node.k = k;
    f.node.offset = offset(mark);
    f.anchor = anchor;
    stack_.push_back(std::move(f));
  }

  void close() {
    frame f = std::move(stack_.back());
    stack_.pop_back();
    place(std::move(f.node), f.anchor);
  }

  void place(yaml_node n, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = path_of_next();
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    frame& parent = stack_.back();
    std::vector<yaml_node>& items = parent.node.items;
    const std::uint32_t at = parent.node.offset;
    if (parent.node.k == yaml_node::kind::sequence) {
      if (items.size() >= limits_.max_list_items) {
        report("profile.limit",
               "a list of more than " + std::to_string(limits_.max_list_items) + " items",
               {at, at + 1}, {}, true);
      }
    } else if (items.size() % 2 == 0) {
      if (items.size() / 2 >= limits_.max_list_items) {
        report("profile.limit",
               "a mapping of more than " + std::to_string(limits_.max_list_items) + " keys",
               {at, at + 1}, {}, true);
      }
      check_duplicate(parent, n);
    }
    items.push_back(std::move(n));
  }

  void check_duplicate(frame& parent, const yaml_node& key) {
    std::optional<std::uint32_t> first;
    if (key.k == yaml_node::kind::scalar) {
      auto [it, inserted] = parent.keys.emplace(key.text, key.offset);
      if (!inserted) first = it->second;
    } else if (key.k == yaml_node::kind::null) {
      if (parent.null_key) first = parent.null_key;
      parent.null_key = key.offset;
    }
    if (!first) return;
    report("profile.duplicate_key",
           "duplicate key `" + (key.k == yaml_node::kind::null ? std::string("~") : key.text) +
               "`",
           yaml_span(file_, key), "first given at line " + std::to_string(file_.locate(*first).line),
           false);
  }

  // Where the node about to be placed will sit: its index in each open collection, outermost
  // first. Anchors remember this path instead of a copy of the node, so anchoring costs nothing
  // and only alias uses spend the node budget.
  std::vector<std::uint32_t> path_of_next() const {
    std::vector<std::uint32_t> path;
    path.reserve(stack_.size());
    for (const frame& f : stack_) path.push_back(static_cast<std::uint32_t>(f.node.items.size()));
    return path;
  }

  // Follows a path from `path_of_next`; nullptr when it leads into a collection still open.
  const yaml_node* resolve(const std::vector<std::uint32_t>& path) const {
    if (path.empty()) return root_ ? &*root_ : nullptr;
    if (stack_.empty()) return nullptr;
    const yaml_node* node = &stack_.front().node;
    std::size_t depth = 0;  // while `node` is the open collection stack_[depth]
    bool open = true;
    for (const std::uint32_t index : path) {
      if (open && index == node->items.size()) {
        if (depth + 1 >= stack_.size()) return nullptr;
        node = &stack_[++depth].node;
        continue;
      }
      if (index >= node->items.size()) return nullptr;
      node = &node->items[index];
      open = false;
    }
    return open ? nullptr : node;
  }

  static std::size_t count_nodes(const yaml_node& n, std::size_t cap) {
    std::size_t total = 1;
    for (const auto& item : n.items) {
      if (total > cap) break;
      total += count_nodes(item, cap - total);
    }
    return total;
  }

  std::string alias_name(std::uint32_t at) const {
    const std::string& s = file_.text();
    std::size_t end = at;
    while (end < s.size() && !is_blank(s[end]) && !is_break(s[end]) &&
           !is_flow_indicator(s[end])) {
      ++end;
    }
    return s.substr(at, end - at);
  }

  const source_file& file_;
  diagnostic_bag& bag_;
  const profile_limits& limits_;
  std::uint32_t base_;
  std::vector<frame> stack_;
  std::unordered_map<YAML::anchor_t, std::vector<std::uint32_t>> anchors_;
  std::optional<yaml_node> root_;
  std::uint32_t documents_ = 0;
  std::uint32_t aliases_ = 0;
  std::size_t nodes_ = 0;
  bool failed_ = false;
};

span at_byte(std::size_t offset) {
  const auto at = static_cast<std::uint32_t>(offset);
  return {at, at + 1};
}

}  // namespace

std::optional<yaml_node> parse_yaml(const source_file& file, diagnostic_bag& bag,
                                    const profile_limits& limits) {
  const std::string& text = file.text();
  const auto error = [&](const char* code, std::string message, span where,
                         std::string help = {}) {
    bag.report(diagnostic_severity::error, code, std::move(message), &file, where,
               std::move(help));
  };
  if (text.size() > limits.max_file_bytes ||
      text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    error("profile.limit",
          "the file is " + std::to_string(text.size()) + " bytes, more than the limit of " +
              std::to_string(limits.max_file_bytes),
          {0, 0});
    return std::nullopt;
  }
  if (auto bad = check_utf8(text)) {
    if (bad->nul) {
      error("profile.utf8", "NUL byte at byte offset " + std::to_string(bad->offset),
            at_byte(bad->offset), "a profile is UTF-8 text, which never contains NUL bytes");
    } else {
      error("profile.utf8", "invalid UTF-8 at byte offset " + std::to_string(bad->offset),
            at_byte(bad->offset), "save the file as UTF-8");
    }
    return std::nullopt;
  }
  const std::uint32_t base = text.compare(0, kBom.size(), kBom) == 0 ? kBom.size() : 0;
  if (auto deep = flow_too_deep(text, base, limits.max_depth)) {
    error("profile.limit", "nesting deeper than " + std::to_string(limits.max_depth) + " levels",
          at_byte(*deep));
    return std::nullopt;
  }

  tree_builder builder(file, bag, limits, base);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const stop_parsing&) {
    // Already reported.
  } catch (const YAML::DeepRecursion&) {
    // Only reachable when max_depth is above yaml-cpp's own limit; its mark is then useless.
    error("profile.limit", "nesting deeper than the YAML parser allows", {0, 0});
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    const std::uint32_t at = builder.offset(e.mark);
    error("profile.syntax", sentence_fragment(e.msg), {at, at + 1});
    return std::nullopt;
  } catch (const std::bad_alloc&) {
    error("profile.limit", "the document needs more memory than is available", {0, 0});
    return std::nullopt;
  }
  if (builder.failed()) return std::nullopt;
  auto& root = builder.root();
  if (!root || root->k == yaml_node::kind::null) {
    error("profile.empty", "the profile is empty", {0, 0}, "a profile starts with `profile: 1`");
    return std::nullopt;
  }
  return std::move(root);
}

}  // namespace lexgate::detail
