// A small YAML document tree built from yaml-cpp's event parser, with limits (layer: profile).
//
// The event API (not YAML::Load) is used so that every node keeps its byte offset, duplicate
// keys can be caught, and alias expansion, depth and size are bounded while parsing, before a
// hostile file can exhaust memory or the stack.
#include "io/yaml_events.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <array>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

#include "source/text_check.hpp"

namespace lexgate::detail {

const yaml_node* yaml_node::find(const std::string& k) const {
  if (this->k != kind::mapping) return nullptr;
  for (std::size_t i = 0; i < size(); ++i) {
    if (key(i).k == kind::scalar && key(i).text == k) return &value(i);
  }
  return nullptr;
}

namespace {

// Thrown from the event handler to stop yaml-cpp at the first violated limit; caught below.
struct stop_parsing {
  const char* code;
  std::string message;
  std::uint32_t offset;
  std::string help;
};

std::size_t count_nodes(const yaml_node& n) {
  std::size_t total = 1;
  for (const auto& item : n.items) total += count_nodes(item);
  return total;
}

class tree_builder : public YAML::EventHandler {
 public:
  tree_builder(const profile_limits& limits, const source_file& file)
      : limits_(limits), file_(file) {}
  // A stream of documents (deployment artifacts): each complete document goes to `each`, and
  // anchors and the expansion count start afresh, as YAML scopes anchors to a document.
  tree_builder(const profile_limits& limits, const source_file& file,
               const std::function<void(const yaml_node&)>& each)
      : limits_(limits), file_(file), each_(&each) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1 && each_ == nullptr) {
      throw stop_parsing{"profile.multiple_documents", "a profile holds one YAML document",
                         offset(mark), "remove the `---` separator and what follows it"};
    }
    // yaml-cpp can report empty documents forever where a flow collection is left open at the
    // end of the text: a stream has no more documents than bytes, and each starts further on.
    if (documents_ > 1 && (mark.pos == last_document_ || documents_ > file_.text().size() + 1)) {
      throw stop_parsing{"profile.syntax", "the YAML text ends inside an unfinished document",
                         offset(mark), "close every `{` and `[`"};
    }
    last_document_ = mark.pos;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    yaml_node n;
    n.offset = offset(mark);
    add(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (++aliases_ > limits_.max_aliases) {
      throw stop_parsing{"profile.limit",
                         "more than " + std::to_string(limits_.max_aliases) + " aliases",
                         offset(mark), "write the values out instead of repeating aliases"};
    }
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      throw stop_parsing{"profile.syntax", "alias to an unknown anchor", offset(mark), {}};
    }
    nodes_ += count_nodes(it->second);
    check_nodes(mark);
    yaml_node copy = it->second;
    copy.offset = offset(mark);
    add(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_tag(mark, tag);
    if (value.size() > limits_.max_string_bytes) {
      throw stop_parsing{
          "profile.limit",
          "a value longer than " + std::to_string(limits_.max_string_bytes) + " bytes",
          offset(mark),
          {}};
    }
    yaml_node n;
    n.k = yaml_node::kind::scalar;
    n.text = value;
    n.plain = tag == "?";
    n.offset = offset(mark);
    // A plain `~`, `null` or empty value is YAML's null.
    if (n.plain &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      n.k = yaml_node::kind::null;
      n.text.clear();
    }
    add(std::move(n), anchor);
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

  std::optional<yaml_node>& root() { return root_; }

 private:
  struct frame {
    yaml_node node;
    YAML::anchor_t anchor;
  };

  std::uint32_t offset(const YAML::Mark& mark) const {
    // yaml-cpp marks count from 0 and carry the byte position.
    return mark.pos < 0 ? 0 : static_cast<std::uint32_t>(mark.pos);
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag) const {
    // Artifacts carry tags of their own tools (`!!binary`, `!Ref`); their values are read as text.
    if (each_ != nullptr) return;
    if (tag.empty() || tag == "?" || tag == "!") return;
    throw stop_parsing{"profile.tag", "tags are not supported: `" + tag + "`", offset(mark),
                       "write the value without a tag"};
  }

  void check_nodes(const YAML::Mark& mark) const {
    if (nodes_ > kMaxNodes) {
      throw stop_parsing{"profile.limit",
                         "more than " + std::to_string(kMaxNodes) +
                             " values after expanding "
                             "aliases",
                         offset(mark),
                         {}};
    }
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            yaml_node::kind k) {
    check_tag(mark, tag);
    if (stack_.size() >= limits_.max_depth) {
      throw stop_parsing{"profile.limit",
                         "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
                         offset(mark),
                         {}};
    }
    yaml_node n;
    n.k = k;
    n.offset = offset(mark);
    ++nodes_;
    check_nodes(mark);
    stack_.push_back({std::move(n), anchor});
  }

  void close() {
    frame f = std::move(stack_.back());
    stack_.pop_back();
    add_complete(std::move(f.node), f.anchor);
  }

  void add(yaml_node n, YAML::anchor_t anchor) {
    ++nodes_;
    YAML::Mark none;
    check_nodes(none);
    add_complete(std::move(n), anchor);
  }

  void add_complete(yaml_node n, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = n;
    if (stack_.empty()) {
      if (each_ != nullptr) {
        (*each_)(n);
        anchors_.clear();
        nodes_ = 0;
        return;
      }
      root_ = std::move(n);
      return;
    }
    yaml_node& parent = stack_.back().node;
    if (parent.items.size() >= 2u * limits_.max_list_items) {
      throw stop_parsing{"profile.limit",
                         "more than " + std::to_string(limits_.max_list_items) + " items",
                         parent.offset,
                         {}};
    }
    // In a mapping, an even index is a key: it must not repeat an earlier one.
    if (parent.k == yaml_node::kind::mapping && parent.items.size() % 2 == 0 &&
        n.k == yaml_node::kind::scalar) {
      for (std::size_t i = 0; i < parent.items.size(); i += 2) {
        const yaml_node& earlier = parent.items[i];
        if (earlier.k == yaml_node::kind::scalar && earlier.text == n.text) {
          throw stop_parsing{
              "profile.duplicate_key", "duplicate key `" + n.text + "`", n.offset,
              "first given at line " + std::to_string(file_.locate(earlier.offset).line)};
        }
      }
    }
    parent.items.push_back(std::move(n));
  }

  static constexpr std::size_t kMaxNodes = 1000000;
  const profile_limits& limits_;
  const source_file& file_;
  const std::function<void(const yaml_node&)>* each_ = nullptr;
  std::vector<frame> stack_;
  std::map<YAML::anchor_t, yaml_node> anchors_;
  std::optional<yaml_node> root_;
  std::uint32_t documents_ = 0;
  int last_document_ = -1;  ///< Where the last document started (`YAML::Mark::pos`).
  std::uint32_t aliases_ = 0;
  std::size_t nodes_ = 0;
};

// The bytes that matter to the count outside quotes and comments; every other byte is passed
// over with one look-up, as nearly all of a profile is.
constexpr std::array<bool, 256> kFlowBytes = [] {
  std::array<bool, 256> t{};
  for (const char c : std::string_view("#\"'[]{}")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

// yaml-cpp's own nesting guard allows 500 levels; flow collections are counted here first so
// that a file of nothing but `[[[[…` is refused before yaml-cpp recurses into it.
std::optional<std::size_t> too_deep_flow(const std::string& s, std::uint32_t limit) {
  std::uint32_t depth = 0;
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const char c = s[i];
    if (!kFlowBytes[static_cast<unsigned char>(c)]) {
      ++i;
      continue;
    }
    if (c == '#') {
      if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n') {
        // A comment, to the end of its line (the line feed included).
        const void* end = std::memchr(s.data() + i, '\n', n - i);
        if (end == nullptr) return std::nullopt;
        i = static_cast<std::size_t>(static_cast<const char*>(end) - s.data()) + 1;
        continue;
      }
    } else if (c == '"' || c == '\'') {
      if (i == 0 || std::string_view(" \t\n[{,:-").find(s[i - 1]) != std::string::npos) {
        // A quoted scalar, to its closing quote; in double quotes a backslash escapes a byte.
        ++i;
        while (i < n) {
          const char d = s[i];
          if (d == '\\' && c == '"') {
            i += 2;
          } else {
            ++i;
            if (d == c) break;
          }
        }
        continue;
      }
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (depth > 0) {  // `]` or `}`
      --depth;
    }
    ++i;
  }
  return std::nullopt;
}

std::string lowercase_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

span at(std::uint32_t offset) {
  return {offset, offset + 1};
}

// The checks made before yaml-cpp sees the text: size, encoding and flow nesting.
bool acceptable_text(const source_file& file, diagnostic_bag& bag, const profile_limits& limits) {
  const std::string& text = file.text();
  if (text.size() > limits.max_file_bytes) {
    bag.report(
        diagnostic_severity::error, "profile.limit",
        // Reading stops just past the limit, so the size is not known: say only that it is over.
        "the file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes",
        &file, {0, 0});
    return false;
  }
  if (auto bad = invalid_utf8_at(text)) {
    bag.report(diagnostic_severity::error, "profile.utf8",
               "invalid UTF-8 at byte offset " + std::to_string(*bad), &file,
               at(static_cast<std::uint32_t>(*bad)), "save the file as UTF-8");
    return false;
  }
  if (auto deep = too_deep_flow(text, limits.max_depth)) {
    bag.report(diagnostic_severity::error, "profile.limit",
               "nesting deeper than " + std::to_string(limits.max_depth) + " levels", &file,
               at(static_cast<std::uint32_t>(*deep)));
    return false;
  }
  return true;
}

// Runs yaml-cpp over the text into `builder`; false (with a diagnostic) on a syntax error or
// a violated limit.
bool run_parser(const source_file& file, tree_builder& builder, diagnostic_bag& bag) {
  std::istringstream in(file.text());
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const stop_parsing& stop) {
    bag.report(diagnostic_severity::error, stop.code, stop.message, &file, at(stop.offset),
               stop.help);
    return false;
  } catch (const YAML::Exception& e) {
    const std::uint32_t offset = e.mark.pos < 0 ? 0 : static_cast<std::uint32_t>(e.mark.pos);
    bag.report(diagnostic_severity::error, "profile.syntax", lowercase_first(e.msg), &file,
               at(offset));
    return false;
  }
  return true;
}

}  // namespace

std::optional<yaml_node> parse_yaml(const source_file& file, diagnostic_bag& bag,
                                    const profile_limits& limits) {
  if (!acceptable_text(file, bag, limits)) return std::nullopt;
  tree_builder builder(limits, file);
  if (!run_parser(file, builder, bag)) return std::nullopt;
  auto& root = builder.root();
  if (!root || root->k == yaml_node::kind::null) {
    bag.report(diagnostic_severity::error, "profile.empty", "the file is empty", &file, {0, 0},
               "a profile starts with `profile: 1`");
    return std::nullopt;
  }
  return std::move(root);
}

bool parse_yaml_documents(const source_file& file, diagnostic_bag& bag,
                          const profile_limits& limits,
                          const std::function<void(const yaml_node&)>& each) {
  if (!acceptable_text(file, bag, limits)) return false;
  tree_builder builder(limits, file, each);
  return run_parser(file, builder, bag);
}

}  // namespace lexgate::detail
